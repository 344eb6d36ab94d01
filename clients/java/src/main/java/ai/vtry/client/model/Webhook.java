package ai.vtry.client.model;

import java.util.List;

/**
 * A webhook endpoint of the workspace: a URL that Vtry POSTs the events it subscribes to, signed per the
 * Standard Webhooks specification (check them with {@link ai.vtry.client.WebhookVerifier}). Timestamps are
 * ISO-8601 UTC with milliseconds, as the API writes them.
 *
 * @param id the endpoint's id ({@code wh_...})
 * @param description what it is for, or null
 * @param events what it receives: {@link #JOB_COMPLETED}, {@link #JOB_FAILED}, {@link #JOB_CANCELLED}, or
 *        {@link #ALL_EVENTS} (more may appear)
 * @param enabled false once its attempts have failed for five days, or when switched off
 * @param disabledReason why it was disabled, or null
 * @param failingSince when its current run of failed attempts began, or null
 * @param secret its signing secret ({@code whsec_...}): only in the answer of
 *        {@link ai.vtry.client.Webhooks#create(CreateWebhookRequest)}, null everywhere else; keep it, it is
 *        not shown again (a new one comes from {@link ai.vtry.client.Webhooks#rotateSecret(String)})
 */
public record Webhook(String id, String url, String description, List<String> events, boolean enabled,
        String disabledReason, String failingSince, String createdAt, String updatedAt, String secret) {

    /** A generation, edit, compose or clothes job ended {@code COMPLETED}. */
    public static final String JOB_COMPLETED = "job.completed";
    /** A job ended {@code FAILED}. */
    public static final String JOB_FAILED = "job.failed";
    /** A job ended {@code CANCELLED}. */
    public static final String JOB_CANCELLED = "job.cancelled";
    /** Every event, including those added later. */
    public static final String ALL_EVENTS = "*";
    /** The type of what {@link ai.vtry.client.Webhooks#sendTest(String)} sends, whatever the endpoint's events. */
    public static final String TEST_EVENT = "webhook.test";
}
