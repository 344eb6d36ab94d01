package ai.vtry.gateway.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.gateway.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without a configured admin token the admin API does not exist, whatever token is sent. */
@QuarkusTest
@TestProfile(AdminDisabledTest.NoAdminToken.class)
class AdminDisabledTest {

    public static class NoAdminToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vtry.admin.token", "", "%test.vtry.admin.token", "");
        }
    }

    @Test
    void theAdminApiAnswers404() {
        TestAccounts.admin().when().get("/admin/accounts")
                .then().statusCode(404)
                .body("error.code", equalTo("notFound"));
        TestAccounts.admin().header("X-Admin-Token", "").body(Map.of("email", "a@b.co"))
                .when().post("/admin/accounts")
                .then().statusCode(404)
                .body("error.code", equalTo("notFound"));
    }
}
