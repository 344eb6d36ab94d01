package ai.vtry.gateway.files;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.vtry.common.link.SignedLinks;
import ai.vtry.common.storage.ObjectStorage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class FileResourceTest {

    private static final String SECRET = "test-link-secret";

    @Inject
    ObjectStorage storage;

    @Inject
    SignedLinks links;

    @Test
    void aSignedLinkStreamsTheObjectWithItsTypeAndLength() {
        String key = "generations/ws_test/" + UUID.randomUUID() + "/a photo+1.png";
        byte[] bytes = randomBytes(300_000);
        storage.put(key, bytes, "image/png");

        byte[] downloaded = given().urlEncodingEnabled(false)
                .when().get(pathAndQuery(links.url(key)))
                .then().statusCode(200)
                .contentType("image/png")
                .header("Content-Length", String.valueOf(bytes.length))
                .header("Cache-Control", "private, max-age=3600")
                .extract().asByteArray();
        assertArrayEquals(bytes, downloaded);
    }

    @Test
    void aTamperedSignatureIs403() {
        String key = "generations/ws_test/" + UUID.randomUUID() + ".png";
        storage.put(key, randomBytes(100), "image/png");
        String url = pathAndQuery(links.url(key));
        char last = url.charAt(url.length() - 1);
        String tampered = url.substring(0, url.length() - 1) + (last == 'A' ? 'B' : 'A');

        expect403(tampered);
        // The signature covers the key and the expiry: neither can be swapped.
        expect403(url.replace(".png", ".jpg"));
        expect403(url.replaceFirst("expires=\\d+", "expires=99999999999"));
        expect403(url.replaceFirst("\\?.*", ""));
        expect403(pathAndQuery(new SignedLinks("http://localhost:8080", "another-secret", Duration.ofHours(1),
                Clock.systemUTC()).url(key)));
    }

    @Test
    void anExpiredLinkIs403() {
        String key = "generations/ws_test/" + UUID.randomUUID() + ".png";
        storage.put(key, randomBytes(100), "image/png");
        SignedLinks expired = new SignedLinks("http://localhost:8080", SECRET, Duration.ofSeconds(-5),
                Clock.systemUTC());
        expect403(pathAndQuery(expired.url(key)));
    }

    @Test
    void aValidLinkToAMissingObjectIs404() {
        given().urlEncodingEnabled(false)
                .when().get(pathAndQuery(links.url("generations/ws_test/" + UUID.randomUUID() + ".png")))
                .then().statusCode(404)
                .body("error.code", equalTo("notFound"));
    }

    private static void expect403(String pathAndQuery) {
        given().urlEncodingEnabled(false)
                .when().get(pathAndQuery)
                .then().statusCode(403)
                .body("error.code", equalTo("invalidSignature"));
    }

    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
