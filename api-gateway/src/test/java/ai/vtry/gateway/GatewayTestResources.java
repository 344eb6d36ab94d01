package ai.vtry.gateway;

import ai.vtry.common.testsupport.KafkaTestResource;
import ai.vtry.common.testsupport.PostgresTestResource;
import ai.vtry.common.testsupport.RedisTestResource;
import ai.vtry.common.testsupport.S3TestResource;
import ai.vtry.gateway.proxy.UpstreamTestResource;
import ai.vtry.gateway.webhooks.FalKeysTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The module's test infrastructure, registered once so Quarkus starts once for all test classes. */
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "vtry_gateway"))
@QuarkusTestResource(S3TestResource.class)
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(UpstreamTestResource.class)
@QuarkusTestResource(FalKeysTestResource.class)
public final class GatewayTestResources {

    private GatewayTestResources() {
    }
}
