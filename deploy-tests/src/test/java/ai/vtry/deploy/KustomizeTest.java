package ai.vtry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in renderer does what Kustomize does for the features it implements, and refuses the rest. */
class KustomizeTest {

    @TempDir
    Path dir;

    @Test
    void patchesMergeContainersAndEnvByNameAndReplaceOtherLists() {
        Object base = Kustomize.Yaml.documents("""
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: app
                          image: a
                          args: ["x", "y"]
                          env:
                            - name: A
                              value: "1"
                            - name: B
                              value: "2"
                        - name: sidecar
                          image: s
                """, "base").get(0);
        Object patch = Kustomize.Yaml.documents("""
                spec:
                  replicas: null
                  template:
                    spec:
                      containers:
                        - name: app
                          args: ["z"]
                          env:
                            - name: B
                              value: "3"
                            - name: C
                              value: "4"
                """, "patch").get(0);
        Map<?, ?> merged = (Map<?, ?>) StrategicMerge.merge(base, patch);
        assertEquals("""
                {spec={template={spec={containers=[{name=app, image=a, args=[z], env=[{name=A, value=1}, {name=B, value=3}, \
                {name=C, value=4}]}, {name=sidecar, image=s}]}}}}""", merged.toString());
    }

    @Test
    void imagesKeepTheTagUnlessANewOneIsGiven() {
        assertEquals("reg:5000/vtry/x:1.0", Kustomize.retag("vtry/x:1.0", Map.of("name", "vtry/x", "newName", "reg:5000/vtry/x")));
        assertEquals("reg/vtry/x:2", Kustomize.retag("vtry/x:1.0", Map.of("name", "vtry/x", "newName", "reg/vtry/x", "newTag", "2")));
        assertEquals("vtry/xy:1.0", Kustomize.retag("vtry/xy:1.0", Map.of("name", "vtry/x", "newName", "other")));
        assertEquals("vtry/x@sha256:ab", Kustomize.retag("vtry/x:1", Map.of("name", "vtry/x", "digest", "sha256:ab")));
    }

    @Test
    void overlaysApplyResourcesPatchesNamespaceAndImages() throws IOException {
        Files.createDirectories(dir.resolve("base"));
        Files.writeString(dir.resolve("base/kustomization.yaml"), "resources:\n  - app.yaml\n");
        Files.writeString(dir.resolve("base/app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: vtry/app:1
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: ns
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                namespace: ns
                resources:
                  - base
                patches:
                  - path: p.yaml
                images:
                  - name: vtry/app
                    newName: r/vtry/app
                """);
        Files.writeString(dir.resolve("p.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 3\n");
        List<Map<String, Object>> out = Kustomize.builtin(dir);
        assertEquals(2, out.size());
        Map<String, Object> d = out.get(0);
        assertEquals(3, ((Map<?, ?>) d.get("spec")).get("replicas"));
        assertEquals("ns", ((Map<?, ?>) d.get("metadata")).get("namespace"));
        assertEquals("r/vtry/app:1", Manifests.containers(d).get(0).get("image"));
        assertTrue(!((Map<?, ?>) out.get(1).get("metadata")).containsKey("namespace"), "Namespace is cluster-scoped");
    }

    @Test
    void refusesWhatItDoesNotImplement() throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\ncommonLabels:\n  a: b\n");
        assertThrows(IllegalArgumentException.class, () -> Kustomize.builtin(dir));
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
        assertThrows(IllegalArgumentException.class, () -> Kustomize.builtin(dir));
        assertThrows(IllegalArgumentException.class, () -> StrategicMerge.merge(Map.of("ports", List.of()),
                Map.of("ports", List.of(Map.of("containerPort", 1)))));
        assertThrows(IllegalArgumentException.class, () -> StrategicMerge.merge(Map.of(), Map.of("$patch", "delete")));
    }
}
