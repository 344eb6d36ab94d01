package ai.vtry.clothes;

import ai.vtry.common.testsupport.KafkaTestResource;
import ai.vtry.common.testsupport.PostgresTestResource;
import ai.vtry.common.testsupport.S3TestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The real backends of every @QuarkusTest in this module, registered once so Quarkus starts once. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "vtry_clothes"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(S3TestResource.class)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
