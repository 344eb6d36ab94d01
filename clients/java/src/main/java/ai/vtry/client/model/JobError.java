package ai.vtry.client.model;

/**
 * Why a job is {@code FAILED} ({@code timeout}, {@code contentBlocked}, {@code invalidInput}, ...) or
 * {@code CANCELLED} ({@code cancelled}).
 */
public record JobError(String code, String message) {
}
