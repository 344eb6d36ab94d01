package ai.vtry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Production egress: denied by default; each service reaches DNS, Kafka, its database (and Redis if
 * it reads VTRY_REDIS_URL), the services it calls, and the internet only where it must, never the
 * private, carrier-grade NAT or link-local (cloud metadata) ranges through it.
 */
class EgressTest {

    /** What "the internet" must leave out: RFC 1918, carrier-grade NAT, link-local (169.254.169.254). */
    private static final List<String> NOT_INTERNET =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16");
    /** A port number standing for "every port" in the sets below. */
    private static final int ANY = -1;

    private static final Rendered PROD = Rendered.of("prod");
    private static final List<NetworkPolicy> POLICIES = PROD.all(NetworkPolicy.class);
    private static final Map<String, PodTemplateSpec> PODS = PROD.podTemplates();

    @Test
    void everyPodIsDeniedEgressUnlessAPolicyAllowsIt() {
        assertTrue(POLICIES.stream().anyMatch(p -> Rendered.isEmpty(p.getSpec().getPodSelector())
                        && p.getSpec().getPolicyTypes() != null && p.getSpec().getPolicyTypes().contains("Egress")
                        && (p.getSpec().getEgress() == null || p.getSpec().getEgress().isEmpty())),
                "prod: a default-deny egress policy (empty podSelector, policyTypes Egress, no rules)");
    }

