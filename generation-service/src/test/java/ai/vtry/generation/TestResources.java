package ai.vtry.generation;

import ai.vtry.common.testsupport.KafkaTestResource;
import ai.vtry.common.testsupport.PostgresTestResource;
import ai.vtry.common.testsupport.RedisTestResource;
import ai.vtry.common.testsupport.S3TestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The real backends of generation-service, started (or found) once for every @QuarkusTest of the module,
 * and the fakes of the internal APIs its generations and edits call ({@link FakeInternalApis}).
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "vtry_generation"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(S3TestResource.class)
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(FakeInternalApis.class)
public class TestResources {
}
