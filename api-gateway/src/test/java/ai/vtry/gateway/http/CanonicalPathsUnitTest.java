package ai.vtry.gateway.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathsUnitTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/generations", "/api/v1/generations/", "/api/v1/persons/pr_1-a.b~c/compose",
            "/api/v1/me"})
    void plainPathsAreCanonical(String path) {
        assertTrue(CanonicalPaths.canonical(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1//generations", "/api/v1/generations//", "/api/v1/generations;a=1",
            "/api/v1/generations/;a=1", "/api/v1/generations%2F", "/api/v1/%67enerations", "/api/v1/generations\\",
            "/api/v1/persons/pr 1/compose", "/api/v1/gen\u00e9rations", ""})
    void tricksAreNot(String path) {
        assertFalse(CanonicalPaths.canonical(path), path);
    }
}
