package ai.vtry.generation.provider;

import java.util.Map;

/**
 * What a provider needs to find a submitted task again (a remote request id and its URLs), or the
 * outcome itself when the provider answered at once.
 */
public record Submission(String provider, Map<String, String> handle, Outcome immediateOutcome) {

    public static Submission finished(String provider, Outcome outcome) {
        return new Submission(provider, Map.of(), outcome);
    }
}
