package ai.vtry.generation.worker;

import java.util.ArrayList;
import java.util.List;

import ai.vtry.common.event.JobKind;
import ai.vtry.common.image.ImageFormat;

/**
 * Where a job's result images are stored: {@code <kind's prefix>/<workspace>/<job>-<n>.<extension>},
 * n from 1 to {@link #MAX}. Fixed names let a cancelled job's results be deleted without listing.
 */
final class ResultKeys {

    /** A job keeps at most this many images (numImages goes up to 4); more from a provider are dropped. */
    static final int MAX = 4;

    static String of(JobKind kind, String workspaceId, String jobId, int n, ImageFormat format) {
        return prefix(kind) + "/" + workspaceId + "/" + jobId + "-" + n + "." + format.extension();
    }

    /** Every key a result of the job could have. */
    static List<String> everyPossible(JobKind kind, String workspaceId, String jobId) {
        List<String> keys = new ArrayList<>();
        for (int n = 1; n <= MAX; n++) {
            for (ImageFormat format : ImageFormat.values()) {
                keys.add(of(kind, workspaceId, jobId, n, format));
            }
        }
        return keys;
    }

    private static String prefix(JobKind kind) {
        return switch (kind) {
            case PERSON_COMPOSE -> "composites";
            case GENERATION -> "generations";
            case EDIT -> "edits";
            case CLOTHES_EXTRACT, CLOTHES_UPLOAD -> "extracts";
        };
    }

    private ResultKeys() {
    }
}
