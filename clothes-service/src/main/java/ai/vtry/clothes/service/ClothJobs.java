package ai.vtry.clothes.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.vtry.common.event.JobKind;
import ai.vtry.jobapi.JobWebhook;
import ai.vtry.jobapi.NewJob;

/** The jobs clothes-service asks job-service for. */
final class ClothJobs {

    /**
     * A direct upload: no worker, job-service completes it at once with the stored image as its
     * result. The parameters carry sourceUrl to the job-completed consumer that creates the cloth.
     */
    static NewJob clothesUpload(String imageKey, ClothRequest request) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("mode", "direct");
        parameters.put("sourceUrl", request.sourceUrl());
        webhook(parameters, request);
        return new NewJob(JobKind.CLOTHES_UPLOAD, null, null, parameters, Map.of(), List.of(imageKey),
                request.sourceUrl(), request.timeoutSeconds());
    }

    /**
     * An extraction: generation-service isolates the garment of {@code inputKey}. The parameters
     * carry what the consumer needs once it is done: sourceUrl, and the input to clean up.
     */
    static NewJob clothesExtract(String inputKey, ClothRequest request) {
        String model = request.model().name();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("mode", "extract");
        parameters.put("model", model);
        if (request.resolution() != null) {
            parameters.put("resolution", request.resolution());
        }
        parameters.put("userPrompt", request.prompt());
        parameters.put("sourceUrl", request.sourceUrl());
        parameters.put("inputKey", inputKey);
        webhook(parameters, request);
        Map<String, Object> options = request.resolution() == null ? Map.of() : Map.of("resolution", request.resolution());
        return new NewJob(JobKind.CLOTHES_EXTRACT, model, ExtractPrompt.of(request.prompt()), parameters, options,
                List.of(inputKey), request.sourceUrl(), request.timeoutSeconds());
    }

    /** The client's webhookUrl, for webhook-service (read from the job-completed event's parameters). */
    private static void webhook(Map<String, Object> parameters, ClothRequest request) {
        if (request.webhookUrl() != null) {
            parameters.put(JobWebhook.FIELD, request.webhookUrl());
        }
    }

    private ClothJobs() {
    }
}
