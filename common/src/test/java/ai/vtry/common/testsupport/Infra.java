package ai.vtry.common.testsupport;

import org.testcontainers.DockerClientFactory;

/** How a test resource finds its backend: the stack `./vtry test` started, else Docker, else a clear failure. */
public final class Infra {

    /** The value of {@code VTRY_TEST_<name>} (environment or system property), or null. */
    public static String external(String name) {
        String key = "VTRY_TEST_" + name;
        String value = System.getenv(key);
        return value != null && !value.isBlank() ? value : System.getProperty(key);
    }

    static void requireDocker(String backend, String variable) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("No " + backend + " for the tests: run them with ./vtry test "
                    + "(or ./vtry test-infra up and export its VTRY_TEST_* variables), or set " + variable
                    + ", or have Docker for Testcontainers");
        }
    }

    private Infra() {
    }
}
