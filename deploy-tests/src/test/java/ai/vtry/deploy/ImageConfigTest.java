package ai.vtry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The container images (built only with -Pimages; base images cannot be pulled on our machines,
 * so this checks the configuration instead of building): every service has the `images` profile
 * with the Jib extension, on a pinned JRE base image, as a non-root user, named vtry/SERVICE
 * with the project version, the same names and user the Kubernetes manifests use.
 */
class ImageConfigTest {

    @Test
    void theRootImagesProfilePinsTheBaseImageAndANonRootUser() {
        Map<String, String> p = profileProperties(Repo.path("pom.xml"));
        assertEquals("true", p.get("quarkus.container-image.build"), "-Pimages alone builds the images");
        assertEquals("vtry", p.get("quarkus.container-image.group"), "images are vtry/<service>");
        String base = p.get("quarkus.jib.base-jvm-image");
        assertNotNull(base, "quarkus.jib.base-jvm-image");
        assertTrue(base.matches("[a-z0-9./-]+(:[0-9]+\\.[0-9]+\\.[0-9]+[A-Za-z0-9_.-]*|@sha256:[0-9a-f]{64})"),
                "the base image must be pinned to a full version tag or a digest, not " + base);
        assertTrue(base.contains("jre") || base.contains("runtime"), "a JRE base image, not a JDK: " + base);
        assertTrue(base.matches(".*[:-]21[._].*|.*openjdk-21.*"), "Java 21 (the release we compile for): " + base);
        String user = p.get("quarkus.jib.user");
        assertNotNull(user, "quarkus.jib.user");
        assertTrue(user.matches("[1-9][0-9]*(:[0-9]+)?"), "a numeric non-root uid (runAsNonRoot needs a number): " + user);
        for (String key : p.keySet()) {
            assertTrue(!key.equals("quarkus.container-image.registry") && !key.equals("quarkus.container-image.push"),
                    key + " is chosen on the command line, not in the pom");
        }
    }

    @Test
    void everyServiceBuildsItsImageOnlyInTheImagesProfile() throws Exception {
        for (String service : Repo.SERVICES) {
            Document pom = parse(Repo.path(service + "/pom.xml"));
            Element project = pom.getDocumentElement();
            for (Element dependencies : children(project, "dependencies")) {
                for (Element d : children(dependencies, "dependency")) {
                    assertTrue(!text(d, "artifactId").startsWith("quarkus-container-image"),
                            service + ": the image extension belongs in the images profile only (the normal build stays offline)");
                }
            }
            Element profile = profile(project, "images");
            assertNotNull(profile, service + ": no `images` profile");
            boolean jib = false;
            for (Element dependencies : children(profile, "dependencies")) {
                for (Element d : children(dependencies, "dependency")) {
                    jib |= "io.quarkus".equals(text(d, "groupId")) && "quarkus-container-image-jib".equals(text(d, "artifactId"));
                }
            }
            assertTrue(jib, service + ": the images profile adds io.quarkus:quarkus-container-image-jib");
            assertEquals(service, text(project, "artifactId"), "the image name is the artifactId");
        }
    }

    @Test
    void theManifestsRunTheImagesUserAndNames() {
        Map<String, String> p = profileProperties(Repo.path("pom.xml"));
        long uid = Long.parseLong(p.get("quarkus.jib.user").split(":")[0]);
        for (String overlay : List.of("dev", "prod")) {
            Rendered r = Rendered.of(overlay);
            for (String service : Repo.SERVICES) {
                var pod = r.get(io.fabric8.kubernetes.api.model.apps.Deployment.class, service).getSpec().getTemplate().getSpec();
                assertEquals(uid, pod.getSecurityContext().getRunAsUser(), overlay + " " + service + ": runAsUser = the image's user");
                String image = pod.getContainers().get(0).getImage();
                assertTrue(image.endsWith(p.get("quarkus.container-image.group") + "/" + service + ":" + Repo.projectVersion()),
                        overlay + " " + service + ": " + image);
            }
        }
    }

    // ------------------------------------------------------------------ XML

    static Map<String, String> profileProperties(Path pomFile) {
        try {
            Element profile = profile(parse(pomFile).getDocumentElement(), "images");
            assertNotNull(profile, pomFile + ": no `images` profile");
            Map<String, String> out = new HashMap<>();
            for (Element props : children(profile, "properties")) {
                NodeList nodes = props.getChildNodes();
                for (int i = 0; i < nodes.getLength(); i++) {
                    if (nodes.item(i) instanceof Element e) {
                        out.put(e.getTagName(), e.getTextContent().trim());
                    }
                }
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(pomFile + ": " + e.getMessage(), e);
        }
    }

    private static Element profile(Element project, String id) {
        for (Element profiles : children(project, "profiles")) {
            for (Element profile : children(profiles, "profile")) {
                if (id.equals(text(profile, "id"))) {
                    return profile;
                }
            }
        }
        return null;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new java.util.ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String tag) {
        List<Element> c = children(parent, tag);
        return c.isEmpty() ? null : c.get(0).getTextContent().trim();
    }
}
