package ai.vtry.common.storage;

import java.util.Set;

/**
 * The one rule every stored object's key follows: {@code {area}/{workspaceId}/...}, where the area
 * says which service wrote it. A job may only reference objects of its own workspace, so job-service
 * checks every key it is given (inputs from the creating service, results from a worker) with this.
 */
public final class StorageKeys {

    /** persons and clothes: the services' own objects; the others: generation-service's results and inputs. */
    private static final Set<String> AREAS = Set.of("persons", "clothes", "composites", "generations", "edits", "extracts");

    /**
     * Whether {@code key} is an object of {@code workspaceId}: a known area, then exactly that
     * workspace, then a name; no empty, {@code .} or {@code ..} segment and no backslash anywhere.
     */
    public static boolean inWorkspace(String key, String workspaceId) {
        if (key == null || workspaceId == null || workspaceId.isEmpty() || key.indexOf('\\') >= 0) {
            return false;
        }
        String[] segments = key.split("/", -1);
        if (segments.length < 3 || !AREAS.contains(segments[0]) || !segments[1].equals(workspaceId)) {
            return false;
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private StorageKeys() {
    }
}
