package ai.vtry.generation.provider.remote;

import ai.vtry.generation.provider.Outcome;

/** Carries a classified failure through a Uni chain until the provider returns it as its outcome. */
public final class ProviderFailure extends RuntimeException {

    private final transient Outcome.Failed failed;

    public ProviderFailure(Outcome.Failed failed) {
        super(failed.code() + ": " + failed.message(), null, false, false);
        this.failed = failed;
    }

    public Outcome.Failed failed() {
        return failed;
    }
}
