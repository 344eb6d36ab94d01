package ai.vtry.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.testsupport.TestTokens;
import ai.vtry.common.testsupport.TestTokens.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class HistoryTest {

    private static String create(Account account, String kind) {
        return given().header("Authorization", account.bearer()).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "model", "NanoBanana", "prompt", "p", "imageKeys", List.of("persons/" + account.workspaceId() + "/a/1.jpg")))
                .post("/internal/jobs").then().statusCode(201).extract().path("id");
    }

    @Test
    void pagesNewestFirstAndHidesUtilityJobsByDefault() {
        Account account = TestTokens.newAccount("free");
        String compose = create(account, "person-compose");
        String edit1 = create(account, "edit");
        String generation = create(account, "generation");
        String edit2 = create(account, "edit");

        given().header("Authorization", account.bearer()).get("/api/v1/history")
                .then().statusCode(200)
                .body("jobs.id", contains(edit2, generation, edit1))
                .body("page", equalTo(1)).body("pageSize", equalTo(20))
                .body("total", equalTo(3)).body("totalPages", equalTo(1));

        given().header("Authorization", account.bearer()).queryParam("kind", "all").queryParam("pageSize", 2)
                .queryParam("page", 2).get("/api/v1/history")
                .then().statusCode(200)
                .body("jobs.id", contains(edit1, compose))
                .body("total", equalTo(4)).body("totalPages", equalTo(2)).body("page", equalTo(2));

        given().header("Authorization", TestTokens.newAccount("free").bearer()).get("/api/v1/history")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void pagesAtTheIntegerLimitsAreEmptyNotAnError() {
        Account account = TestTokens.newAccount("free");
        for (String page : new String[] {"2147483647", "21474837", "21474836"}) {
            given().header("Authorization", account.bearer()).queryParam("page", page).queryParam("pageSize", 100)
                    .queryParam("kind", "all").get("/api/v1/history")
                    .then().statusCode(200).body("jobs", hasSize(0)).body("page", equalTo(Integer.parseInt(page)));
        }
    }

    @Test
    void rejectsBadPagingWithTheFieldNamed() {
        Account account = TestTokens.newAccount("free");
        given().header("Authorization", account.bearer()).queryParam("pageSize", 101).queryParam("page", 0)
                .queryParam("kind", "videos").get("/api/v1/history")
                .then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.pageSize[0]", containsString("1 to 100"))
                .body("error.details.fields.page[0]", containsString("positive"))
                .body("error.details.fields.kind[0]", containsString("images or all"));
    }
}
