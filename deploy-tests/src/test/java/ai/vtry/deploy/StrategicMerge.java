package ai.vtry.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Kubernetes' strategic merge patch that our overlays use: maps merge key by key, a
 * null deletes, the lists Kubernetes merges by {@code name} (containers, env, volumes, ...) merge
 * by name, and every other list is replaced. Lists whose merge key is not the name (a container's
 * {@code ports}) and {@code $patch} directives are refused rather than approximated.
 */
final class StrategicMerge {

    private static final Set<String> MERGED_BY_NAME =
            Set.of("containers", "initContainers", "env", "volumes", "volumeMounts", "imagePullSecrets");
    private static final Set<String> REFUSED = Set.of("ports");

    private StrategicMerge() {
    }

    static Object merge(Object base, Object patch) {
        return merge(base, patch, "");
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object base, Object patch, String path) {
        if (patch instanceof Map<?, ?> p && base instanceof Map<?, ?> b) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) copy(b));
            for (Map.Entry<String, Object> e : ((Map<String, Object>) p).entrySet()) {
                String key = e.getKey();
                if (key.startsWith("$")) {
                    throw new IllegalArgumentException(path + "/" + key + ": patch directives are not implemented");
                }
                if (e.getValue() == null) {
                    out.remove(key);
                } else if (REFUSED.contains(key) && e.getValue() instanceof List<?>) {
                    throw new IllegalArgumentException(path + "/" + key + ": merging this list is not implemented");
                } else if (MERGED_BY_NAME.contains(key) && e.getValue() instanceof List<?> pl && out.get(key) instanceof List<?> bl) {
                    out.put(key, mergeByName((List<Object>) bl, (List<Object>) pl, path + "/" + key));
                } else {
                    out.put(key, merge(out.get(key), e.getValue(), path + "/" + key));
                }
            }
            return out;
        }
        return copy(patch);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeByName(List<Object> base, List<Object> patch, String path) {
        List<Object> out = new ArrayList<>();
        for (Object item : base) {
            out.add(copy(item));
        }
        for (Object item : patch) {
            if (!(item instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
                throw new IllegalArgumentException(path + ": every item of a patch list needs a name");
            }
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i) instanceof Map<?, ?> existing && name.equals(existing.get("name"))) {
                    at = i;
                }
            }
            if (at >= 0) {
                out.set(at, merge(out.get(at), item, path + "[" + name + "]"));
            } else {
                out.add(copy(item));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object copy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, copy(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return o;
    }
}
