package ai.vtry.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Parses a rendered object with the fabric8 Kubernetes model and fails on anything the model does
 * not know: an unknown kind, or a field that ended up in a model object's "additional properties"
 * (a typo such as {@code readinesProbe} parses silently otherwise).
 */
final class StrictModel {

    /** Kinds that are not in the Kubernetes model, with the spec fields we allow in them. */
    private static final Map<String, Set<String>> CUSTOM_KINDS = Map.of(
            "kafka.strimzi.io/v1beta2/KafkaTopic", Set.of("topicName", "partitions", "replicas", "config"),
            "kafka.strimzi.io/v1beta2/KafkaUser", Set.of("authentication", "authorization"));

    private StrictModel() {
    }

    static HasMetadata parse(Map<String, Object> object) {
        String id = object.get("apiVersion") + "/" + object.get("kind") + " " + Manifests.name(object);
        Object typed;
        try {
            typed = Serialization.unmarshal(Serialization.asJson(object));
        } catch (RuntimeException e) {
            throw new AssertionError(id + " does not parse with the Kubernetes model: " + e.getMessage(), e);
        }
        if (!(typed instanceof HasMetadata resource)) {
            throw new AssertionError(id + " is not a Kubernetes object");
        }
        List<String> unknown = new ArrayList<>();
        if (resource instanceof GenericKubernetesResource generic) {
            String kind = generic.getApiVersion() + "/" + generic.getKind();
            Set<String> specFields = CUSTOM_KINDS.get(kind);
            if (specFields == null) {
                throw new AssertionError(id + ": kind unknown to the Kubernetes model (a typo in apiVersion or kind?)");
            }
            if (generic.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec) {
                for (Object field : spec.keySet()) {
                    if (!specFields.contains(field)) {
                        unknown.add("spec." + field);
                    }
                }
            }
            walk(generic.getMetadata(), "metadata", unknown);
        } else {
            walk(resource, "", unknown);
        }
        if (!unknown.isEmpty()) {
            throw new AssertionError(id + ": fields unknown to the Kubernetes model: " + unknown);
        }
        return resource;
    }

    private static void walk(Object o, String path, List<String> unknown) {
        if (o == null) {
            return;
        }
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", unknown);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add((path.isEmpty() ? "" : path + ".") + k));
                }
                continue;
            }
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            walk(value, path.isEmpty() ? field : path + "." + field, unknown);
        }
    }
}
