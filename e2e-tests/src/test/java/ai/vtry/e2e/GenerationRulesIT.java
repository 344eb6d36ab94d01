package ai.vtry.e2e;

import static ai.vtry.e2e.TryOn.edit;
import static ai.vtry.e2e.TryOn.generate;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The reference's validation rules for generations and edits through the gateway: each broken rule
 * is a 400 whose details.fields names the field; paid-only models are a 403. Requests are spread over
 * accounts, since each account may POST 10 generate requests a minute.
 */
class GenerationRulesIT {

    private int used;
    private String account;

    /** An account of {@code plan} with generate budget left. */
    private String account(String plan) {
        if (account == null || used >= 8 || !plan.equals(accountPlan)) {
            account = Stack.newAccount(plan);
            accountPlan = plan;
            used = 0;
        }
        used++;
        return account;
    }

    private String accountPlan;

    private static Map<String, Object> with(Map<String, Object> base, Object... changes) {
        Map<String, Object> body = new HashMap<>(base);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                body.remove((String) changes[i]);
            } else {
                body.put((String) changes[i], changes[i + 1]);
            }
        }
        return body;
    }

    private void rejects(String plan, Map<String, Object> body, String field) {
        generate(account(plan), body).statusCode(400).body("error.code", equalTo("validationFailed"))
                .body("error.details.fields", hasKey(field)).body("error.details.fields." + field + "[0]", notNullValue());
    }

    private void rejectsEdit(String plan, Map<String, Object> body, String field) {
        edit(account(plan), body).statusCode(400).body("error.code", equalTo("validationFailed"))
                .body("error.details.fields", hasKey(field));
    }

    @Test
    void everyGenerationRuleNamesItsField() {
        Map<String, Object> ok = Map.of("model", "NanoBanana", "personId", "pr_any", "clothesIds", List.of("cl_a"));
        Map<String, Object> ok2 = with(ok, "model", "NanoBanana2");
        rejects("free", with(ok, "model", null), "model");
        rejects("free", with(ok, "model", "NanoBanana3"), "model");
        rejects("free", with(ok, "personId", null), "personId");
        rejects("free", with(ok, "clothesIds", null), "clothesIds");
        rejects("free", with(ok, "clothesIds", List.of()), "clothesIds");
        rejects("free", with(ok, "clothesIds", "cl_a"), "clothesIds");
        rejects("free", with(ok, "clothesIds", List.of("cl_a", "cl_a")), "clothesIds");
        rejects("free", with(ok, "clothesIds", List.of("cl_a", "cl_b", "cl_c")), "clothesIds");
        rejects("pro", with(ok2, "clothesIds", List.of("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8")), "clothesIds");
        rejects("free", with(ok, "aspectRatio", "7:5"), "aspectRatio");
        rejects("free", with(ok, "resolution", "2K"), "resolution");
        rejects("pro", with(ok2, "resolution", "8K"), "resolution");
        rejects("free", with(ok, "outputFormat", "gif"), "outputFormat");
        rejects("free", with(ok, "numImages", 5), "numImages");
        rejects("free", with(ok, "numImages", 0), "numImages");
        rejects("pro", with(ok2, "numImages", 2), "numImages");
        rejects("free", with(ok, "syncMode", "maybe"), "syncMode");
        rejects("free", with(ok, "promptMode", "fancy"), "promptMode");
        rejects("free", with(ok, "promptMode", "raw"), "prompt");
        rejects("free", with(ok, "promptMode", "preset"), "promptPresetId");
        rejects("free", with(ok, "promptPresetId", "no-such-preset"), "promptPresetId");
        rejects("free", with(ok, "scene", "x".repeat(1001)), "scene");
        rejects("free", with(ok, "prompt", "x".repeat(4001)), "prompt");

        // paid-only: NanoBanana2 on the free plan (the body is otherwise valid)
        generate(account("free"), ok2).statusCode(403).body("error.code", equalTo("planRequired"));
    }

    @Test
    void inputsMustExistInTheWorkspaceAndThePersonMustBeComposed() {
        String key = Stack.newAccount("free");
        String clothId = TryOn.cloth(key, Color.ORANGE);
        String personId = TryOn.composedPerson(key);
        String bare = Stack.as(key).multiPart("name", "bare")
                .multiPart("files", "a.jpg", ai.vtry.common.testsupport.TestImages.jpeg(300, 400, Color.GRAY), "image/jpeg")
                .post("/api/v1/persons").then().statusCode(201).extract().path("person.id");

        generate(key, Map.of("model", "NanoBanana", "personId", bare, "clothesIds", List.of(clothId)))
                .statusCode(400).body("error.code", equalTo("compositeRequired"))
                .body("error.message", org.hamcrest.Matchers.containsString("/api/v1/persons/" + bare + "/compose"));
        generate(key, Map.of("model", "NanoBanana", "personId", "pr_nobody", "clothesIds", List.of(clothId)))
                .statusCode(404).body("error.code", equalTo("notFound"));
        generate(key, Map.of("model", "NanoBanana", "personId", personId, "clothesIds", List.of(clothId, "cl_nothing")))
                .statusCode(404).body("error.code", equalTo("notFound"))
                .body("error.details.ids", org.hamcrest.Matchers.contains("cl_nothing"));
        String stranger = Stack.newAccount("free");
        generate(stranger, Map.of("model", "NanoBanana", "personId", personId, "clothesIds", List.of(clothId)))
                .statusCode(404).body("error.code", equalTo("notFound"));
    }

    @Test
    void everyEditRuleNamesItsField() {
        Map<String, Object> ok = Map.of("jobId", "req_any", "prompt", "change the jacket to navy");
        rejectsEdit("free", with(ok, "prompt", null), "prompt");
        rejectsEdit("free", with(ok, "jobId", null), "imageUrl");
        rejectsEdit("free", with(ok, "clothId", "cl_a"), "clothId");
        rejectsEdit("free", with(ok, "saveAsClothes", true), "saveAsClothes");
        rejectsEdit("free", with(ok, "jobId", null, "imageUrl", "ftp://example.com/a.jpg"), "imageUrl");
        rejectsEdit("free", with(ok, "model", "Other"), "model");
        rejectsEdit("free", with(ok, "resolution", "2K"), "resolution");
        rejectsEdit("free", with(ok, "aspectRatio", "10:1"), "aspectRatio");
        rejectsEdit("free", with(ok, "outputFormat", "webp"), "outputFormat");
        edit(account("free"), with(ok, "model", "NanoBanana2")).statusCode(403).body("error.code", equalTo("planRequired"));
        edit(account("free"), ok).statusCode(404).body("error.code", equalTo("notFound"));
        edit(account("free"), with(ok, "jobId", null, "clothId", "cl_none")).statusCode(404);
    }
}
