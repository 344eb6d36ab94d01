package ai.vtry.gateway.limit;

/** The in-memory fallback against the same contract as the Redis scripts. */
class LocalLimitStoreTest extends LimitStoreContract {

    private final LocalLimitStore store = new LocalLimitStore();

    @Override
    LimitStore store() {
        return store;
    }
}
