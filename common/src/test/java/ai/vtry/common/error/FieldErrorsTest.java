package ai.vtry.common.error;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FieldErrorsTest {

    @Test
    void throwIfAnyBuildsValidationFailedWithEveryFieldAndMessageInOrder() {
        FieldErrors errors = new FieldErrors()
                .add("name", "name is required")
                .add("email", "email is not an address")
                .add("name", "name is too long")
                .add("age", "age must be positive");

        ApiException e = assertThrows(ApiException.class, errors::throwIfAny);

        assertEquals(400, e.status());
        assertEquals("validationFailed", e.code());
        assertEquals("Request validation failed", e.getMessage());
        assertEquals(List.of("fields"), new ArrayList<>(e.details().keySet()));
        Map<?, ?> fields = assertInstanceOf(Map.class, e.details().get("fields"));
        assertEquals(List.of("name", "email", "age"), new ArrayList<>(fields.keySet()));
        assertEquals(List.of("name is required", "name is too long"), fields.get("name"));
        assertEquals(List.of("email is not an address"), fields.get("email"));
        assertEquals(List.of("age must be positive"), fields.get("age"));
    }

    @Test
    void bodyCarriesCodeMessageAndDetails() {
        FieldErrors errors = new FieldErrors().add("garmentUrl", "garmentUrl is required");

        ApiException e = assertThrows(ApiException.class, errors::throwIfAny);
        ErrorBody body = e.body();

        assertEquals("validationFailed", body.error().code());
        assertEquals("Request validation failed", body.error().message());
        assertEquals(Map.of("fields", Map.of("garmentUrl", List.of("garmentUrl is required"))), body.error().details());
    }

    @Test
    void noThrowWhenEmpty() {
        FieldErrors errors = new FieldErrors();

        assertTrue(errors.isEmpty());
        assertFalse(errors.has("name"));
        assertDoesNotThrow(errors::throwIfAny);
    }

    @Test
    void hasAndIsEmptyTrackAddedFields() {
        FieldErrors errors = new FieldErrors();
        FieldErrors returned = errors.add("name", "required");

        assertSame(errors, returned);
        assertFalse(errors.isEmpty());
        assertTrue(errors.has("name"));
        assertFalse(errors.has("email"));
    }

    @Test
    void notFoundIs404WithTheId() {
        ApiException e = ApiException.notFound("Person", "pr_abc");

        assertEquals(404, e.status());
        assertEquals("notFound", e.code());
        assertEquals("Person pr_abc was not found", e.getMessage());
        assertEquals(Map.of("id", "pr_abc"), e.details());
        assertEquals("notFound", e.body().error().code());
    }

    @Test
    void singleFieldValidation() {
        ApiException e = ApiException.validation("imageUrl", "imageUrl is not a URL");

        assertEquals(400, e.status());
        assertEquals("validationFailed", e.code());
        assertEquals(Map.of("fields", Map.of("imageUrl", List.of("imageUrl is not a URL"))), e.details());
    }

    @Test
    void factoryStatusesAndNullDetails() {
        assertEquals(400, ApiException.badRequest("badThing", "m").status());
        assertEquals("badThing", ApiException.badRequest("badThing", "m").code());
        assertEquals(403, ApiException.forbidden("quotaExceeded", "m").status());
        assertEquals("quotaExceeded", ApiException.forbidden("quotaExceeded", "m").code());
        assertEquals(502, ApiException.badGateway("upstreamFailed", "m").status());
        assertEquals(Map.of(), new ApiException(409, "conflict", "m", null).details());
        assertEquals(Map.of(), new ApiException(409, "conflict", "m", null).body().error().details());
        assertEquals(Map.of(), ErrorBody.of("c", "m", null).error().details());
    }

    @Test
    void positiveIntsHaveADefaultAndARange() {
        FieldErrors errors = new FieldErrors();
        assertEquals(8, errors.positiveInt("pageSize", null, 8, 100));
        assertEquals(8, errors.positiveInt("pageSize", " ", 8, 100));
        assertEquals(100, errors.positiveInt("pageSize", " 100 ", 8, 100));
        assertEquals(123456, errors.positiveInt("page", "123456", 1, Integer.MAX_VALUE));
        assertTrue(errors.isEmpty());

        assertEquals(8, errors.positiveInt("pageSize", "101", 8, 100));
        assertEquals(1, errors.positiveInt("page", "0", 1, Integer.MAX_VALUE));
        assertEquals(1, errors.positiveInt("page", "1.5", 1, Integer.MAX_VALUE));
        ApiException e = assertThrows(ApiException.class, errors::throwIfAny);
        assertEquals(Map.of("pageSize", List.of("pageSize must be an integer from 1 to 100"),
                "page", List.of("page must be a positive integer", "page must be a positive integer")),
                e.details().get("fields"));
    }
}
