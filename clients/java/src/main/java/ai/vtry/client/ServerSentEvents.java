package ai.vtry.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} (the HTML standard's Server-Sent Events): {@code id:}, {@code event:}
 * and {@code data:} lines make an event, a blank line dispatches it, lines starting with {@code :} are
 * comments (the API's keep-alives).
 */
final class ServerSentEvents {

    /**
     * One event.
     *
     * @param id the last {@code id:} seen in the stream, or null
     * @param name the {@code event:} name, {@code message} when none
     * @param data the {@code data:} lines joined by newlines
     */
    record Event(String id, String name, String data) {
    }

    /** Hands every event to the listener until the stream ends; an event cut off by the end is dropped. */
    static void read(InputStream stream, Consumer<Event> listener) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        String id = null;
        String name = null;
        StringBuilder data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    listener.accept(new Event(id, name == null ? "message" : name, data.toString()));
                }
                name = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // retry: and unknown fields are ignored, as the standard says
                }
            }
        }
    }

    private ServerSentEvents() {
    }
}
