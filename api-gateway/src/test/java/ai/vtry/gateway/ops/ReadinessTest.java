package ai.vtry.gateway.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The gateway is ready only when what it uses answers: its database and the downloads' bucket. */
@QuarkusTest
class ReadinessTest {

    @Test
    void readinessChecksTheDatabaseAndTheBucket() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Object storage"))
                .body("checks.find { it.name == 'Object storage' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Object storage' }.data.bucket", equalTo("vtry"));
    }

    @Test
    void livenessDoesNotDependOnInfrastructure() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
