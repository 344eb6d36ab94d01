package ai.vtry.common.event;

/** Redis pub/sub channels between services (hints that may be lost, never state: that goes through Kafka). */
public final class Channels {

    /**
     * A provider's callback for one of its requests (fal's webhook), verified by the gateway; the
     * message is the provider's request id. generation-service polls that request at once.
     */
    public static String providerCallbacks(String provider) {
        return "vtry:provider-callbacks:" + provider;
    }

    private Channels() {
    }
}
