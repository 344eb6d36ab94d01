package ai.vtry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** deploy/compose.yaml runs the same images, publishes only the gateway and sets every variable. */
class ComposeTest {

    private static Map<?, ?> compose() {
        Object parsed = new Load(LoadSettings.builder().build()).loadFromString(Repo.read(Repo.path("deploy/compose.yaml")));
        return (Map<?, ?>) parsed;
    }

    private static Map<?, ?> service(String name) {
        Map<?, ?> s = (Map<?, ?>) ((Map<?, ?>) compose().get("services")).get(name);
        assertNotNull(s, "compose.yaml has no service " + name);
        return s;
    }

    @Test
    void everyServiceRunsItsImageWithEveryVariableItReads() {
        List<String> problems = new ArrayList<>();
        for (String name : Repo.SERVICES) {
            Map<?, ?> s = service(name);
            String image = (String) s.get("image");
            String expected = "${VTRY_REGISTRY:-}vtry/" + name + ":${VTRY_VERSION:-" + Repo.projectVersion() + "}";
            if (!expected.equals(image)) {
                problems.add(name + ": image " + image + ", expected " + expected);
            }
            Map<Object, Object> env = new java.util.LinkedHashMap<>((Map<?, ?>) s.get("environment"));
            // YAML merge key (compose supports it; YAML 1.2 parsers leave it to the application)
            if (env.remove("<<") instanceof Map<?, ?> shared) {
                shared.forEach(env::putIfAbsent);
            }
            Set<String> missing = new TreeSet<>(Repo.envVarsRead(name));
            missing.removeAll(env.keySet().stream().map(String::valueOf).toList());
            if (!missing.isEmpty()) {
                problems.add(name + " reads " + missing + " but compose.yaml does not set them");
            }
            for (String url : List.of("VTRY_PERSON_URL", "VTRY_CLOTHES_URL", "VTRY_JOB_URL", "VTRY_GENERATION_URL",
                    "VTRY_WEBHOOK_URL")) {
                String target = url.substring(5, url.length() - 4).toLowerCase() + "-service";
                if (!("http://" + target + ":" + Repo.httpPort(target)).equals(env.get(url))) {
                    problems.add(name + ": " + url + "=" + env.get(url) + " does not match " + target + "'s port");
                }
            }
            if (!Boolean.TRUE.equals(s.get("read_only"))) {
                problems.add(name + ": read_only: true (as readOnlyRootFilesystem in Kubernetes)");
            }
            boolean published = s.get("ports") != null;
            if (published != name.equals("api-gateway")) {
                problems.add(name + (published ? " publishes ports: only the gateway is reachable" : " must publish 8080"));
            }
            checkKeyFile(name, env, s, problems);
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        assertEquals(List.of("8080:8080"), service("api-gateway").get("ports"));
    }

    /** The *_FILE a service reads is a compose secret it mounts; only the gateway gets the private key. */
    private static void checkKeyFile(String name, Map<Object, Object> env, Map<?, ?> s, List<String> problems) {
        String var = name.equals("api-gateway") ? "VTRY_JWT_PRIVATE_KEY_FILE" : "VTRY_JWT_PUBLIC_KEY_FILE";
        String file = String.valueOf(env.get(var));
        List<?> secrets = (List<?>) s.get("secrets");
        boolean mounted = secrets != null && secrets.stream().anyMatch(x -> x instanceof Map<?, ?> m
                && file.equals("/run/secrets/" + m.get("target")));
        if (!mounted) {
            problems.add(name + ": " + var + "=" + file + " is not a secret it mounts");
        }
        if (!name.equals("api-gateway") && secrets != null
                && secrets.stream().anyMatch(x -> x instanceof Map<?, ?> m && "jwt-private".equals(m.get("source")))) {
            problems.add(name + " mounts the private key");
        }
    }

    @Test
    void theComposeKeyPairIsTheDevOverlaysAndTheTopicsAreTopicsTxt() {
        var jwt = Rendered.of("dev").get(io.fabric8.kubernetes.api.model.Secret.class, "vtry-jwt").getStringData();
        assertEquals(jwt.get("private.pem").strip(), Repo.read(Repo.path("deploy/compose/jwt-private.pem")).strip());
        assertEquals(jwt.get("public.pem").strip(), Repo.read(Repo.path("deploy/compose/jwt-public.pem")).strip());
        List<?> volumes = (List<?>) service("init-topics").get("volumes");
        assertTrue(volumes.contains("./local/topics.txt:/etc/vtry/topics.txt:ro"), "init-topics reads deploy/local/topics.txt");
        String databases = String.valueOf(service("init-databases").get("command"));
        for (String db : List.of("vtry_gateway", "vtry_person", "vtry_clothes", "vtry_job", "vtry_generation", "vtry_webhook")) {
            assertTrue(Pattern.compile("\\b" + db + "\\b").matcher(databases).find(), "init-databases creates " + db);
        }
    }
}