    @Test
    void noEgressRuleIsOpenToEverything() {
        List<String> problems = new ArrayList<>();
        assertTrue(POLICIES.stream().anyMatch(p -> !egress(p).isEmpty()), "prod has no egress rules at all");
        for (NetworkPolicy p : POLICIES) {
            for (NetworkPolicyEgressRule rule : egress(p)) {
                if (rule.getTo() == null || rule.getTo().isEmpty()) {
                    problems.add(p.getMetadata().getName() + ": a rule without `to` lets its pods reach anything");
                } else if (rule.getTo().stream().anyMatch(peer -> peer.getIpBlock() != null)
                        && (rule.getPorts() == null || rule.getPorts().isEmpty())) {
                    problems.add(p.getMetadata().getName() + ": an ipBlock rule without ports");
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void theInternetNeverIncludesPrivateOrMetadataAddresses() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (NetworkPolicy p : POLICIES) {
            for (NetworkPolicyEgressRule rule : egress(p)) {
                for (NetworkPolicyPeer peer : rule.getTo() == null ? List.<NetworkPolicyPeer>of() : rule.getTo()) {
                    IPBlock block = peer.getIpBlock();
                    if (block == null) {
                        continue;
                    }
                    if (block.getCidr().contains(":")) {
                        problems.add(p.getMetadata().getName() + ": IPv6 " + block.getCidr() + " (not checked here: add the check)");
                        continue;
                    }
                    checked++;
                    List<String> except = block.getExcept() == null ? List.of() : block.getExcept();
                    for (String range : NOT_INTERNET) {
                        boolean opened = contains(block.getCidr(), range) && except.stream().noneMatch(e -> contains(e, range));
                        if (opened) {
                            problems.add(p.getMetadata().getName() + ": " + block.getCidr() + " does not except " + range);
                        }
                    }
                }
            }
        }
        assertTrue(checked > 0, "prod: no ipBlock egress at all (the internet, the data network)");
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void jobServiceHasNoInternetEgress() {
        assertEquals(Set.of(), internetPorts("job-service"), "job-service talks to Vtry and its infrastructure only");
    }

    @Test
    void generationServiceReachesTheInternetOnlyOnHttpPorts() {
        assertEquals(Set.of(80, 443), internetPorts("generation-service"),
                "generation-service: S3 and the providers (443), an edit's imageUrl (80 or 443)");
    }

    @Test
    void theGatewayAndTheImportingServicesReachTheInternetOnlyOnHttpPorts() {
        assertEquals(Set.of(443), internetPorts("api-gateway"), "api-gateway: S3 and fal's JWKS");
        for (String service : List.of("person-service", "clothes-service")) {
            assertEquals(Set.of(80, 443), internetPorts(service), service + ": S3 and images imported from URLs");
        }
        assertEquals(Set.of(80, 443), internetPorts("webhook-service"), "webhook-service: the customers' endpoints");
    }

    /** Service to service: exactly the calls whose URL variable (VTRY_JOB_URL, ...) the caller reads. */
    @Test
    void eachServiceReachesExactlyTheServicesItCalls() {
        List<String> problems = new ArrayList<>();
        for (String from : Repo.SERVICES) {
            for (String to : Repo.SERVICES) {
                if (from.equals(to)) {
                    continue;
                }
                String var = "VTRY_" + to.replace("-service", "").replace("api-", "").toUpperCase() + "_URL";
                boolean calls = Repo.envVarsRead(from).contains(var);
                int port = Repo.httpPort(to);
                boolean out = egressAllowed(from, labels("Deployment/" + to), null, port, "TCP");
                if (calls != out) {
                    problems.add(from + (calls ? " calls " : " does not call ") + to + " (" + var + ") but egress "
                            + (out ? "allows" : "denies") + " it on " + port);
                }
                if (calls && !OverlaysTest.allowed(POLICIES, PODS, "Deployment/" + from, "Deployment/" + to, port)) {
                    problems.add(to + " does not let " + from + " in on " + port);
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void everyServiceReachesDnsKafkaAndItsDatabaseAndRedisOnlyIfItReadsIt() {
        Map<String, String> config = PROD.get(ConfigMap.class, "vtry-config").getData();
        String cluster = Strimzi.clusters(PROD).iterator().next();
        int kafkaPort = Integer.parseInt(config.get("VTRY_KAFKA_BOOTSTRAP").replaceAll(".*:", ""));
        int dbPort = Integer.parseInt(config.get("VTRY_DB_PORT"));
        Map<String, String> dns = Map.of("k8s-app", "kube-dns");
        Map<String, String> broker = Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka");
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            if (!egressAllowed(service, dns, "kube-system", 53, "UDP") || !egressAllowed(service, dns, "kube-system", 53, "TCP")) {
                problems.add(service + " cannot resolve names (kube-dns, 53 UDP and TCP)");
            }
            if (!egressAllowed(service, broker, null, kafkaPort, "TCP")) {
                problems.add(service + " cannot reach Kafka's brokers on " + kafkaPort);
            }
            Set<Integer> data = privateNetworkPorts(service);
            if (!data.contains(dbPort)) {
                problems.add(service + " cannot reach PostgreSQL (" + dbPort + " on the data network)");
            }
            boolean redis = Repo.envVarsRead(service).contains("VTRY_REDIS_URL");
            boolean redisOpen = data.contains(6379) || data.contains(6380) || data.contains(ANY);
            if (redis != redisOpen) {
                problems.add(service + (redis ? " reads VTRY_REDIS_URL but cannot reach Redis" : " reaches Redis, which it does not use"));
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /** The default deny covers the Strimzi pods in the namespace too: they must still replicate among themselves. */
    @Test
    void theKafkaClustersPodsStillReachEachOther() {
        String cluster = Strimzi.clusters(PROD).iterator().next();
        Map<String, String> pod = Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka");
        for (int port : List.of(9090, 9091)) {
            assertTrue(allowedFrom(pod, pod, null, port, "TCP"), cluster + "'s pods cannot reach each other on " + port);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static List<NetworkPolicyEgressRule> egress(NetworkPolicy p) {
        return p.getSpec().getEgress() == null ? List.of() : p.getSpec().getEgress();
    }

    private static Map<String, String> labels(String pod) {
        return PODS.get(pod).getMetadata().getLabels();
    }

    /** The egress policies that select a pod with these labels. */
    private static List<NetworkPolicy> egressPolicies(Map<String, String> from) {
        return POLICIES.stream().filter(p -> p.getSpec().getPolicyTypes() != null && p.getSpec().getPolicyTypes().contains("Egress")
                && Rendered.selects(p.getSpec().getPodSelector(), from)).toList();
    }

    private static boolean egressAllowed(String service, Map<String, String> to, String namespace, int port, String protocol) {
        return allowedFrom(labels("Deployment/" + service), to, namespace, port, protocol);
    }

    /**
     * Whether a pod with labels `from` may open a connection to a pod with labels `to` in `namespace`
     * (null: this one, whose name label is the namespace's name) on port/protocol. Unselected: open.
     */
    private static boolean allowedFrom(Map<String, String> from, Map<String, String> to, String namespace, int port,
            String protocol) {
        List<NetworkPolicy> selecting = egressPolicies(from);
        if (selecting.isEmpty()) {
            return true;
        }
        String ns = namespace == null ? "vtry" : namespace;
        for (NetworkPolicy p : selecting) {
            for (NetworkPolicyEgressRule rule : egress(p)) {
                boolean portOk = rule.getPorts() == null || rule.getPorts().isEmpty()
                        || rule.getPorts().stream().anyMatch(rp -> matches(rp, port, protocol));
                boolean peerOk = rule.getTo() == null || rule.getTo().isEmpty() || rule.getTo().stream().anyMatch(peer ->
                        peer.getIpBlock() == null
                                && (peer.getNamespaceSelector() == null ? ns.equals("vtry")
                                        : Rendered.selects(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", ns)))
                                && Rendered.selects(peer.getPodSelector(), to));
                if (portOk && peerOk) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(NetworkPolicyPort rp, int port, String protocol) {
        String p = rp.getProtocol() == null ? "TCP" : rp.getProtocol();
        if (!p.equals(protocol)) {
            return false;
        }
        IntOrString n = rp.getPort();
        if (n == null) {
            return true;
        }
        if (n.getIntVal() == null) {
            throw new AssertionError("named port " + n.getStrVal() + " in an egress rule: use numbers");
        }
        int end = rp.getEndPort() == null ? n.getIntVal() : rp.getEndPort();
        return port >= n.getIntVal() && port <= end;
    }

    /** The TCP ports a service may use on public addresses (ANY for all); a rule without `to` counts. */
    private static Set<Integer> internetPorts(String service) {
        return ipBlockPorts(service, true);
    }

    /** The TCP ports a service may use on a private network (the data network: PostgreSQL, Redis). */
    private static Set<Integer> privateNetworkPorts(String service) {
        return ipBlockPorts(service, false);
    }

    private static Set<Integer> ipBlockPorts(String service, boolean internet) {
        List<NetworkPolicy> selecting = egressPolicies(labels("Deployment/" + service));
        Set<Integer> ports = new TreeSet<>();
        if (selecting.isEmpty()) {
            ports.add(ANY);
            return ports;
        }
        for (NetworkPolicy p : selecting) {
            for (NetworkPolicyEgressRule rule : egress(p)) {
                boolean reaches = rule.getTo() == null || rule.getTo().isEmpty() || rule.getTo().stream()
                        .anyMatch(peer -> peer.getIpBlock() != null && isPublic(peer.getIpBlock().getCidr()) == internet);
                if (!reaches) {
                    continue;
                }
                if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
                    ports.add(ANY);
                }
                for (NetworkPolicyPort rp : rule.getPorts() == null ? List.<NetworkPolicyPort>of() : rule.getPorts()) {
                    if (rp.getPort() == null || rp.getEndPort() != null) {
                        ports.add(ANY);
                    } else if (!"UDP".equals(rp.getProtocol())) {
                        ports.add(rp.getPort().getIntVal());
                    }
                }
            }
        }
        return ports;
    }

    /** Whether a CIDR reaches beyond the ranges that are not the internet. */
    private static boolean isPublic(String cidr) {
        return NOT_INTERNET.stream().noneMatch(range -> contains(range, cidr));
    }

    /** Whether IPv4 CIDR `outer` contains all of `inner`. */
    static boolean contains(String outer, String inner) {
        long[] o = parse(outer);
        long[] i = parse(inner);
        if (i[1] < o[1]) {
            return false;
        }
        long mask = o[1] == 0 ? 0 : (0xffffffffL << (32 - o[1])) & 0xffffffffL;
        return (o[0] & mask) == (i[0] & mask);
    }

    private static long[] parse(String cidr) {
        String[] parts = cidr.trim().split("/");
        long address = 0;
        for (String octet : parts[0].split("\\.")) {
            address = address << 8 | Integer.parseInt(octet);
        }
        return new long[] {address, parts.length > 1 ? Integer.parseInt(parts[1]) : 32};
    }
}
