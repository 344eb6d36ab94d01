package ai.vtry.client.model;

import java.util.List;

/**
 * A queued try-on generation.
 *
 * @param requestId the job to follow (kind {@code generation})
 * @param promptMode the mode used, the default resolved
 * @param prompt the final prompt sent to the image model
 */
public record GenerationQueued(String requestId, String personId, List<String> clothesIds, PromptMode promptMode,
        String prompt) {
}
