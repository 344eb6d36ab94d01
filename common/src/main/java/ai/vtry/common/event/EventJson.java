package ai.vtry.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Consumers read events as strings and parse them here, inside their processing: an unreadable
 * message then fails like any other message and goes to the channel's dead-letter topic, where a
 * failure in the Kafka deserializer would stop the whole channel.
 */
public final class EventJson {

    public static <T> T parse(ObjectMapper json, String payload, Class<T> type) {
        try {
            T event = json.readValue(payload, type);
            if (event == null) {
                throw new IllegalArgumentException("Empty " + type.getSimpleName() + " message");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    private EventJson() {
    }
}
