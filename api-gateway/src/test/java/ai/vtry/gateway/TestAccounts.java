package ai.vtry.gateway;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import ai.vtry.gateway.admin.AdminServer;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.restassured.path.json.JsonPath;

/** Accounts made through the admin API, each with a unique email, so tests never share data. */
public final class TestAccounts {

    public static final String ADMIN_TOKEN = "test-admin-token";

    public record Created(String userId, String email, String workspaceId, String planId, String apiKey) {
        public String bearer() {
            return "Bearer " + apiKey;
        }
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** A request to the admin API: its own port, with the admin token. */
    public static RequestSpecification admin() {
        return given().port(Arc.container().instance(AdminServer.class).get().port())
                .header("X-Admin-Token", ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    public static Created owner(String plan) {
        JsonPath json = admin()
                .body(Map.of("email", uniqueEmail(), "plan", plan))
                .when().post("/admin/accounts")
                .then().statusCode(201).extract().jsonPath();
        return created(json);
    }

    public static Created member(String ownerEmail) {
        JsonPath json = admin()
                .body(Map.of("email", uniqueEmail()))
                .when().post("/admin/accounts/{owner}/members", ownerEmail)
                .then().statusCode(201).extract().jsonPath();
        return created(json);
    }

    private static Created created(JsonPath json) {
        return new Created(json.getString("account.userId"), json.getString("account.email"),
                json.getString("account.workspaceId"), json.getString("account.planId"), json.getString("apiKey"));
    }

    private TestAccounts() {
    }
}
