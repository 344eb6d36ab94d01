package ai.vtry.generation.provider;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import ai.vtry.common.event.JobKind;

/**
 * One unit of work for a provider: the final prompt and the input images in the order the prompt
 * refers to them (compose: the references; generation: the person composite, then the clothes).
 */
public record ImageTask(
        String jobId,
        JobKind kind,
        String model,
        String prompt,
        List<byte[]> images,
        Map<String, Object> options,
        Instant deadline) {

    public String option(String name, String defaultValue) {
        Object value = options == null ? null : options.get(name);
        return value == null ? defaultValue : value.toString();
    }
}
