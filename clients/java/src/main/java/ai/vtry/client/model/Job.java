package ai.vtry.client.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A job: the image work behind a compose, a clothes upload or extraction, a generation or an edit.
 * Timestamps are ISO-8601 UTC with milliseconds, as the API writes them.
 *
 * @param id the job id (the {@code requestId} of the call that queued it)
 * @param kind {@code person-compose}, {@code clothes-upload}, {@code clothes-extract}, {@code generation} or
 *        {@code edit} (more may appear)
 * @param prompt the prompt sent to the image model; null for a direct clothes upload
 * @param imageUrl signed link to the first result; null until {@code COMPLETED}
 * @param imageKey storage key of the first result; null until {@code COMPLETED}
 * @param sourceUrl the URL the input came from, or null
 * @param error why it failed or was cancelled; null otherwise
 * @param parameters what the request asked for, as recorded when it was queued
 * @param deadline when an unfinished job fails with {@code timeout}
 * @param progress while {@code PROCESSING}, what the image model says: {@code stage} ({@code queued} or
 *        {@code running}) and {@code queuePosition}; null otherwise or when it says nothing
 * @param response the result's details once {@code COMPLETED}; all null before
 */
public record Job(String id, String kind, JobStatus status, String prompt, String imageUrl, String imageKey,
        String sourceUrl, JobError error, Map<String, Object> parameters, String createdAt, String updatedAt,
        String deadline, Map<String, Object> progress, Result response) {

    /** Every image of a completed job, the first being {@link #imageUrl()}; empty before. */
    public List<Image> images() {
        return response == null || response.images() == null ? List.of() : response.images();
    }

    /**
     * The details of a completed job's result.
     *
     * @param provider the image provider that made it
     * @param images every result
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(Integer width, Integer height, String contentType, String provider, List<Image> images) {
    }

    /**
     * One result image.
     *
     * @param imageUrl signed link, valid for 24 hours
     */
    public record Image(String imageKey, String imageUrl) {
    }
}
