package ai.vtry.common.event;

/** Why a job failed, as shown in the job's {@code error}: a stable code and a readable message. */
public record JobError(String code, String message) {
}
