package ai.vtry.e2e;

import static ai.vtry.e2e.Stack.as;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

/** The prompt gallery through the gateway, as the reference shows it. */
class PromptPresetsIT {

    @Test
    void galleryListsPresetsAndTheirCategories() {
        as(Stack.newAccount("free")).get("/api/v1/prompt-presets").then().statusCode(200)
                .body("presets.size()", greaterThanOrEqualTo(12))
                .body("presets.id", hasItems("modern-gray-studio", "city-walk-pose"))
                .body("categories.size()", greaterThanOrEqualTo(5))
                .body("categories[0].prompts[0].text", org.hamcrest.Matchers.startsWith("Edit the provided reference image"));
    }
}
