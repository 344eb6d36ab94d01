package ai.vtry.job.mapping;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import ai.vtry.common.event.JobError;
import ai.vtry.common.link.SignedLinks;
import ai.vtry.common.time.Timestamps;
import ai.vtry.job.entity.Job;

/**
 * A job as the public API shows it (GET /api/v1/jobs/{id} and history). Stored keys become signed
 * links; {@code imageUrl} is the first image and {@code response.images} lists all of them.
 * {@code deadline} is when an unfinished job fails with {@code timeout}; {@code progress} is the image
 * provider's word on a PROCESSING job, where it gives one.
 */
public record JobView(
        String id,
        String kind,
        String status,
        String prompt,
        String imageUrl,
        String imageKey,
        String sourceUrl,
        JobError error,
        Map<String, Object> parameters,
        String createdAt,
        String updatedAt,
        String deadline,
        Map<String, Object> progress,
        Map<String, Object> response) {

    public static JobView of(Job job, SignedLinks links) {
        return of(job, links::url);
    }

    /**
     * The job with its links made by {@code link} (a key to its URL, null for none): events carry the
     * view with no links at all, since a signed link is a bearer token and subscribers sign their own.
     */
    public static JobView of(Job job, Function<String, String> link) {
        List<String> keys = job.getImageKeys();
        String imageKey = keys.isEmpty() ? null : keys.get(0);
        Map<String, Object> response = new LinkedHashMap<>(job.getResponse());
        if (!keys.isEmpty()) {
            response.put("images", keys.stream().map(k -> {
                Map<String, String> image = new LinkedHashMap<>();
                image.put("imageKey", k);
                image.put("imageUrl", link.apply(k));
                return image;
            }).toList());
        }
        return new JobView(job.getId(), job.getKind().wireName(), job.getStatus().name(), job.getPrompt(),
                imageKey == null ? null : link.apply(imageKey), imageKey, job.getSourceUrl(), job.getError(), job.getParameters(),
                format(job.getCreatedAt()), format(job.getUpdatedAt()), format(job.getDeadline()), job.getProgress(), response);
    }

    /** An instant as every timestamp of the API is written: UTC, milliseconds. */
    public static String format(Instant instant) {
        return Timestamps.format(instant);
    }
}
