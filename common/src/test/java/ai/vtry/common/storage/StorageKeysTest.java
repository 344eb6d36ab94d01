package ai.vtry.common.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"persons/ws_a/alice/1.jpg", "clothes/ws_a/x.png", "clothes/ws_a/inputs/x.png",
            "composites/ws_a/req_1-1.jpg", "generations/ws_a/req_1-2.png", "edits/ws_a/inputs/u.jpg", "extracts/ws_a/r-1.png"})
    void theWorkspacesOwnObjects(String key) {
        assertTrue(StorageKeys.inWorkspace(key, "ws_a"), key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"persons/ws_b/alice/1.jpg", "clothes/ws_ab/x.png", "clothes/ws_a", "clothes/ws_a/",
            "other/ws_a/x.png", "/clothes/ws_a/x.png", "clothes//ws_a/x.png", "clothes/ws_a/../ws_b/x.png",
            "clothes/ws_a/./x.png", "clothes/ws_a\\..\\ws_b/x.png", "clothes/ws_a//x.png", "ws_a/x.png", ""})
    void anythingElse(String key) {
        assertFalse(StorageKeys.inWorkspace(key, "ws_a"), key);
    }

    @org.junit.jupiter.api.Test
    void noWorkspaceOwnsAnything() {
        assertFalse(StorageKeys.inWorkspace("clothes/ws_a/x.png", null));
        assertFalse(StorageKeys.inWorkspace("clothes//x.png", ""));
        assertFalse(StorageKeys.inWorkspace(null, "ws_a"));
    }
}
