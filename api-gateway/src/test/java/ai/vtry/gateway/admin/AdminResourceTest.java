package ai.vtry.gateway.admin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.gateway.TestAccounts;
import ai.vtry.gateway.auth.ApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

@QuarkusTest
class AdminResourceTest {

    /** The cache lives one second; the rest is polling slack. */
    private static final Duration WITHIN_A_SECOND = Duration.ofMillis(1500);

    @Inject
    Pool pool;

    @Test
    void createMakesAnOwnerWithAWorkspaceAndAWorkingKey() {
        String email = TestAccounts.uniqueEmail();
        var created = admin().body(Map.of("email", "  " + email.toUpperCase() + " ", "plan", "pro"))
                .when().post("/admin/accounts")
                .then().statusCode(201)
                .body("account.email", equalTo(email))
                .body("account.planId", equalTo("pro"))
                .body("account.userId", startsWith("usr_"))
                .body("account.workspaceId", startsWith("ws_"))
                .body("apiKey", matchesPattern("vtry_[A-Za-z0-9_-]{43}"))
                .extract().jsonPath();

        given().header("Authorization", "Bearer " + created.getString("apiKey"))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("user.id", equalTo(created.getString("account.userId")))
                .body("subscription.planId", equalTo("pro"));
    }

    @Test
    void theKeyIsStoredOnlyAsItsHashWithALookupPrefix() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        List<Row> rows = pool.preparedQuery("select lookup_prefix, key_hash, revoked_at from api_keys where user_id = $1")
                .execute(Tuple.of(owner.userId())).await().atMost(Duration.ofSeconds(10))
                .stream().toList();
        assertEquals(1, rows.size());
        assertEquals(owner.apiKey().substring(5, 17), rows.get(0).getString("lookup_prefix"));
        assertEquals(ApiKeys.hash(owner.apiKey()), rows.get(0).getString("key_hash"));
        assertNull(rows.get(0).getValue("revoked_at"));
    }

    @Test
    void planDefaultsToFree() {
        admin().body(Map.of("email", TestAccounts.uniqueEmail()))
                .when().post("/admin/accounts")
                .then().statusCode(201)
                .body("account.planId", equalTo("free"));
    }

    @Test
    void anExistingEmailIs409InAnyCase() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        for (String email : List.of(owner.email(), owner.email().toUpperCase())) {
            admin().body(Map.of("email", email, "plan", "pro"))
                    .when().post("/admin/accounts")
                    .then().statusCode(409)
                    .body("error.code", equalTo("accountExists"));
        }
        admin().body(Map.of("email", owner.email()))
                .when().post("/admin/accounts/{owner}/members", owner.email())
                .then().statusCode(409)
                .body("error.code", equalTo("accountExists"));
    }

    @Test
    void invalidInputIs400WithEveryFieldNamed() {
        admin().body(Map.of("email", "not-an-email", "plan", "gold"))
                .when().post("/admin/accounts")
                .then().statusCode(400)
                .body("error.code", equalTo("validationFailed"))
                .body("error.details.fields.email", contains("email must be a valid email address"))
                .body("error.details.fields.plan", contains("plan must be one of free, pro, ultra"));
        admin().body(Map.of())
                .when().post("/admin/accounts")
                .then().statusCode(400)
                .body("error.details.fields.email", contains("email is required"))
                .body("error.details.fields", not(hasKey("plan")));
        admin().body(Map.of("plan", "platinum"))
                .when().put("/admin/accounts/{email}/plan", TestAccounts.owner("free").email())
                .then().statusCode(400)
                .body("error.details.fields.plan", contains("plan must be one of free, pro, ultra"));
    }

    @Test
    void withoutTheAdminTokenEverythingIs401() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        onAdminPort().contentType(ContentType.JSON).body(Map.of("email", TestAccounts.uniqueEmail()))
                .when().post("/admin/accounts")
                .then().statusCode(401)
                .body("error.code", equalTo("invalidAdminToken"));
        onAdminPort().header("X-Admin-Token", "wrong").when().get("/admin/accounts")
                .then().statusCode(401)
                .body("error.code", equalTo("invalidAdminToken"));
        // An API key is no admin credential, in either header.
        onAdminPort().header("Authorization", owner.bearer()).when().get("/admin/accounts")
                .then().statusCode(401);
        onAdminPort().urlEncodingEnabled(false).header("X-Admin-Token", owner.apiKey())
                .when().post("/admin/accounts/{email}/key:rotate", owner.email())
                .then().statusCode(401);
        // Nothing happened: the key still works.
        given().header("Authorization", owner.bearer()).when().get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void rotateStopsTheOldKeyWithinASecondAndIssuesAWorkingOne() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        // Warm the authentication cache with the old key first.
        given().header("Authorization", owner.bearer()).when().get("/api/v1/me").then().statusCode(200);

        String newKey = admin().when().post("/admin/accounts/{email}/key:rotate", owner.email())
                .then().statusCode(200)
                .body("apiKey", matchesPattern("vtry_[A-Za-z0-9_-]{43}"))
                .extract().path("apiKey");
        assertNotEquals(owner.apiKey(), newKey);

        await().atMost(WITHIN_A_SECOND).untilAsserted(() -> given().header("Authorization", owner.bearer())
                .when().get("/api/v1/me")
                .then().statusCode(401).body("error.code", equalTo("invalidApiKey")));
        given().header("x-api-key", newKey).when().get("/api/v1/me")
                .then().statusCode(200).body("user.id", equalTo(owner.userId()));
    }

    @Test
    void revokeStopsTheKeyAndRotateIssuesAFreshOne() {
        TestAccounts.Created owner = TestAccounts.owner("pro");
        given().header("Authorization", owner.bearer()).when().get("/api/v1/me").then().statusCode(200);

        admin().when().post("/admin/accounts/{email}/key:revoke", owner.email())
                .then().statusCode(200).body("revoked", equalTo(1));
        await().atMost(WITHIN_A_SECOND).untilAsserted(() -> given().header("Authorization", owner.bearer())
                .when().get("/api/v1/me")
                .then().statusCode(401).body("error.code", equalTo("invalidApiKey")));
        admin().when().post("/admin/accounts/{email}/key:revoke", owner.email())
                .then().statusCode(200).body("revoked", equalTo(0));

        String fresh = admin().when().post("/admin/accounts/{email}/key:rotate", owner.email())
                .then().statusCode(200).extract().path("apiKey");
        given().header("Authorization", "Bearer " + fresh).when().get("/api/v1/me")
                .then().statusCode(200).body("subscription.planId", equalTo("pro"));
    }

    @Test
    void membersJoinTheOwnersWorkspaceAndWorkUnderItsPlan() {
        TestAccounts.Created owner = TestAccounts.owner("pro");
        String memberEmail = TestAccounts.uniqueEmail();
        var member = admin().body(Map.of("email", memberEmail.toUpperCase()))
                .when().post("/admin/accounts/{owner}/members", owner.email().toUpperCase())
                .then().statusCode(201)
                .body("account.email", equalTo(memberEmail))
                .body("account.workspaceId", equalTo(owner.workspaceId()))
                .body("account.planId", equalTo("pro"))
                .body("account.ownerEmail", equalTo(owner.email()))
                .body("apiKey", matchesPattern("vtry_[A-Za-z0-9_-]{43}"))
                .extract().jsonPath();
        assertNotEquals(owner.userId(), member.getString("account.userId"));

        // A member cannot have members or a plan of its own.
        admin().body(Map.of("email", TestAccounts.uniqueEmail()))
                .when().post("/admin/accounts/{owner}/members", memberEmail)
                .then().statusCode(409).body("error.code", equalTo("notWorkspaceOwner"));
        admin().body(Map.of("plan", "ultra"))
                .when().put("/admin/accounts/{email}/plan", memberEmail)
                .then().statusCode(409).body("error.code", equalTo("notWorkspaceOwner"));
    }

    @Test
    void changingTheOwnersPlanChangesItForTheWholeWorkspace() {
        TestAccounts.Created owner = TestAccounts.owner("free");
        TestAccounts.Created member = TestAccounts.member(owner.email());
        given().header("Authorization", member.bearer()).when().get("/api/v1/me")
                .then().statusCode(200).body("subscription.planId", equalTo("free"));

        admin().body(Map.of("plan", "ultra"))
                .when().put("/admin/accounts/{email}/plan", owner.email())
                .then().statusCode(200)
                .body("account.email", equalTo(owner.email()))
                .body("account.planId", equalTo("ultra"))
                .body("account.ownerEmail", nullValue());

        await().atMost(WITHIN_A_SECOND).untilAsserted(() -> given().header("Authorization", member.bearer())
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("subscription.planId", equalTo("ultra"))
                .body("subscription.planLabel", equalTo("Ultra")));
    }

    @Test
    void listShowsOwnersAndMembersWithTheirWorkspace() {
        TestAccounts.Created owner = TestAccounts.owner("pro");
        TestAccounts.Created member = TestAccounts.member(owner.email());
        var list = admin().when().get("/admin/accounts").then().statusCode(200).extract().jsonPath();

        Map<String, Object> ownerRow = list.getMap("accounts.find { it.email == '" + owner.email() + "' }");
        Map<String, Object> memberRow = list.getMap("accounts.find { it.email == '" + member.email() + "' }");
        assertEquals(owner.userId(), ownerRow.get("userId"));
        assertEquals("pro", ownerRow.get("planId"));
        assertEquals(owner.workspaceId(), ownerRow.get("workspaceId"));
        assertNull(ownerRow.get("ownerEmail"));
        assertEquals(true, ownerRow.containsKey("ownerEmail"));
        assertEquals(member.userId(), memberRow.get("userId"));
        assertEquals("pro", memberRow.get("planId"));
        assertEquals(owner.workspaceId(), memberRow.get("workspaceId"));
        assertEquals(owner.email(), memberRow.get("ownerEmail"));
        assertEquals(true, String.valueOf(memberRow.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    }

    @Test
    void anUnknownEmailIs404() {
        String nobody = TestAccounts.uniqueEmail();
        admin().when().post("/admin/accounts/{email}/key:rotate", nobody)
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        admin().when().post("/admin/accounts/{email}/key:revoke", nobody)
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        admin().body(Map.of("plan", "pro")).when().put("/admin/accounts/{email}/plan", nobody)
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        admin().body(Map.of("email", TestAccounts.uniqueEmail()))
                .when().post("/admin/accounts/{owner}/members", nobody)
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        admin().when().get("/admin/accounts")
                .then().statusCode(200).body("accounts", notNullValue());
    }

    /** Custom methods ({@code key:rotate}) take a literal colon: RestAssured must not encode it. */
    @Test
    void theAdminApiAnswersOnlyOnItsOwnPortAndThatPortOnlyForIt() {
        // The public port (what the Ingress and compose expose) has no admin API, even with the token ...
        given().header("X-Admin-Token", TestAccounts.ADMIN_TOKEN).when().get("/admin/accounts")
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        given().header("X-Admin-Token", TestAccounts.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", TestAccounts.uniqueEmail())).when().post("/admin/accounts")
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        // ... and the admin port serves nothing but it.
        TestAccounts.Created owner = TestAccounts.owner("free");
        onAdminPort().header("Authorization", owner.bearer()).when().get("/api/v1/me")
                .then().statusCode(404).body("error.code", equalTo("notFound"));
        onAdminPort().when().get("/files/clothes/x.png").then().statusCode(404);
        admin().when().get("/admin/accounts").then().statusCode(200);
    }

    private static RequestSpecification onAdminPort() {
        return given().port(Arc.container().instance(AdminServer.class).get().port());
    }

    private static RequestSpecification admin() {
        return TestAccounts.admin().urlEncodingEnabled(false);
    }
}
