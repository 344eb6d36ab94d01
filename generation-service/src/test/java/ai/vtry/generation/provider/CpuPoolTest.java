package ai.vtry.generation.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

class CpuPoolTest {

    @Test
    void fortyTasksAtOnceRunTwoAtATimeOnTwoThreads() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CpuPool pool = new CpuPool(2, registry)) {
            List<Uni<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                tasks.add(pool.run(() -> {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return n;
                }));
            }
            List<Integer> results = Uni.join().all(tasks).andFailFast().await().atMost(Duration.ofSeconds(20));

            assertEquals(40, results.size());
            assertEquals(39, results.get(39));
            assertEquals(2, pool.peak(), "never more than the pool's threads at once");
            assertEquals(2, registry.get("vtry.worker.cpu.threads").gauge().value());
            assertEquals(0, registry.get("vtry.worker.cpu.busy").gauge().value());
        }
    }

    @Test
    void zeroThreadsMeansOnePerCore() {
        try (CpuPool pool = new CpuPool(0, new SimpleMeterRegistry())) {
            assertEquals(Runtime.getRuntime().availableProcessors(), pool.threads());
        }
    }
}
