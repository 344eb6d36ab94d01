package ai.vtry.webhook;

import ai.vtry.common.testsupport.KafkaTestResource;
import ai.vtry.common.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real backends of webhook-service, started (or found) once for every @QuarkusTest of the module. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "vtry_webhook"))
@QuarkusTestResource(KafkaTestResource.class)
public class TestResources {
}
