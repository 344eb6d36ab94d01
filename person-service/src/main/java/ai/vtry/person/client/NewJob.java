package ai.vtry.person.client;

import java.util.List;
import java.util.Map;

import ai.vtry.common.event.JobKind;

/** Body of job-service's {@code POST /internal/jobs}. */
public record NewJob(
        JobKind kind,
        String model,
        String prompt,
        Map<String, Object> parameters,
        Map<String, Object> options,
        List<String> imageKeys,
        String sourceUrl) {

    /** A compose job: the reference images in position order, the person named in the parameters. */
    public static NewJob personCompose(String model, String prompt, String personId, List<String> imageKeys) {
        return new NewJob(JobKind.PERSON_COMPOSE, model, prompt, Map.of("model", model, "personId", personId), Map.of(),
                imageKeys, null);
    }
}
