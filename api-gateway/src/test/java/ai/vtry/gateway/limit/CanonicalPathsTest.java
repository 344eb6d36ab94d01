package ai.vtry.gateway.limit;

import static ai.vtry.gateway.limit.AccountLimitsTest.as;
import static ai.vtry.gateway.limit.AccountLimitsTest.expectCounted;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Path tricks that the services would still match as a generating endpoint, but that the limits
 * would have counted as a plain write (and, for generations, without a generation slot): each is
 * refused before it is counted or forwarded ({@code http.CanonicalPaths}). The canonical forms
 * are counted as generate.
 */
@QuarkusTest
class CanonicalPathsTest {

    private static final List<String> GENERATING = List.of("/api/v1/generations", "/api/v1/edits", "/api/v1/clothes",
            "/api/v1/persons/pr_1/compose", "/api/v1/clothes/source-images");

    private static List<String> tricks(String path) {
        int last = path.lastIndexOf('/');
        String encodedFirstLetter = path.substring(0, last + 1) + "%" + Integer.toHexString(path.charAt(last + 1))
                + path.substring(last + 2);
        // (an empty segment, //, is refused too, but HTTP clients collapse it before sending: CanonicalPathsUnitTest)
        return List.of(path + ";a=1", path + "/;a=1", path + "%2F", path + "%2f", encodedFirstLetter,
                path.replace("/api/v1/", "/api/%761/"));
    }

    @Test
    void everyTrickOnAGeneratingEndpointIsRefusedBeforeItIsCounted() {
        TestAccounts.Created owner = TestAccounts.owner("ultra");
        for (String path : GENERATING) {
            for (String trick : tricks(path)) {
                as(owner).urlEncodingEnabled(false).contentType("application/json").body("{}").post(trick)
                        .then().statusCode(400)
                        .body("error.code", equalTo("invalidPath"))
                        .header("RateLimit-Limit", (String) null);
            }
        }
        // None of them used the account's budgets: the next generation is the first counted.
        expectCounted(as(owner).contentType("application/json").body("{}").post("/api/v1/edits")
                .then().statusCode(200), 10, 9);
    }

    @Test
    void theCanonicalFormsWithOrWithoutATrailingSlashAreCountedAsGenerate() {
        TestAccounts.Created owner = TestAccounts.owner("ultra");
        int counted = 0;
        for (String path : List.of("/api/v1/edits", "/api/v1/edits/", "/api/v1/persons/pr_1/compose/")) {
            counted++;
            expectCounted(as(owner).contentType("application/json").body("{}").post(path)
                    .then().statusCode(200), 10, 10 - counted);
        }
    }
}
