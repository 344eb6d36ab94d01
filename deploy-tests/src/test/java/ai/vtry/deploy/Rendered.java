package ai.vtry.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** One overlay, rendered and parsed with the Kubernetes model (each overlay once per test run). */
record Rendered(String overlay, List<HasMetadata> objects) {

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    static Rendered of(String overlay) {
        return CACHE.computeIfAbsent(overlay, o -> {
            Path dir = Repo.path("deploy/k8s/overlays/" + o);
            List<HasMetadata> parsed = new ArrayList<>();
            for (Map<String, Object> object : Kustomize.render(dir)) {
                parsed.add(StrictModel.parse(object));
            }
            return new Rendered(o, List.copyOf(parsed));
        });
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() ->
                new AssertionError(overlay + ": no " + type.getSimpleName() + " named " + name));
    }

    /** Every workload's pod template, by "Kind/name". */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> out = new HashMap<>();
        all(Deployment.class).forEach(d -> out.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> out.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
        all(Job.class).forEach(j -> out.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate()));
        return out;
    }

    static List<Container> allContainers(PodTemplateSpec template) {
        List<Container> out = new ArrayList<>(template.getSpec().getContainers());
        if (template.getSpec().getInitContainers() != null) {
            out.addAll(template.getSpec().getInitContainers());
        }
        return out;
    }

    /** Kubernetes label-selector semantics; an empty selector selects everything. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(have.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String v = have.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> v != null && r.getValues().contains(v);
                    case "NotIn" -> v == null || !r.getValues().contains(v);
                    case "Exists" -> have.containsKey(r.getKey());
                    case "DoesNotExist" -> !have.containsKey(r.getKey());
                    default -> throw new AssertionError("unknown selector operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isEmpty(LabelSelector selector) {
        return selector == null
                || (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }
}
