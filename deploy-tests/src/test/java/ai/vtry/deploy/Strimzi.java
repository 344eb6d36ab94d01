package ai.vtry.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** The Strimzi objects of a rendered overlay (prod): KafkaTopics, KafkaUsers and the Secrets Strimzi writes. */
final class Strimzi {

    /** One ACL of a KafkaUser: resource type (topic, group, ...), name, pattern type, operations. */
    record Acl(String type, String name, String patternType, Set<String> operations) {
    }

    private Strimzi() {
    }

    static List<GenericKubernetesResource> all(Rendered r, String kind) {
        return r.all(GenericKubernetesResource.class).stream().filter(o -> kind.equals(o.getKind())).toList();
    }

    /** The KafkaUsers by name. */
    static Map<String, GenericKubernetesResource> users(Rendered r) {
        Map<String, GenericKubernetesResource> out = new LinkedHashMap<>();
        all(r, "KafkaUser").forEach(u -> out.put(u.getMetadata().getName(), u));
        return out;
    }

    /** The Kafka clusters the KafkaTopics and KafkaUsers belong to (label strimzi.io/cluster). */
    static Set<String> clusters(Rendered r) {
        Set<String> out = new TreeSet<>();
        for (String kind : List.of("KafkaTopic", "KafkaUser")) {
            all(r, kind).forEach(o -> out.add(o.getMetadata().getLabels().get("strimzi.io/cluster")));
        }
        return out;
    }

    /**
     * A Secret Strimzi writes, so no overlay commits it: the user operator's Secret of a KafkaUser
     * (named like it: password, sasl.jaas.config) and the cluster operator's public cluster CA.
     */
    static boolean writesSecret(Rendered r, String name, String key) {
        if (users(r).containsKey(name)) {
            return Set.of("password", "sasl.jaas.config").contains(key);
        }
        return clusters(r).stream().anyMatch(c -> name.equals(c + "-cluster-ca-cert"))
                && Set.of("ca.crt", "ca.p12", "ca.password").contains(key);
    }

    static Map<?, ?> spec(GenericKubernetesResource o) {
        return (Map<?, ?>) o.getAdditionalProperties().get("spec");
    }

    static String authentication(GenericKubernetesResource user) {
        return spec(user).get("authentication") instanceof Map<?, ?> a ? String.valueOf(a.get("type")) : null;
    }

    static List<Acl> acls(GenericKubernetesResource user) {
        List<Acl> out = new ArrayList<>();
        if (!(spec(user).get("authorization") instanceof Map<?, ?> authorization)
                || !(authorization.get("acls") instanceof List<?> acls)) {
            return out;
        }
        for (Object o : acls) {
            Map<?, ?> acl = (Map<?, ?>) o;
            Map<?, ?> resource = (Map<?, ?>) acl.get("resource");
            Set<String> operations = new TreeSet<>();
            if (acl.get("operations") instanceof List<?> ops) {
                ops.forEach(op -> operations.add(String.valueOf(op)));
            }
            if (acl.get("operation") != null) {
                operations.add(String.valueOf(acl.get("operation")));
            }
            Object pattern = resource.get("patternType");
            out.add(new Acl(String.valueOf(resource.get("type")), String.valueOf(resource.get("name")),
                    pattern == null ? "literal" : String.valueOf(pattern), operations));
        }
        return out;
    }

    static String authorization(GenericKubernetesResource user) {
        return spec(user).get("authorization") instanceof Map<?, ?> a ? String.valueOf(a.get("type")) : null;
    }
}
