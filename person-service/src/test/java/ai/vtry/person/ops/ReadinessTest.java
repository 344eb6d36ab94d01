package ai.vtry.person.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** person-service is ready only when its database, the Kafka broker and its bucket answer. */
@QuarkusTest
class ReadinessTest {

    @Test
    void readinessChecksDatabaseKafkaAndBucket() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Object storage", "Kafka connection health check"))
                .body("checks.find { it.name == 'Object storage' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Kafka connection health check' }.status", equalTo("UP"));
    }
}
