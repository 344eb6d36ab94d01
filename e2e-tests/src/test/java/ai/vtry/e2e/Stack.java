package ai.vtry.e2e;

import static io.restassured.RestAssured.given;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The running stack under test, reached only through the public gateway (and its admin API for
 * accounts), as a client would. `./vtry test` starts the stack and passes its address.
 */
final class Stack {

    static final String GATEWAY = required("vtry.e2e.gateway", "VTRY_E2E_GATEWAY");
    static final String ADMIN_TOKEN = required("vtry.e2e.adminToken", "VTRY_E2E_ADMIN_TOKEN");
    /** The gateway's admin port (never the public one). */
    static final String ADMIN = required("vtry.e2e.admin", "VTRY_E2E_ADMIN");

    private static String required(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("End-to-end tests need a running stack: run ./vtry test (or set " + variable + ")");
        }
        return value;
    }

    /** A new account with its own workspace; returns its API key. */
    static String newAccount(String plan) {
        String email = "e2e-" + UUID.randomUUID() + "@vtry.test";
        return given().baseUri(ADMIN).header("X-Admin-Token", ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email, "plan", plan))
                .post("/admin/accounts")
                .then().statusCode(201).extract().path("apiKey");
    }

    static RequestSpecification as(String apiKey) {
        return given().baseUri(GATEWAY).header("Authorization", "Bearer " + apiKey);
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new AssertionError("Not a decodable image (" + bytes.length + " bytes)");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Downloads a signed link the way a browser would: no API key. */
    static byte[] download(String url) {
        return given().get(url).then().statusCode(200).extract().asByteArray();
    }

    private Stack() {
    }
}
