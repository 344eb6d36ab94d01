package ai.vtry.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Navigation in rendered objects while they are still maps (before the typed model). */
final class Manifests {

    private Manifests() {
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> o) {
        return o.get("metadata") instanceof Map<?, ?> m ? (String) ((Map<String, Object>) m).get("name") : null;
    }

    /** The pod spec of a workload or pod, or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> podSpec(Map<String, Object> o) {
        Object spec = o.get("spec");
        if (!(spec instanceof Map<?, ?>)) {
            return null;
        }
        Map<String, Object> s = (Map<String, Object>) spec;
        return switch (String.valueOf(o.get("kind"))) {
            case "Pod" -> s;
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> at(s, "template", "spec");
            case "CronJob" -> at(s, "jobTemplate", "spec", "template", "spec");
            default -> null;
        };
    }

    /** Every container and init container of a workload, as live maps. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> o) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> pod = podSpec(o);
        if (pod != null) {
            for (String key : List.of("initContainers", "containers")) {
                if (pod.get(key) instanceof List<?> list) {
                    list.forEach(c -> out.add((Map<String, Object>) c));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> m, String... keys) {
        Map<String, Object> cur = m;
        for (String k : keys) {
            if (!(cur.get(k) instanceof Map<?, ?> next)) {
                return null;
            }
            cur = (Map<String, Object>) next;
        }
        return cur;
    }
}
