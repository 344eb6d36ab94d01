package ai.vtry.person.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.FakeJobService;
import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.person.PersonApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Compose against a fake job-service: what is sent, with whose token, and what comes back. */
@QuarkusTest
@QuarkusTestResource(value = FakeJobService.class, restrictToAnnotatedClass = true)
class ComposeTest {

    @ConfigProperty(name = "quarkus.rest-client.job-service.url")
    String jobServiceUrl;

    @Test
    void composeCreatesAJobWithTheReferenceImagesAndTheCallersToken() {
        String bearer = TestTokens.newAccount("pro").bearer();
        JsonPath created = PersonApi.create(bearer, "Compose Me", 2);
        String personId = created.getString("person.id");
        List<String> keys = created.getList("files.key");

        String requestId = given().header("Authorization", bearer).contentType("application/json")
                .body("{\"model\":\"NanoBanana2\"}")
                .post("/api/v1/persons/{id}/compose", personId)
                .then().statusCode(202)
                .body("personId", equalTo(personId))
                .body("requestId", startsWith("req_fake"))
                .extract().path("requestId");

        Map<String, Object> call = recordedCall(requestId);
        assertEquals(bearer, call.get("authorization"));
        assertTrue(((String) call.get("contentType")).startsWith("application/json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) call.get("body");
        assertEquals("person-compose", body.get("kind"));
        assertEquals("NanoBanana2", body.get("model"));
        assertEquals(Map.of("model", "NanoBanana2", "personId", personId), body.get("parameters"));
        assertEquals(Map.of(), body.get("options"));
        assertEquals(keys, body.get("imageKeys"));
        assertTrue(body.containsKey("sourceUrl"));
        assertNull(body.get("sourceUrl"));
        String prompt = (String) body.get("prompt");
        assertTrue(prompt.contains("1x3") && prompt.contains("front") && prompt.contains("three-quarter")
                && prompt.contains("side") && prompt.contains("same person"), prompt);
        assertNull(body.get("timeoutSeconds"));
    }

    @Test
    void timeoutSecondsGoesToTheJobWithinOneToSixHundred() {
        String bearer = TestTokens.newAccount("free").bearer();
        String personId = PersonApi.create(bearer, "Soon Composed", 1).getString("person.id");
        String requestId = given().header("Authorization", bearer).contentType("application/json")
                .body("{\"model\":\"NanoBanana\",\"timeoutSeconds\":120}")
                .post("/api/v1/persons/{id}/compose", personId).then().statusCode(202).extract().path("requestId");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) recordedCall(requestId).get("body");
        assertEquals(120, body.get("timeoutSeconds"));

        given().header("Authorization", bearer).contentType("application/json")
                .body("{\"model\":\"NanoBanana\",\"timeoutSeconds\":0}")
                .post("/api/v1/persons/{id}/compose", personId).then().statusCode(400)
                .body("error.details.fields.timeoutSeconds[0]", startsWith("timeoutSeconds must be a whole number"));
    }

    @Test
    void theCallToJobServiceContinuesTheCallersTrace() {
        String bearer = TestTokens.newAccount("free").bearer();
        String personId = PersonApi.create(bearer, "traced-person", 1).getString("person.id");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        String requestId = given().header("Authorization", bearer).contentType("application/json")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body("{\"model\":\"NanoBanana\"}")
                .post("/api/v1/persons/{id}/compose", personId)
                .then().statusCode(202)
                .extract().path("requestId");

        String traceparent = (String) recordedCall(requestId).get("traceparent");
        assertNotNull(traceparent, "the REST client sent no traceparent");
        assertTrue(traceparent.startsWith("00-" + traceId + "-"), traceparent);
        assertFalse(traceparent.contains("00f067aa0ba902b7"), "a span of person-service's, not the caller's: " + traceparent);
    }

    @Test
    void freePlansComposeWithNanoBanana() {
        String bearer = TestTokens.newAccount("free").bearer();
        String personId = PersonApi.create(bearer, "free-person", 1).getString("person.id");

        String requestId = given().header("Authorization", bearer).contentType("application/json")
                .body("{\"model\":\"NanoBanana\"}")
                .post("/api/v1/persons/{id}/compose", personId)
                .then().statusCode(202)
                .body("personId", equalTo(personId))
                .extract().path("requestId");

        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) recordedCall(requestId).get("body");
        assertEquals("NanoBanana", body.get("model"));
    }

    private Map<String, Object> recordedCall(String requestId) {
        return FakeJobService.recordedCall(jobServiceUrl, requestId);
    }
}
