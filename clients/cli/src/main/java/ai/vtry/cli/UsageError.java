package ai.vtry.cli;

/** A command line that cannot run as given (no API key, an unreadable file, ...): exit code 2. */
final class UsageError extends RuntimeException {

    UsageError(String message) {
        super(message);
    }
}
