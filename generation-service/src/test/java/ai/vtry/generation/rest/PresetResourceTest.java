package ai.vtry.generation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PresetResourceTest {

    @Test
    void listsPresetsAndTheirCategories() {
        JsonPath body = given().header("Authorization", TestTokens.newAccount("free").bearer())
                .when().get("/api/v1/prompt-presets")
                .then().statusCode(200)
                .body("presets.size()", greaterThanOrEqualTo(12))
                .body("categories.size()", greaterThanOrEqualTo(5))
                .body("presets.id", hasItems("modern-gray-studio", "city-walk-pose"))
                .body("presets[0].id", equalTo("modern-gray-studio"))
                .body("presets[0].title", equalTo("Modern Gray Studio"))
                .body("presets[0].category", equalTo("Studio Fashion"))
                .body("categories[0].name", equalTo("Studio Fashion"))
                .body("categories[0].prompts[0].id", equalTo("modern-gray-studio"))
                .extract().jsonPath();

        List<Map<String, String>> presets = body.getList("presets");
        for (Map<String, String> p : presets) {
            assertEquals(List.of("id", "title", "category", "text"), List.copyOf(p.keySet()));
            assertTrue(p.get("text").startsWith("Edit the provided reference image(s)"), p.get("id"));
        }

        // Categories: first-appearance order, each holding exactly its presets as {id,title,text}.
        Map<String, List<String>> expected = new LinkedHashMap<>();
        presets.forEach(p -> expected.computeIfAbsent(p.get("category"), c -> new java.util.ArrayList<>()).add(p.get("id")));
        Map<String, List<String>> actual = new LinkedHashMap<>();
        List<Map<String, Object>> categories = body.getList("categories");
        for (Map<String, Object> c : categories) {
            assertEquals(List.of("name", "prompts"), List.copyOf(c.keySet()));
            @SuppressWarnings("unchecked")
            List<Map<String, String>> prompts = (List<Map<String, String>>) c.get("prompts");
            prompts.forEach(p -> assertEquals(List.of("id", "title", "text"), List.copyOf(p.keySet())));
            actual.put((String) c.get("name"), prompts.stream().map(p -> p.get("id")).toList());
        }
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        assertEquals(expected, actual);
    }

    @Test
    void needsTheInternalToken() {
        given().when().get("/api/v1/prompt-presets").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-jwt").when().get("/api/v1/prompt-presets").then().statusCode(401);
    }
}
