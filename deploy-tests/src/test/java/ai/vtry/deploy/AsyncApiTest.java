package ai.vtry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.event.JobStatus;
import ai.vtry.common.event.Topics;

/**
 * docs/asyncapi.yaml against the code: a channel for every topic of {@link Topics}, each Kafka
 * message's payload exactly the components of its Java record (the message's {@code name} in
 * ai.vtry.common.event), with matching JSON types, and the webhooks' job exactly the Job of the
 * public API's OpenAPI document.
 */
class AsyncApiTest {

    private static final String EVENTS = "ai.vtry.common.event.";
    private static final String OPENAPI = "api-gateway/src/main/resources/META-INF/openapi.yaml";

    private static Map<String, Object> asyncApi;
    private static Map<String, Object> openApi;

    @BeforeAll
    static void load() {
        Path root = root();
        asyncApi = yaml(root.resolve("docs/asyncapi.yaml"));
        openApi = yaml(root.resolve(OPENAPI));
        assertEquals("3.0.0", asyncApi.get("asyncapi"));
    }

    @Test
    void everyTopicHasAChannelAndEveryChannelATopic() {
        Set<String> addresses = new TreeSet<>();
        for (Map<String, Object> channel : kafkaChannels()) {
            String address = (String) channel.get("address");
            if (!address.contains("{")) {
                addresses.add(address);
                assertEquals(address, map(map(channel.get("bindings")).get("kafka")).get("topic"),
                        "the Kafka binding's topic of channel " + address);
            }
        }
        assertEquals(topics(), addresses, "Kafka channels of docs/asyncapi.yaml against the topics of Topics.java");
    }

    @Test
    void deadLettersAreDescribedOnceForEveryTopic() {
        List<Map<String, Object>> deadLetters = kafkaChannels().stream()
                .filter(c -> ((String) c.get("address")).contains("{")).toList();
        assertEquals(1, deadLetters.size(), "one channel with a parameter: the dead letters");
        Map<String, Object> channel = deadLetters.get(0);
        assertEquals(Topics.deadLetter("{topic}"), channel.get("address"));
        Map<String, Object> topic = map(map(channel.get("parameters")).get("topic"));
        assertEquals(topics(), new TreeSet<>(strings(topic.get("enum"))), "the topics whose dead letters the channel carries");
    }

