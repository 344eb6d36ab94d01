package ai.vtry.generation.worker;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.vtry.common.testsupport.ServiceProcess;

/**
 * The packaged generation-service as its own process, working for fal (played by the test's
 * server at {@code falUrl}). Its request topic and consumer group are its own, so tests with several
 * instances do not share records by accident.
 */
final class WorkerProcess extends ServiceProcess {

    /**
     * @param name   the instance, and its log file
     * @param topic  the generation-requests topic it consumes (its consumer group has the same name)
     * @param extra  environment beside the defaults, e.g. VTRY_WORKER_MAX_IN_FLIGHT
     */
    WorkerProcess(String name, String topic, String falUrl, Map<String, String> extra) {
        super(name, env(falUrl, extra), List.of(
                "-Dmp.messaging.incoming.generation-requests.topic=" + topic,
                "-Dmp.messaging.incoming.generation-requests.group.id=" + topic));
    }

    private static Map<String, String> env(String falUrl, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VTRY_PROVIDER", "fal");
        env.put("FAL_KEY", "worker-process-test-key");
        env.put("VTRY_FAL_QUEUE_URL", falUrl);
        env.put("VTRY_FAL_STORAGE_URL", falUrl);
        env.putAll(extra);
        return env;
    }

    @Override
    public WorkerProcess start() throws IOException, InterruptedException {
        super.start();
        return this;
    }
}
