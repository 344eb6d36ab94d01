package ai.vtry.gateway.limit;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.HEAD;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The reference's category of every endpoint. */
class CategoryTest {

    @Test
    void readsAreGetAndHead() {
        assertEquals(Category.READ, Category.of(GET, "/api/v1/persons"));
        assertEquals(Category.READ, Category.of(GET, "/api/v1/jobs/req_1"));
        assertEquals(Category.READ, Category.of(GET, "/api/v1/generations"));
        assertEquals(Category.READ, Category.of(HEAD, "/api/v1/history"));
    }

    @Test
    void generatingEndpointsAreGenerateWithOrWithoutATrailingSlash() {
        assertEquals(Category.GENERATE, Category.of(POST, "/api/v1/generations"));
        assertEquals(Category.GENERATE, Category.of(POST, "/api/v1/edits"));
        assertEquals(Category.GENERATE, Category.of(POST, "/api/v1/persons/pr_1/compose"));
        assertEquals(Category.GENERATE, Category.of(POST, "/api/v1/persons/pr_1/compose/"));
        assertEquals(Category.GENERATE, Category.of(POST, "/api/v1/clothes"));
        assertEquals(Category.GENERATE, Category.of(POST, "/api/v1/generations//"));
    }

    @Test
    void sourceImagesHasItsOwnCategory() {
        assertEquals(Category.SOURCE_IMAGES, Category.of(POST, "/api/v1/clothes/source-images"));
        assertEquals(Category.SOURCE_IMAGES, Category.of(POST, "/api/v1/clothes/source-images/"));
    }

    @Test
    void everyOtherChangeIsWrite() {
        assertEquals(Category.WRITE, Category.of(POST, "/api/v1/persons"));
        assertEquals(Category.WRITE, Category.of(POST, "/api/v1/persons/pr_1/images"));
        assertEquals(Category.WRITE, Category.of(PATCH, "/api/v1/persons/pr_1"));
        assertEquals(Category.WRITE, Category.of(DELETE, "/api/v1/persons/pr_1/images"));
        assertEquals(Category.WRITE, Category.of(DELETE, "/api/v1/clothes/cl_1"));
        assertEquals(Category.WRITE, Category.of(PUT, "/api/v1/generations"));
        assertEquals(Category.WRITE, Category.of(POST, "/api/v1/persons/a/b/compose"));
        assertEquals(Category.WRITE, Category.of(DELETE, "/api/v1/clothes/source-images"));
    }

    @Test
    void onlyPostGenerationsTakesASlot() {
        assertTrue(Category.takesGenerationSlot(POST, "/api/v1/generations"));
        assertTrue(Category.takesGenerationSlot(POST, "/api/v1/generations/"));
        assertFalse(Category.takesGenerationSlot(GET, "/api/v1/generations"));
        assertFalse(Category.takesGenerationSlot(POST, "/api/v1/edits"));
        assertFalse(Category.takesGenerationSlot(POST, "/api/v1/generations/gen_1"));
    }
}
