package ai.vtry.client;

import static ai.vtry.client.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.vtry.client.model.GenerationRequest;
import ai.vtry.client.model.Model;

class ErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpHeaders headers(String... pairs) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    private static ApiException parse(int status, String body, String... headers) {
        return Transport.error(status, headers(headers), body.getBytes(StandardCharsets.UTF_8), JSON);
    }

    @Test
    void theErrorBodyGivesCodeMessageFieldsAndTheRequestId() {
        ApiException error = parse(400, """
                {"error":{"code":"validationFailed","message":"Request validation failed",
                  "details":{"fields":{"personId":["personId is required"],
                                       "clothesIds":["NanoBanana supports at most 2 clothes items; got 3"]}}}}""",
                "X-Request-Id", "abc-123");

        BadRequestException badRequest = assertInstanceOf(BadRequestException.class, error);
        assertEquals(400, badRequest.status());
        assertEquals("validationFailed", badRequest.code());
        assertEquals("Request validation failed", badRequest.errorMessage());
        assertEquals(List.of("personId is required"), badRequest.fieldErrors().get("personId"));
        assertEquals(2, badRequest.fieldErrors().size());
        assertEquals("abc-123", badRequest.requestId());
        assertEquals("HTTP 400 validationFailed: Request validation failed (request abc-123)", badRequest.getMessage());
        assertTrue(badRequest.retryAfter().isEmpty());
    }

    @Test
    void eachDocumentedStatusHasItsClass() {
        String body = "{\"error\":{\"code\":\"x\",\"message\":\"m\",\"details\":{}}}";
        assertInstanceOf(AuthenticationException.class, parse(401, body));
        assertInstanceOf(PermissionException.class, parse(403, body));
        assertInstanceOf(NotFoundException.class, parse(404, body));
        assertInstanceOf(ConflictException.class, parse(409, body));
        assertInstanceOf(UnprocessableException.class, parse(422, body));
        assertInstanceOf(RateLimitException.class, parse(429, body));
        assertInstanceOf(ServerException.class, parse(500, body));
        assertInstanceOf(ServerException.class, parse(504, body));
        assertEquals(ApiException.class, parse(413, body).getClass());
    }

    @Test
    void detailsOtherThanFieldsAreKept() {
        ApiException error = parse(404, "{\"error\":{\"code\":\"notFound\",\"message\":\"Clothes not found\","
                + "\"details\":{\"field\":\"clothesIds\",\"ids\":[\"cl_a\",\"cl_b\"]}}}");
        assertEquals("clothesIds", error.details().get("field"));
        assertEquals(List.of("cl_a", "cl_b"), error.details().get("ids"));
        assertTrue(error.fieldErrors().isEmpty());
    }

    @Test
    void anAnswerThatIsNotTheApisErrorBodyIsNamedByItsStatus() {
        ApiException error = parse(502, "<html>Bad Gateway</html>");
        assertInstanceOf(ServerException.class, error);
        assertEquals("httpError502", error.code());
        assertEquals("HTTP 502", error.errorMessage());
        assertTrue(error.details().isEmpty());
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADateAndRateLimitResetStandsInOnA429() {
        assertEquals(Duration.ofSeconds(12), parse(429, "{}", "Retry-After", "12").retryAfter().orElseThrow());
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        Duration untilDate = parse(503, "{}", "Retry-After", inAMinute).retryAfter().orElseThrow();
        assertTrue(untilDate.toSeconds() > 50 && untilDate.toSeconds() <= 60, untilDate.toString());
        assertEquals(Duration.ofSeconds(7), parse(429, "{}", "RateLimit-Remaining", "0", "RateLimit-Reset", "7")
                .retryAfter().orElseThrow());
        assertTrue(parse(429, "{}", "RateLimit-Remaining", "3", "RateLimit-Reset", "7").retryAfter().isEmpty());
    }

    @Test
    void aCallThrowsTheTypedErrorOfItsAnswer() throws IOException {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/v1/generations", json(403,
                    "{\"error\":{\"code\":\"planRequired\",\"message\":\"NanoBanana2 requires a paid plan\",\"details\":{}}}"));
            Vtry vtry = api.client();

            PermissionException error = assertThrows(PermissionException.class, () -> vtry.generations().create(
                    GenerationRequest.builder().model(Model.NANO_BANANA_2).personId("pr_1").cloth("cl_1").build()));

            assertEquals("planRequired", error.code());
            assertEquals("req-test-403", error.requestId());
            assertEquals(1, api.received.size(), "a 403 is final");
        }
    }

    @Test
    void anIdThatWouldLeaveItsPathSegmentIsRefusedBeforeSending() throws IOException {
        try (FakeApi api = new FakeApi()) {
            Vtry vtry = api.client();
            assertThrows(IllegalArgumentException.class, () -> vtry.jobs().get("../me"));
            assertThrows(IllegalArgumentException.class, () -> vtry.persons().delete("pr_1/images"));
            assertTrue(api.received.isEmpty());
        }
    }
}
