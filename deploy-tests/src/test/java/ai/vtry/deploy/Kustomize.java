package ai.vtry.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Renders a kustomization directory to its objects, offline.
 *
 * <p>With {@code kubectl} on the PATH it runs {@code kubectl kustomize}; without it (our machines)
 * it applies the subset of Kustomize that deploy/k8s uses, and refuses any other field so that a
 * kustomization can never mean more than what was checked: {@code resources} (files and
 * directories), {@code patches} (files of strategic-merge patches, each naming its target by kind
 * and name), {@code namespace} and {@code images}. {@code VTRY_KUSTOMIZE=builtin} forces the
 * built-in renderer.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "namespace", "patches", "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass");

    private Kustomize() {
    }

    /** Which renderer {@link #render} uses, for messages. */
    static String renderer() {
        return useKubectl() ? "kubectl kustomize" : "built-in renderer";
    }

    static List<Map<String, Object>> render(Path dir) {
        return useKubectl() ? kubectl(dir) : builtin(dir);
    }

    private static boolean useKubectl() {
        if ("builtin".equals(System.getenv("VTRY_KUSTOMIZE"))) {
            return false;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    private static List<Map<String, Object>> kubectl(Path dir) {
        try {
            Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
            }
            return Yaml.documents(new String(out, StandardCharsets.UTF_8), "kubectl kustomize " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> builtin(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        List<Map<String, Object>> docs = Yaml.documents(Repo.read(file), file.toString());
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one document");
        }
        Map<String, Object> k = docs.get(0);
        for (String field : k.keySet()) {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new IllegalArgumentException(file + ": field '" + field
                        + "' is not implemented by the built-in renderer (supported: " + SUPPORTED_FIELDS + ")");
            }
        }

        List<Map<String, Object>> objects = new ArrayList<>();
        for (String resource : (List<String>) k.getOrDefault("resources", List.of())) {
            Path p = dir.resolve(resource).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(builtin(p));
            } else if (Files.isRegularFile(p)) {
                objects.addAll(Yaml.documents(Repo.read(p), p.toString()));
            } else {
                throw new IllegalArgumentException(file + ": resource " + resource + " does not exist");
            }
        }
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> o : objects) {
            if (!ids.add(id(o))) {
                throw new IllegalArgumentException(file + ": two objects are " + id(o));
            }
        }

        for (Object entry : (List<Object>) k.getOrDefault("patches", List.of())) {
            if (!(entry instanceof Map<?, ?> m) || m.size() != 1 || !(m.get("path") instanceof String path)) {
                throw new IllegalArgumentException(file + ": only `- path: FILE` patches are implemented, not " + entry);
            }
            Path p = dir.resolve(path).normalize();
            for (Map<String, Object> patch : Yaml.documents(Repo.read(p), p.toString())) {
                int target = indexOf(objects, patch, p);
                objects.set(target, (Map<String, Object>) StrategicMerge.merge(objects.get(target), patch));
            }
        }

        if (k.get("namespace") instanceof String namespace) {
            for (Map<String, Object> o : objects) {
                if (!CLUSTER_SCOPED.contains(o.get("kind"))) {
                    ((Map<String, Object>) o.computeIfAbsent("metadata", x -> new LinkedHashMap<>())).put("namespace", namespace);
                }
            }
        }

        for (Object entry : (List<Object>) k.getOrDefault("images", List.of())) {
            Map<String, Object> image = (Map<String, Object>) entry;
            for (String key : image.keySet()) {
                if (!Set.of("name", "newName", "newTag", "digest").contains(key)) {
                    throw new IllegalArgumentException(file + ": images field '" + key + "' is not implemented");
                }
            }
            for (Map<String, Object> o : objects) {
                for (Map<String, Object> container : Manifests.containers(o)) {
                    container.put("image", retag((String) container.get("image"), image));
                }
            }
        }
        return objects;
    }

    private static int indexOf(List<Map<String, Object>> objects, Map<String, Object> patch, Path file) {
        String kind = (String) patch.get("kind");
        String name = Manifests.name(patch);
        int found = -1;
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> o = objects.get(i);
            if (kind != null && kind.equals(o.get("kind")) && name != null && name.equals(Manifests.name(o))
                    && group(patch).equals(group(o))) {
                if (found >= 0) {
                    throw new IllegalArgumentException(file + ": patch " + kind + "/" + name + " matches twice");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException(file + ": patch target " + kind + "/" + name + " does not exist");
        }
        return found;
    }

    private static String group(Map<String, Object> o) {
        String apiVersion = String.valueOf(o.get("apiVersion"));
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static String id(Map<String, Object> o) {
        return group(o) + "/" + o.get("kind") + "/" + Manifests.name(o);
    }

    /** Kustomize's image rule: the entry applies where the image's name (without tag or digest) is `name`. */
    static String retag(String image, Map<String, Object> entry) {
        String name = image;
        String tag = null;
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (!name.equals(entry.get("name"))) {
            return image;
        }
        if (entry.get("newName") instanceof String newName) {
            name = newName;
        }
        if (entry.get("newTag") != null) {
            tag = String.valueOf(entry.get("newTag"));
            digest = null;
        }
        if (entry.get("digest") instanceof String d) {
            digest = d;
            tag = null;
        }
        return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    /** Multi-document YAML to maps, through the fabric8 (Jackson) YAML mapper. */
    static final class Yaml {
        private Yaml() {
        }

        @SuppressWarnings("unchecked")
        static List<Map<String, Object>> documents(String text, String source) {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (String doc : text.split("(?m)^---[ \\t]*$")) {
                if (doc.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                    continue;
                }
                Object parsed;
                try {
                    parsed = Serialization.yamlMapper().readValue(doc, Object.class);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
                }
                if (!(parsed instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException(source + ": a document is not an object");
                }
                docs.add((Map<String, Object>) parsed);
            }
            return docs;
        }
    }
}
