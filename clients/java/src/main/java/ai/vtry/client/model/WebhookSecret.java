package ai.vtry.client.model;

/**
 * An endpoint's new signing secret, from {@code POST /api/v1/webhooks/{id}/rotate-secret}: shown once. Until
 * {@code previousSecretExpiresAt} every delivery is signed with both the new and the previous secret, so a
 * receiver can switch over without missing one.
 *
 * @param id the endpoint's id
 * @param secret the new secret ({@code whsec_...})
 * @param previousSecretExpiresAt when the previous secret stops signing (24 hours after the rotation)
 */
public record WebhookSecret(String id, String secret, String previousSecretExpiresAt) {
}
