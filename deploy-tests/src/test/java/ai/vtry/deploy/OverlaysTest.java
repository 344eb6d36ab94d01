package ai.vtry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Renders deploy/k8s/overlays/{dev,prod} offline and checks them against the Kubernetes model
 * and against the services as the code defines them (ports, environment, topics, images).
 */
class OverlaysTest {

    private static final String GATEWAY = "api-gateway";
    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "Job");

    private static String namespaceOf(String overlay) {
        return overlay.equals("prod") ? "vtry" : "vtry-" + overlay;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectParsesWithTheKubernetesModel(String overlay) {
        Rendered r = Rendered.of(overlay); // parses each object strictly, or throws
        assertFalse(r.objects().isEmpty(), overlay + " rendered nothing (" + Kustomize.renderer() + ")");
        Set<String> ids = new HashSet<>();
        for (HasMetadata o : r.objects()) {
            assertTrue(ids.add(o.getKind() + "/" + o.getMetadata().getName()), overlay + ": duplicate " + o.getKind()
                    + "/" + o.getMetadata().getName());
            assertNotNull(o.getMetadata().getLabels(), overlay + ": " + o.getKind() + "/" + o.getMetadata().getName()
                    + " has no labels");
            assertEquals("vtry", o.getMetadata().getLabels().get("app.kubernetes.io/part-of"),
                    overlay + ": " + o.getKind() + "/" + o.getMetadata().getName() + " is not labelled part-of=vtry");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everythingLivesInTheOverlaysNamespace(String overlay) {
        Rendered r = Rendered.of(overlay);
        String ns = namespaceOf(overlay);
        r.get(Namespace.class, ns);
        for (HasMetadata o : r.objects()) {
            if (!(o instanceof Namespace)) {
                assertEquals(ns, o.getMetadata().getNamespace(), overlay + ": " + o.getKind() + "/" + o.getMetadata().getName());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceRunsItsImageOnItsPortWithHealthProbes(String overlay) {
        Rendered r = Rendered.of(overlay);
        String version = Repo.projectVersion();
        for (String service : Repo.SERVICES) {
            Deployment d = r.get(Deployment.class, service);
            int port = Repo.httpPort(service);
            PodTemplateSpec template = d.getSpec().getTemplate();
            assertTrue(Rendered.selects(d.getSpec().getSelector(), template.getMetadata().getLabels()),
                    service + ": the Deployment's selector does not select its pods");
            List<Container> containers = template.getSpec().getContainers();
            assertEquals(1, containers.size(), service + ": one container");
            Container c = containers.get(0);

            String image = c.getImage();
            assertTrue(image.matches("([a-z0-9.-]+(:[0-9]+)?/)?vtry/" + service + ":" + java.util.regex.Pattern.quote(version)),
                    service + ": image " + image + " is not [REGISTRY/]vtry/" + service + ":" + version);
            if (overlay.equals("prod")) {
                assertTrue(image.contains("/vtry/"), "prod pulls from a registry: " + image);
            }

            List<ContainerPort> ports = c.getPorts();
            assertEquals(1, ports.size(), service + ": one container port");
            assertEquals(port, ports.get(0).getContainerPort(), service + ": container port vs quarkus.http.port");
            assertEquals("http", ports.get(0).getName(), service + ": port name");
            assertHttpProbe(service, "readiness", c.getReadinessProbe(), "/q/health/ready", port);
            assertHttpProbe(service, "liveness", c.getLivenessProbe(), "/q/health/live", port);
            if (c.getStartupProbe() != null) {
                assertHttpProbe(service, "startup", c.getStartupProbe(), "/q/health/started", port);
            }

            SecurityContext sc = c.getSecurityContext();
            assertNotNull(sc, service + ": container securityContext");
            assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), service + ": readOnlyRootFilesystem");
            assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), service + ": allowPrivilegeEscalation");
            assertTrue(sc.getCapabilities() != null && sc.getCapabilities().getDrop().contains("ALL"),
                    service + ": capabilities drop ALL");
            VolumeMount tmp = mount(c, "/tmp");
            assertNotNull(tmp, service + ": /tmp must be writable (read-only root): mount an emptyDir there");
            assertNotNull(volume(template.getSpec(), tmp.getName()).getEmptyDir(), service + ": /tmp is an emptyDir");

            Service svc = r.get(Service.class, service);
            assertTrue(svc.getSpec().getType() == null || svc.getSpec().getType().equals("ClusterIP"),
                    service + ": Service type " + svc.getSpec().getType());
            assertTrue(Rendered.selects(new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                            .withMatchLabels(svc.getSpec().getSelector()).build(), template.getMetadata().getLabels()),
                    service + ": the Service does not select the pods");
            assertEquals(1, svc.getSpec().getPorts().size(), service + ": one Service port");
            ServicePort sp = svc.getSpec().getPorts().get(0);
            assertEquals(port, sp.getPort(), service + ": Service port (the URLs in vtry-services use it)");
            assertTrue("http".equals(sp.getTargetPort().getStrVal()) || Objects.equals(port, sp.getTargetPort().getIntVal()),
                    service + ": Service targetPort");
        }
        ConfigMap urls = r.get(ConfigMap.class, "vtry-services");
        for (String service : Repo.SERVICES) {
            String var = "VTRY_" + service.replace("-service", "").toUpperCase() + "_URL";
            if (!service.equals(GATEWAY)) {
                assertEquals("http://" + service + ":" + Repo.httpPort(service), urls.getData().get(var), var);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyWorkloadHasResourcesProbesAndRunsAsNonRoot(String overlay) {
        Rendered r = Rendered.of(overlay);
        Map<String, PodTemplateSpec> templates = r.podTemplates();
        assertTrue(templates.keySet().containsAll(Repo.SERVICES.stream().map(s -> "Deployment/" + s).toList()));
        for (var e : templates.entrySet()) {
            String id = overlay + " " + e.getKey();
            PodSpec pod = e.getValue().getSpec();
            PodSecurityContext psc = pod.getSecurityContext();
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), id + ": automountServiceAccountToken");
            for (Container c : Rendered.allContainers(e.getValue())) {
                String cid = id + " container " + c.getName();
                ResourceRequirements res = c.getResources();
                assertNotNull(res, cid + ": resources");
                for (String kind : List.of("cpu", "memory")) {
                    assertTrue(res.getRequests() != null && res.getRequests().containsKey(kind), cid + ": requests." + kind);
                }
                assertTrue(res.getLimits() != null && res.getLimits().containsKey("memory"), cid + ": limits.memory");

                SecurityContext sc = c.getSecurityContext();
                Boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot()
                        : psc != null ? psc.getRunAsNonRoot() : null;
                Long user = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser()
                        : psc != null ? psc.getRunAsUser() : null;
                assertEquals(Boolean.TRUE, nonRoot, cid + ": runAsNonRoot");
                assertTrue(user != null && user > 0, cid + ": runAsUser must be a non-root uid, is " + user);
                assertTrue(sc != null && Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()),
                        cid + ": allowPrivilegeEscalation false");
            }
            if (!e.getKey().startsWith("Job/")) {
                for (Container c : pod.getContainers()) {
                    assertNotNull(c.getReadinessProbe(), id + " " + c.getName() + ": readinessProbe");
                    assertNotNull(c.getLivenessProbe(), id + " " + c.getName() + ": livenessProbe");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEnvironmentVariableAServiceReadsIsProvided(String overlay) {
        Rendered r = Rendered.of(overlay);
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            Container c = r.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> literal = new HashMap<>();
            Set<String> provided = new TreeSet<>();
            for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
                assertNull(from.getSecretRef(), service + ": secrets are passed key by key (secretKeyRef), not envFrom");
                assertNotNull(from.getConfigMapRef(), service + ": envFrom without configMapRef");
                ConfigMap cm = r.get(ConfigMap.class, from.getConfigMapRef().getName());
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                cm.getData().forEach((k, v) -> {
                    provided.add(prefix + k);
                    literal.put(prefix + k, v);
                });
            }
            for (EnvVar env : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                provided.add(env.getName());
                if (env.getValue() != null) {
                    literal.put(env.getName(), env.getValue());
                } else if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    SecretKeySelector ref = env.getValueFrom().getSecretKeyRef();
                    checkSecretKey(r, service + ": " + env.getName(), ref.getName(), ref.getKey(), problems);
                    literal.remove(env.getName());
                } else if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = env.getValueFrom().getConfigMapKeyRef();
                    ConfigMap cm = r.get(ConfigMap.class, ref.getName());
                    if (!cm.getData().containsKey(ref.getKey())) {
                        problems.add(service + ": " + env.getName() + " refers to missing key " + ref.getKey());
                    }
                    literal.remove(env.getName());
                } else {
                    problems.add(service + ": " + env.getName() + " has neither a value nor a secret/config reference");
                }
            }
            Set<String> missing = new TreeSet<>(Repo.envVarsRead(service));
            missing.removeAll(provided);
            if (!missing.isEmpty()) {
                problems.add(service + " reads " + missing + " (application.properties) but the " + overlay
                        + " Deployment does not provide them");
            }
            for (String required : Repo.envVarsWithoutDefault(service)) {
                if (literal.containsKey(required) && literal.get(required).isBlank()) {
                    problems.add(service + ": " + required + " has no default in application.properties but is empty");
                }
            }
            for (var e : literal.entrySet()) {
                if (e.getKey().endsWith("_FILE")) {
                    checkFileFromSecret(r, service, c, e.getKey(), e.getValue(), problems);
                }
            }
            PodSpec pod = r.get(Deployment.class, service).getSpec().getTemplate().getSpec();
            for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
                if (v.getSecret() != null && v.getSecret().getItems() != null) {
                    v.getSecret().getItems().forEach(i -> checkSecretKey(r, service + ": volume " + v.getName(),
                            v.getSecret().getSecretName(), i.getKey(), problems));
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /** Only the gateway may sign tokens. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayMountsThePrivateKey(String overlay) {
        Rendered r = Rendered.of(overlay);
        for (var e : r.podTemplates().entrySet()) {
            for (Volume v : e.getValue().getSpec().getVolumes() == null ? List.<Volume>of() : e.getValue().getSpec().getVolumes()) {
                if (v.getSecret() != null && "vtry-jwt".equals(v.getSecret().getSecretName())) {
                    assertNotNull(v.getSecret().getItems(), e.getKey() + ": mount vtry-jwt with items (only the keys it needs)");
                    boolean privateKey = v.getSecret().getItems().stream().anyMatch(i -> i.getKey().equals("private.pem"));
                    assertEquals(e.getKey().equals("Deployment/" + GATEWAY), privateKey, e.getKey() + " and private.pem");
                }
            }
        }
    }

    @Test
    void prodCommitsNoSecrets() {
        assertTrue(Rendered.of("prod").all(Secret.class).isEmpty(),
                "prod must not carry Secrets: the operator creates vtry-secrets and vtry-jwt (deploy/k8s/README.md)");
    }

    /**
     * The gateway believes X-Forwarded-For only from the addresses listed: the ingress controller's own,
     * never a whole private network (every pod in it could claim any client address).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theGatewayTrustsOnlyExplicitProxies(String overlay) {
        String trusted = Rendered.of(overlay).get(ConfigMap.class, "vtry-config").getData().get("VTRY_TRUSTED_PROXIES");
        for (String cidr : trusted.split(",")) {
            if (cidr.isBlank()) {
                continue;
            }
            int slash = cidr.indexOf('/');
            boolean ipv6 = cidr.contains(":");
            int bits = slash < 0 ? (ipv6 ? 128 : 32) : Integer.parseInt(cidr.substring(slash + 1).trim());
            assertTrue(bits >= (ipv6 ? 64 : 24), overlay + ": VTRY_TRUSTED_PROXIES trusts " + cidr
                    + ", a whole network; list the ingress controller's addresses (at most a /24, or a /64)");
        }
    }

    /** A log collector reads one JSON object per line in production (docs/operations.md, "Logs and traces"). */
    @Test
    void prodLogsJson() {
        assertEquals("true", Rendered.of("prod").get(ConfigMap.class, "vtry-config").getData().get("VTRY_LOG_JSON"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayIsReachableFromOutside(String overlay) {
        Rendered r = Rendered.of(overlay);
        List<Ingress> ingresses = r.all(Ingress.class);
        assertEquals(1, ingresses.size(), overlay + ": one Ingress");
        for (Ingress ingress : ingresses) {
            assertNull(ingress.getSpec().getDefaultBackend(), "no default backend");
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    assertEquals(GATEWAY, path.getBackend().getService().getName(), overlay + ": Ingress backend");
                    assertEquals("http", path.getBackend().getService().getPort().getName(), overlay + ": Ingress port");
                    assertTrue(Set.of("/api/", "/files/", "/webhooks/", "/console", "/q/openapi", "/q/swagger-ui").contains(path.getPath()),
                            overlay + ": the Ingress publishes " + path.getPath()
                                    + " (only the API, signed downloads, provider webhooks, the web console and the API docs; never /admin or /q/metrics)");
                }
            }
        }
        for (Service s : r.all(Service.class)) {
            String type = s.getSpec().getType();
            assertTrue(type == null || type.equals("ClusterIP"), overlay + ": Service " + s.getMetadata().getName()
                    + " is " + type + "; only the Ingress leads in");
        }

        List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
        assertTrue(policies.stream().anyMatch(p -> Rendered.isEmpty(p.getSpec().getPodSelector())
                        && p.getSpec().getPolicyTypes().contains("Ingress")
                        && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())),
                overlay + ": a default-deny ingress policy (empty podSelector, no rules)");

        Map<String, PodTemplateSpec> pods = r.podTemplates();
        Map<String, String> component = new HashMap<>();
        pods.forEach((id, t) -> component.put(id, t.getMetadata().getLabels().get("app.kubernetes.io/component")));
        List<String> problems = new ArrayList<>();
        for (var pod : pods.entrySet()) {
            Map<String, String> labels = pod.getValue().getMetadata().getLabels();
            boolean gateway = pod.getKey().equals("Deployment/" + GATEWAY);
            boolean openToAll = false;
            for (NetworkPolicy p : policies) {
                if (!Rendered.selects(p.getSpec().getPodSelector(), labels) || p.getSpec().getIngress() == null) {
                    continue;
                }
                for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
                    if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                        openToAll = true;
                        if (!gateway) {
                            problems.add(pod.getKey() + " is open to everyone through " + p.getMetadata().getName());
                        }
                        continue;
                    }
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        String why = peerProblem(peer, rule, pods, component);
                        if (why != null) {
                            problems.add(pod.getKey() + " via " + p.getMetadata().getName() + ": " + why);
                        }
                    }
                }
            }
            if (gateway && !openToAll) {
                problems.add("the gateway is not reachable from the ingress controller (no rule without `from`)");
            }
        }
        for (String service : Repo.SERVICES) {
            if (!service.equals(GATEWAY) && !allowed(policies, pods, "Deployment/" + GATEWAY, "Deployment/" + service,
                    Repo.httpPort(service))) {
                problems.add("the gateway cannot reach " + service + " on " + Repo.httpPort(service));
            }
        }
        if (!problems.isEmpty()) {
            fail(overlay + ":\n" + String.join("\n", problems));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void gatewayAndWorkersAutoscaleAndEveryServiceHasADisruptionBudget(String overlay) {
        Rendered r = Rendered.of(overlay);
        Set<String> scaled = new TreeSet<>();
        for (HorizontalPodAutoscaler hpa : r.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertEquals("Deployment", target.getKind());
            Deployment d = r.get(Deployment.class, target.getName());
            assertNull(d.getSpec().getReplicas(), target.getName() + ": no replicas when an HPA owns the count");
            assertTrue(hpa.getSpec().getMinReplicas() >= 1 && hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());
            assertFalse(hpa.getSpec().getMetrics().isEmpty(), target.getName() + ": HPA metrics");
            scaled.add(target.getName());
        }
        assertEquals(new TreeSet<>(Set.of(GATEWAY, "generation-service")), scaled, overlay + ": autoscaled Deployments");
        for (String service : Repo.SERVICES) {
            var labels = r.get(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels();
            long budgets = r.all(PodDisruptionBudget.class).stream()
                    .filter(p -> Rendered.selects(p.getSpec().getSelector(), labels)).count();
            assertEquals(1, budgets, overlay + ": PodDisruptionBudgets of " + service);
        }
    }

    @Test
    void everyTopicTheCodeUsesIsInTopicsTxt() {
        Set<String> missing = new TreeSet<>(Repo.topicsConfigured());
        missing.removeAll(Repo.topicsTxt());
        assertTrue(missing.isEmpty(), "topics used in application.properties but not in deploy/local/topics.txt: " + missing);
    }

    @Test
    void prodHasAStrimziTopicForEveryTopic() {
        Rendered r = Rendered.of("prod");
        Set<String> topics = new TreeSet<>();
        Set<String> clusters = new TreeSet<>();
        for (GenericKubernetesResource t : r.all(GenericKubernetesResource.class)) {
            if (!"KafkaTopic".equals(t.getKind())) {
                continue;
            }
            Map<?, ?> spec = (Map<?, ?>) t.getAdditionalProperties().get("spec");
            String name = spec.get("topicName") != null ? (String) spec.get("topicName") : t.getMetadata().getName();
            assertTrue(topics.add(name), "two KafkaTopics for " + name);
            clusters.add(t.getMetadata().getLabels().get("strimzi.io/cluster"));
            assertTrue(((Number) spec.get("partitions")).intValue() >= 1, name + ": partitions");
            assertTrue(((Number) spec.get("replicas")).intValue() >= 3, name + ": replicas (3 in production)");
            Map<?, ?> config = (Map<?, ?>) spec.get("config");
            assertNotNull(config, name + ": config");
            assertTrue(Long.parseLong(String.valueOf(config.get("retention.ms"))) > 0, name + ": retention.ms");
        }
        assertEquals(new TreeSet<>(Repo.topicsTxt()), topics, "prod KafkaTopics vs deploy/local/topics.txt");
        assertEquals(1, clusters.size(), "all topics belong to one Strimzi cluster: " + clusters);
        String bootstrap = r.get(ConfigMap.class, "vtry-config").getData().get("VTRY_KAFKA_BOOTSTRAP");
        assertTrue(bootstrap.startsWith(clusters.iterator().next() + "-kafka-bootstrap"),
                "VTRY_KAFKA_BOOTSTRAP " + bootstrap + " is not the bootstrap Service of " + clusters);
    }

    @Test
    void devCreatesEveryTopicDatabaseAndTheBucket() {
        Rendered r = Rendered.of("dev");
        Set<String> listed = new TreeSet<>();
        for (String line : r.get(ConfigMap.class, "vtry-topics").getData().get("topics.txt").split("\n")) {
            if (!line.isBlank()) {
                listed.add(line.strip());
            }
        }
        assertEquals(new TreeSet<>(Repo.topicsTxt()), listed, "dev vtry-topics vs deploy/local/topics.txt");

        Job init = r.get(Job.class, "vtry-dev-init");
        String scripts = String.join("\n", Rendered.allContainers(init.getSpec().getTemplate()).stream()
                .flatMap(c -> c.getArgs() == null ? java.util.stream.Stream.<String>empty() : c.getArgs().stream()).toList());
        for (String service : Repo.SERVICES) {
            String db = envValue(r.get(Deployment.class, service), "VTRY_DB_NAME");
            assertTrue(db != null && scripts.contains(db), "the dev init Job does not create " + service + "'s database " + db);
        }
        String bucket = r.get(ConfigMap.class, "vtry-config").getData().get("VTRY_S3_BUCKET");
        assertTrue(scripts.contains("mb --ignore-existing dev/" + bucket), "the dev init Job does not create bucket " + bucket);
        for (String infra : List.of("postgres", "redis", "kafka", "minio")) {
            r.get(Service.class, infra);
        }
        assertTrue(r.find(StatefulSet.class, "kafka").isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDatabaseOfEachServiceIsItsOwn(String overlay) {
        Rendered r = Rendered.of(overlay);
        Set<String> names = new HashSet<>();
        for (String service : Repo.SERVICES) {
            String db = envValue(r.get(Deployment.class, service), "VTRY_DB_NAME");
            String expected = Repo.properties(service).getProperty("%prod.quarkus.datasource.reactive.url", "")
                    .replaceAll(".*\\$\\{VTRY_DB_NAME:([a-z_]+)}.*", "$1");
            assertEquals(expected, db, service + ": VTRY_DB_NAME vs the default in application.properties");
            assertTrue(names.add(db), "two services share database " + db);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void assertHttpProbe(String service, String what, Probe probe, String path, int port) {
        assertNotNull(probe, service + ": " + what + "Probe");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, service + ": " + what + "Probe is an HTTP GET");
        assertEquals(path, get.getPath(), service + ": " + what + "Probe path");
        assertTrue("http".equals(get.getPort().getStrVal()) || Objects.equals(port, get.getPort().getIntVal()),
                service + ": " + what + "Probe port " + get.getPort());
    }

    private static VolumeMount mount(Container c, String path) {
        return c.getVolumeMounts() == null ? null
                : c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst().orElse(null);
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static String envValue(Deployment d, String name) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
    }

    /**
     * dev: the Secret is rendered and has the key. prod: Secrets are the operator's, with the same
     * names and keys as dev's (the contract deploy/k8s/README.md documents), but for those Strimzi
     * writes for the prod overlay's KafkaUsers and Kafka cluster.
     */
    private static void checkSecretKey(Rendered r, String what, String name, String key, List<String> problems) {
        if (r.overlay().equals("prod") && Strimzi.writesSecret(r, name, key)) {
            return;
        }
        Rendered contract = r.overlay().equals("prod") ? Rendered.of("dev") : r;
        Secret secret = contract.find(Secret.class, name).orElse(null);
        if (secret == null) {
            problems.add(what + " refers to Secret " + name + ", which dev does not define");
            return;
        }
        Set<String> keys = new HashSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        if (!keys.contains(key)) {
            problems.add(what + " refers to key " + key + " that Secret " + name + " lacks");
        }
    }

    /** VAR_FILE=/dir/file: /dir is a mount of a Secret volume that projects `file`; empty: no file (dev's Kafka CA). */
    private static void checkFileFromSecret(Rendered r, String service, Container c, String var, String file,
            List<String> problems) {
        if (file.isBlank()) {
            return;
        }
        int slash = file.lastIndexOf('/');
        VolumeMount m = mount(c, file.substring(0, slash));
        if (m == null) {
            problems.add(service + ": " + var + "=" + file + " but nothing is mounted at " + file.substring(0, slash));
            return;
        }
        Volume v = volume(r.get(Deployment.class, service).getSpec().getTemplate().getSpec(), m.getName());
        String name = file.substring(slash + 1);
        if (v.getSecret() == null || v.getSecret().getItems() == null
                || v.getSecret().getItems().stream().noneMatch(i -> i.getPath().equals(name))) {
            problems.add(service + ": " + var + "=" + file + " is not a key projected from a Secret volume");
        }
    }

    /**
     * A peer that lets traffic into a pod must be one of: pods of this namespace that are the
     * gateway, a service or the dev init Job (never an empty selector); or the monitoring namespace
     * on the HTTP ports (metrics).
     */
    private static String peerProblem(NetworkPolicyPeer peer, NetworkPolicyIngressRule rule,
            Map<String, PodTemplateSpec> pods, Map<String, String> component) {
        if (peer.getIpBlock() != null) {
            return "ipBlock peers are not allowed";
        }
        if (peer.getNamespaceSelector() != null) {
            var ns = peer.getNamespaceSelector();
            boolean monitoring = peer.getPodSelector() == null && ns.getMatchLabels() != null
                    && "monitoring".equals(ns.getMatchLabels().get("kubernetes.io/metadata.name"));
            boolean httpPortsOnly = rule.getPorts() != null && !rule.getPorts().isEmpty() && rule.getPorts().stream()
                    .allMatch(p -> p.getPort() != null && Repo.SERVICES.stream().anyMatch(s -> Repo.httpPort(s) == p.getPort().getIntVal()));
            return monitoring && httpPortsOnly ? null : "only the monitoring namespace, on the HTTP ports, may come from another namespace";
        }
        if (Rendered.isEmpty(peer.getPodSelector())) {
            return "an empty podSelector lets every pod of the namespace in";
        }
        List<String> matched = new ArrayList<>();
        for (var e : pods.entrySet()) {
            if (Rendered.selects(peer.getPodSelector(), e.getValue().getMetadata().getLabels())) {
                matched.add(e.getKey());
                if (!Set.of("gateway", "service", "init").contains(component.get(e.getKey()))) {
                    return "lets " + e.getKey() + " in";
                }
            }
        }
        return matched.isEmpty() ? "a peer that selects none of Vtry's pods" : null;
    }

    static boolean allowed(List<NetworkPolicy> policies, Map<String, PodTemplateSpec> pods, String from, String to,
            int port) {
        var fromLabels = pods.get(from).getMetadata().getLabels();
        var toLabels = pods.get(to).getMetadata().getLabels();
        for (NetworkPolicy p : policies) {
            if (!Rendered.selects(p.getSpec().getPodSelector(), toLabels) || p.getSpec().getIngress() == null) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
                boolean peerOk = rule.getFrom() == null || rule.getFrom().isEmpty() || rule.getFrom().stream()
                        .anyMatch(peer -> peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                                && Rendered.selects(peer.getPodSelector(), fromLabels));
                boolean portOk = rule.getPorts() == null || rule.getPorts().isEmpty()
                        || rule.getPorts().stream().map(NetworkPolicyPort::getPort).anyMatch(p2 -> p2 != null && p2.getIntVal() != null
                                && p2.getIntVal() == port);
                if (peerOk && portOk) {
                    return true;
                }
            }
        }
        return false;
    }
}