    @Test
    void kafkaPayloadsAreTheJavaRecords() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map<String, Object> channel : kafkaChannels()) {
            String address = (String) channel.get("address");
            if (address.contains("{")) {
                continue; // dead letters: the original record, whatever it was
            }
            for (Object ref : map(channel.get("messages")).values()) {
                Map<String, Object> message = resolve(asyncApi, ref);
                String name = (String) message.get("name");
                Class<?> type;
                try {
                    type = Class.forName(EVENTS + name);
                } catch (ClassNotFoundException e) {
                    problems.add(address + ": message name " + name + " is no class in " + EVENTS);
                    continue;
                }
                if (!type.isRecord()) {
                    problems.add(address + ": " + type.getName() + " is not a record");
                    continue;
                }
                checkRecord(address + " " + name, type, resolve(asyncApi, message.get("payload")), problems);
                checked++;
            }
        }
        assertTrue(checked >= topics().size(), "every topic's message was checked (" + checked + ")");
        assertTrue(problems.isEmpty(), "docs/asyncapi.yaml differs from the event records:\n" + String.join("\n", problems));
    }

    @Test
    void enumsAreTheJavaEnums() {
        Map<String, Object> schemas = map(map(asyncApi.get("components")).get("schemas"));
        assertEquals(Arrays.stream(JobKind.values()).map(JobKind::wireName).toList(),
                strings(map(schemas.get("JobKind")).get("enum")), "JobKind's wire names");
        assertEquals(Arrays.stream(JobStatus.values()).map(Enum::name).toList(),
                strings(map(schemas.get("JobStatus")).get("enum")), "JobStatus");
    }

    @Test
    void webhookJobIsTheApiJob() {
        Set<String> api = properties(openApi, schema(openApi, "Job"));
        assertTrue(api.containsAll(properties(openApi, schema(openApi, "HistoryJob"))), "Job includes HistoryJob in openapi.yaml");
        Set<String> documented = properties(asyncApi, schema(asyncApi, "Job"));
        assertEquals(api, documented, "components.schemas.Job of docs/asyncapi.yaml against Job (HistoryJob and its own) of "
                + OPENAPI + ": only in asyncapi.yaml " + minus(documented, api) + ", only in openapi.yaml " + minus(api, documented));
        Map<String, Object> webhook = map(map(asyncApi.get("channels")).get("customer-webhook"));
        Set<String> types = new TreeSet<>();
        for (Object ref : map(webhook.get("messages")).values()) {
            Map<String, Object> message = resolve(asyncApi, ref);
            String type = (String) message.get("name");
            types.add(type);
            Map<String, Object> payload = resolve(asyncApi, message.get("payload"));
            assertEquals(Set.of("type", "createdAt", "data"), properties(asyncApi, payload), type + "'s payload");
            if (type.startsWith("job.")) {
                Map<String, Object> data = resolve(asyncApi, collected(asyncApi, payload).get("data"));
                assertEquals(api, properties(asyncApi, data), type + "'s data against the API's Job");
            }
            assertEquals(Set.of("webhook-id", "webhook-timestamp", "webhook-signature"),
                    properties(asyncApi, resolve(asyncApi, message.get("headers"))), type + "'s headers");
        }
        assertEquals(Set.of("job.completed", "job.failed", "job.cancelled", "webhook.test"), types, "webhook event types");
    }

    /** Property names, types and nullability of {@code schema} against the components of {@code record}. */
    private static void checkRecord(String where, Class<?> record, Map<String, Object> schema, List<String> problems) {
        Map<String, Object> properties = collected(asyncApi, schema);
        Set<String> components = new TreeSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            components.add(c.getName());
        }
        if (!components.equals(properties.keySet())) {
            problems.add(where + ": properties " + new TreeSet<>(properties.keySet()) + " but " + record.getSimpleName()
                    + " has " + components + " (missing " + minus(components, properties.keySet()) + ", not in the record "
                    + minus(properties.keySet(), components) + ")");
        }
        Set<String> required = new TreeSet<>(strings(schema.get("required")));
        for (RecordComponent c : record.getRecordComponents()) {
            Object property = properties.get(c.getName());
            if (property == null) {
                continue;
            }
            String at = where + "." + c.getName();
            checkType(at, c.getGenericType(), property, problems);
            boolean nullable = allowsNull(asyncApi, property);
            if (required.contains(c.getName()) == nullable) {
                problems.add(at + ": " + (nullable ? "required but allows null" : "neither required nor nullable")
                        + " (required means never null, the others allow null)");
            }
            if (c.getType().isPrimitive() && !required.contains(c.getName())) {
                problems.add(at + ": a " + c.getType() + " is never null, so it is required");
            }
        }
        for (String name : required) {
            if (!properties.containsKey(name)) {
                problems.add(where + ": required " + name + " is no property");
            }
        }
    }

    private static void checkType(String where, Type type, Object property, List<String> problems) {
        Class<?> raw = raw(type);
        String expected = jsonType(raw);
        List<Map<String, Object>> branches = nonNullBranches(asyncApi, property);
        Set<String> types = new TreeSet<>();
        for (Map<String, Object> branch : branches) {
            types.addAll(types(branch));
        }
        types.remove("null");
        if (!types.equals(Set.of(expected))) {
            problems.add(where + ": type " + types + " but the record's " + type.getTypeName() + " is " + expected);
            return;
        }
        Map<String, Object> schema = branches.get(0);
        String format = raw == UUID.class ? "uuid" : raw == Instant.class ? "date-time" : null;
        if (format != null && !format.equals(schema.get("format"))) {
            problems.add(where + ": format " + schema.get("format") + " but the record's " + raw.getSimpleName() + " is " + format);
        }
        if (raw.isEnum()) {
            List<String> values = raw == JobKind.class
                    ? Arrays.stream(JobKind.values()).map(JobKind::wireName).toList()
                    : Arrays.stream(raw.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
            if (!(schema.get("enum") instanceof List<?> listed) || !values.containsAll(listed)) {
                problems.add(where + ": enum " + schema.get("enum") + " is not among " + raw.getSimpleName() + "'s " + values);
            }
        }
        if (raw.isRecord()) {
            checkRecord(where, raw, schema, problems);
        }
        if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
            Object items = schema.get("items");
            if (items == null) {
                problems.add(where + ": an array without items");
            } else {
                checkType(where + "[]", p.getActualTypeArguments()[0], items, problems);
            }
        }
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class || type == UUID.class || type == Instant.class || type.isEnum()) {
            return "string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == double.class || type == Double.class) {
            return "number";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "object";
        }
        throw new IllegalStateException("no JSON type known for " + type.getName() + ": extend AsyncApiTest.jsonType");
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    /** The public static final String fields of Topics. */
    private static Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        for (Field f : Topics.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
                try {
                    topics.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return topics;
    }

    /** Channels on the Kafka server (those with a Kafka binding). */
    private static List<Map<String, Object>> kafkaChannels() {
        List<Map<String, Object>> channels = new ArrayList<>();
        for (Object channel : map(asyncApi.get("channels")).values()) {
            Map<String, Object> c = map(channel);
            if (c.get("bindings") instanceof Map<?, ?> bindings && bindings.containsKey("kafka")) {
                channels.add(c);
            }
        }
        assertTrue(channels.size() > 1, "docs/asyncapi.yaml has Kafka channels");
        return channels;
    }

    // --- the YAML documents

    /** The checkout: the directory with mvnw, from the working directory up. */
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            return map(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> schema(Map<String, Object> document, String name) {
        Map<String, Object> schema = map(map(map(document.get("components")).get("schemas")).get(name));
        assertTrue(schema != null, "components.schemas." + name);
        return schema;
    }

    /** Follows local references ({@code #/a/b}) until the node is no reference. */
    private static Map<String, Object> resolve(Map<String, Object> document, Object node) {
        Map<String, Object> current = map(node);
        for (int hops = 0; current != null && current.get("$ref") instanceof String ref; hops++) {
            if (!ref.startsWith("#/") || hops > 20) {
                throw new IllegalStateException("cannot follow $ref " + ref);
            }
            Object target = document;
            for (String segment : ref.substring(2).split("/")) {
                target = map(target).get(segment.replace("~1", "/").replace("~0", "~"));
            }
            if (target == null) {
                throw new IllegalStateException("$ref " + ref + " points at nothing");
            }
            current = map(target);
        }
        return current;
    }

    /** A schema's properties, with those of its allOf parts. */
    private static Map<String, Object> collected(Map<String, Object> document, Map<String, Object> schema) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (schema.get("properties") instanceof Map<?, ?> own) {
            properties.putAll(map(own));
        }
        if (schema.get("allOf") instanceof List<?> parts) {
            for (Object part : parts) {
                collected(document, resolve(document, part)).forEach(properties::putIfAbsent);
            }
        }
        return properties;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    private static Set<String> properties(Map<String, Object> document, Map<String, Object> schema) {
        return new TreeSet<>(collected(document, schema).keySet());
    }

    /** The schema, or its oneOf/anyOf alternatives, resolved, without those that only allow null. */
    private static List<Map<String, Object>> nonNullBranches(Map<String, Object> document, Object node) {
        Map<String, Object> schema = resolve(document, node);
        List<Map<String, Object>> branches = new ArrayList<>();
        for (String key : List.of("oneOf", "anyOf")) {
            if (schema.get(key) instanceof List<?> alternatives) {
                for (Object alternative : alternatives) {
                    branches.addAll(nonNullBranches(document, alternative));
                }
            }
        }
        Set<String> own = types(schema);
        own.remove("null");
        if (!own.isEmpty()) {
            branches.add(schema);
        }
        return branches;
    }

    private static boolean allowsNull(Map<String, Object> document, Object node) {
        Map<String, Object> schema = resolve(document, node);
        if (types(schema).contains("null")) {
            return true;
        }
        for (String key : List.of("oneOf", "anyOf")) {
            if (schema.get(key) instanceof List<?> alternatives) {
                for (Object alternative : alternatives) {
                    if (allowsNull(document, alternative)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Set<String> types(Map<String, Object> schema) {
        Object type = schema.get("type");
        return type == null ? new TreeSet<>() : new TreeSet<>(type instanceof List<?> ? strings(type) : List.of((String) type));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    private static List<String> strings(Object node) {
        return node == null ? List.of() : ((List<?>) node).stream().map(String::valueOf).toList();
    }
}
