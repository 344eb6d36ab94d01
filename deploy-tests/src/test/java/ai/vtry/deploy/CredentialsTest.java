package ai.vtry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Each service's credentials are its own: a database role per service, Redis' password only in a
 * Secret, and in prod a Kafka user per service (SASL_SSL, SCRAM) whose ACLs are what its channels use.
 */
class CredentialsTest {

    /** Topics a service's outbox relay sends to beyond its channel's topic (docs/events.md, docs/architecture.md). */
    private static final Map<String, Set<String>> OUTBOX_ALSO_SENDS = Map.of(
            "job-service", Set.of("compose-requests", "generation-requests", "edit-requests", "extract-requests", "job-results"));

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceLogsInToItsDatabaseAsItsOwnUser(String overlay) {
        Rendered r = Rendered.of(overlay);
        List<String> problems = new ArrayList<>();
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            if (cm.getData() != null && cm.getData().containsKey("VTRY_DB_USER")) {
                problems.add("ConfigMap " + cm.getMetadata().getName() + " sets VTRY_DB_USER for every service that reads it");
            }
        }
        Set<String> users = new TreeSet<>();
        Set<String> passwords = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            Map<String, EnvVar> env = env(r, container(r, service));
            EnvVar user = env.get("VTRY_DB_USER");
            String database = env.get("VTRY_DB_NAME").getValue();
            if (user == null || user.getValue() == null) {
                problems.add(service + ": no VTRY_DB_USER of its own");
            } else {
                if (!user.getValue().equals(database)) {
                    problems.add(service + ": VTRY_DB_USER " + user.getValue() + " is not named like its database " + database);
                }
                if (!users.add(user.getValue())) {
                    problems.add(service + " shares database user " + user.getValue());
                }
            }
            SecretKeySelector password = secretRef(env.get("VTRY_DB_PASSWORD"));
            if (password == null) {
                problems.add(service + ": VTRY_DB_PASSWORD is not from a Secret");
            } else if (!passwords.add(password.getName() + "/" + password.getKey())) {
                problems.add(service + " shares its database password " + password.getName() + "/" + password.getKey());
            }
        }
        if (overlay.equals("dev")) {
            checkDevInitCreatesTheRoles(r, problems);
        }
        if (!problems.isEmpty()) {
            fail(overlay + ":\n" + String.join("\n", problems));
        }
    }

    /** The dev init Job logs in as the superuser and creates each role with the password its service uses. */
    private static void checkDevInitCreatesTheRoles(Rendered r, List<String> problems) {
        PodTemplateSpec init = r.get(Job.class, "vtry-dev-init").getSpec().getTemplate();
        Set<String> passwordKeys = new TreeSet<>();
        StringBuilder scripts = new StringBuilder();
        for (Container c : Rendered.allContainers(init)) {
            if (c.getArgs() != null) {
                c.getArgs().forEach(a -> scripts.append(a).append('\n'));
            }
            if (c.getEnv() != null) {
                c.getEnv().stream().map(CredentialsTest::secretRef).filter(s -> s != null)
                        .forEach(s -> passwordKeys.add(s.getKey()));
            }
        }
        for (Volume v : init.getSpec().getVolumes()) {
            if (v.getConfigMap() != null) {
                r.get(ConfigMap.class, v.getConfigMap().getName()).getData().values().forEach(scripts::append);
            }
        }
        for (String service : Repo.SERVICES) {
            Map<String, EnvVar> env = env(r, container(r, service));
            String user = env.get("VTRY_DB_USER").getValue();
            String key = secretRef(env.get("VTRY_DB_PASSWORD")).getKey();
            if (!passwordKeys.contains(key) || !scripts.toString().contains(user)) {
                problems.add("the dev init Job does not create " + service + "'s role " + user + " with the password " + key);
            }
        }
        for (String sql : List.of("owner", "revoke connect on database")) {
            if (!scripts.toString().contains(sql)) {
                problems.add("the dev init Job's SQL lacks `" + sql + "`");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theRedisUrlIsASecret(String overlay) {
        Rendered r = Rendered.of(overlay);
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            assertFalse(cm.getData() != null && cm.getData().containsKey("VTRY_REDIS_URL"),
                    overlay + ": ConfigMap " + cm.getMetadata().getName() + " holds VTRY_REDIS_URL, which carries Redis' password");
        }
        Set<String> readers = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            if (Repo.envVarsRead(service).contains("VTRY_REDIS_URL")) {
                readers.add(service);
                EnvVar url = env(r, container(r, service)).get("VTRY_REDIS_URL");
                assertNotNull(secretRef(url), overlay + ": " + service + " gets VTRY_REDIS_URL from a Secret (secretKeyRef)");
            }
        }
        assertFalse(readers.isEmpty(), "no service reads VTRY_REDIS_URL any more: drop this test");
        if (overlay.equals("dev")) {
            Map<String, String> secrets = r.get(Secret.class, "vtry-secrets").getStringData();
            Container redis = r.get(Deployment.class, "redis").getSpec().getTemplate().getSpec().getContainers().get(0);
            assertTrue(redis.getArgs().contains("--requirepass"), "dev Redis requires a password");
            assertTrue(secrets.get("redis-url").contains(":" + secrets.get("redis-password") + "@"),
                    "dev: redis-url carries the password the Redis server requires (redis-password)");
        }
    }

    @Test
    void prodServicesUseSaslSslWithTheirKafkaUsersJaasConfigFromASecret() {
        Rendered r = Rendered.of("prod");
        Map<String, GenericKubernetesResource> users = Strimzi.users(r);
        Set<String> clusters = Strimzi.clusters(r);
        assertEquals(1, clusters.size(), "one Strimzi cluster: " + clusters);
        String cluster = clusters.iterator().next();
        List<String> problems = new ArrayList<>();
        Set<String> usersTaken = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            Map<String, String> properties = Repo.properties(service).entrySet().stream()
                    .collect(Collectors.toMap(e -> (String) e.getKey(), e -> (String) e.getValue()));
            for (var p : Map.of("security.protocol", "VTRY_KAFKA_SECURITY_PROTOCOL", "sasl.mechanism", "VTRY_KAFKA_SASL_MECHANISM",
                    "sasl.jaas.config", "VTRY_KAFKA_SASL_JAAS_CONFIG", "ssl.truststore.type", "VTRY_KAFKA_TRUSTSTORE_TYPE",
                    "ssl.truststore.location", "VTRY_KAFKA_TRUSTSTORE_FILE").entrySet()) {
                String value = properties.get("%prod.kafka." + p.getKey());
                if (value == null || !value.startsWith("${" + p.getValue() + ":")) {
                    problems.add(service + ": application.properties does not set %prod.kafka." + p.getKey() + " from " + p.getValue());
                }
            }
            Container c = container(r, service);
            Map<String, EnvVar> env = env(r, c);
            expect(problems, service, env, "VTRY_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
            expect(problems, service, env, "VTRY_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
            expect(problems, service, env, "VTRY_KAFKA_TRUSTSTORE_TYPE", "PEM");
            String bootstrap = env.get("VTRY_KAFKA_BOOTSTRAP").getValue();
            if (!bootstrap.equals(cluster + "-kafka-bootstrap:9093")) {
                problems.add(service + ": VTRY_KAFKA_BOOTSTRAP " + bootstrap + " is not " + cluster + "'s SCRAM listener (9093)");
            }

            SecretKeySelector jaas = secretRef(env.get("VTRY_KAFKA_SASL_JAAS_CONFIG"));
            if (jaas == null || !jaas.getKey().equals("sasl.jaas.config") || !users.containsKey(jaas.getName())) {
                problems.add(service + ": VTRY_KAFKA_SASL_JAAS_CONFIG is not sasl.jaas.config of a KafkaUser's Secret");
            } else {
                if (!usersTaken.add(jaas.getName())) {
                    problems.add(service + " shares KafkaUser " + jaas.getName());
                }
                GenericKubernetesResource user = users.get(jaas.getName());
                if (!"scram-sha-512".equals(Strimzi.authentication(user)) || !"simple".equals(Strimzi.authorization(user))) {
                    problems.add("KafkaUser " + jaas.getName() + ": authentication scram-sha-512 and authorization simple");
                }
            }

            EnvVar truststore = env.get("VTRY_KAFKA_TRUSTSTORE_FILE");
            String file = truststore == null ? null : truststore.getValue();
            if (file == null || !fromSecret(r, service, c, file, cluster + "-cluster-ca-cert", "ca.crt")) {
                problems.add(service + ": VTRY_KAFKA_TRUSTSTORE_FILE " + file + " is not ca.crt of " + cluster + "-cluster-ca-cert");
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void eachKafkaUserMayUseExactlyItsServicesTopicsAndGroups() {
        Rendered r = Rendered.of("prod");
        Map<String, GenericKubernetesResource> users = Strimzi.users(r);
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            SecretKeySelector jaas = secretRef(env(r, container(r, service)).get("VTRY_KAFKA_SASL_JAAS_CONFIG"));
            GenericKubernetesResource user = jaas == null ? null : users.get(jaas.getName());
            if (user == null) {
                problems.add(service + ": no KafkaUser (its Secret gives VTRY_KAFKA_SASL_JAAS_CONFIG)");
                continue;
            }
            Repo.KafkaUse use = Repo.kafkaUse(service);
            Set<String> writes = new TreeSet<>(use.writes());
            writes.addAll(OUTBOX_ALSO_SENDS.getOrDefault(service, Set.of()));

            Set<String> readable = new TreeSet<>();
            Set<String> writable = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (Strimzi.Acl acl : Strimzi.acls(user)) {
                String id = "KafkaUser " + user.getMetadata().getName() + ": " + acl;
                if (!acl.patternType().equals("literal") || acl.name().contains("*") || acl.operations().contains("All")) {
                    problems.add(id + " is wider than one named resource (literal names, no All)");
                }
                switch (acl.type()) {
                    case "topic" -> {
                        if (acl.operations().contains("Read")) {
                            readable.add(acl.name());
                        }
                        if (acl.operations().contains("Write")) {
                            writable.add(acl.name());
                        }
                        if (!Set.of("Read", "Write", "Describe").containsAll(acl.operations())) {
                            problems.add(id + ": topics need only Read, Write and Describe");
                        }
                    }
                    case "group" -> {
                        groups.add(acl.name());
                        if (!acl.operations().equals(Set.of("Read"))) {
                            problems.add(id + ": a consumer group needs Read only");
                        }
                    }
                    default -> problems.add(id + ": the services need no " + acl.type() + " ACL");
                }
            }
            compare(problems, service, "reads (incoming topics)", use.reads(), readable);
            compare(problems, service, "writes (outgoing, dead-letter and outbox topics)", writes, writable);
            compare(problems, service, "consumer groups", use.groups(), groups);
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void compare(List<String> problems, String service, String what, Set<String> used, Set<String> allowed) {
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(allowed);
        Set<String> extra = new TreeSet<>(allowed);
        extra.removeAll(used);
        if (!missing.isEmpty()) {
            problems.add(service + " " + what + " " + missing + " but its KafkaUser may not");
        }
        if (!extra.isEmpty()) {
            problems.add(service + "'s KafkaUser " + what + " " + extra + ", which the service does not use");
        }
    }

    private static void expect(List<String> problems, String service, Map<String, EnvVar> env, String name, String value) {
        EnvVar v = env.get(name);
        if (v == null || !value.equals(v.getValue())) {
            problems.add(service + ": " + name + " is " + (v == null ? "unset" : v.getValue()) + ", expected " + value);
        }
    }

    private static Container container(Rendered r, String service) {
        return r.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The container's environment as Kubernetes builds it: the ConfigMaps of envFrom, then env over them. */
    static Map<String, EnvVar> env(Rendered r, Container c) {
        Map<String, EnvVar> out = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                r.get(ConfigMap.class, from.getConfigMapRef().getName()).getData()
                        .forEach((k, v) -> out.put(prefix + k, new EnvVarBuilder().withName(prefix + k).withValue(v).build()));
            }
        }
        if (c.getEnv() != null) {
            c.getEnv().forEach(e -> out.put(e.getName(), e));
        }
        return out;
    }

    static SecretKeySelector secretRef(EnvVar e) {
        return e == null || e.getValueFrom() == null ? null : e.getValueFrom().getSecretKeyRef();
    }

    /** `file` is `key` of Secret `secret`, mounted into the container. */
    private static boolean fromSecret(Rendered r, String service, Container c, String file, String secret, String key) {
        int slash = file.lastIndexOf('/');
        if (slash < 0 || c.getVolumeMounts() == null) {
            return false;
        }
        List<Volume> volumes = r.get(Deployment.class, service).getSpec().getTemplate().getSpec().getVolumes();
        for (VolumeMount m : c.getVolumeMounts()) {
            if (!m.getMountPath().equals(file.substring(0, slash))) {
                continue;
            }
            for (Volume v : volumes) {
                if (v.getName().equals(m.getName()) && v.getSecret() != null && secret.equals(v.getSecret().getSecretName())
                        && v.getSecret().getItems() != null && v.getSecret().getItems().stream()
                                .anyMatch(i -> i.getKey().equals(key) && i.getPath().equals(file.substring(slash + 1)))) {
                    return true;
                }
            }
        }
        return false;
    }
}
