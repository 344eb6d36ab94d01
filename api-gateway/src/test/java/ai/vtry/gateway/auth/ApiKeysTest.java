package ai.vtry.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void generatedKeysHaveTheDocumentedShapeAnd256RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ApiKeys.Generated generated = ApiKeys.generate();
            String key = generated.key();
            assertTrue(key.matches("vtry_[A-Za-z0-9_-]{43}"), key);
            assertEquals(32, Base64.getUrlDecoder().decode(key.substring(5)).length);
            assertEquals(key.substring(5, 17), generated.lookupPrefix());
            assertEquals(ApiKeys.hash(key), generated.hash());
            assertTrue(seen.add(key), "keys repeat");
        }
    }

    @Test
    void theGeneratedRecordNeverPrintsTheKey() {
        ApiKeys.Generated generated = ApiKeys.generate();
        assertFalse(generated.toString().contains(generated.key()));
    }

    @Test
    void hashIsTheSha256HexOfTheWholeKey() {
        // printf %s 'vtry_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' | sha256sum
        String key = "vtry_" + "A".repeat(43);
        assertEquals("1eea7c2dcb7602c014456bf8478b064198a125f6a86c6d3c20b74f3e88ff9ddd", ApiKeys.hash(key));
    }

    @Test
    void lookupPrefixIsTheFirst12CharactersAfterThePrefixOfWellFormedKeysOnly() {
        String key = "vtry_abcdefghijkl" + "m".repeat(31);
        assertEquals("abcdefghijkl", ApiKeys.lookupPrefix(key));
        assertTrue(ApiKeys.isWellFormed(key));

        assertNull(ApiKeys.lookupPrefix(null));
        assertNull(ApiKeys.lookupPrefix(""));
        assertNull(ApiKeys.lookupPrefix("vtry_short"));
        assertNull(ApiKeys.lookupPrefix("vtry_" + "a".repeat(42)));
        assertNull(ApiKeys.lookupPrefix("vtry_" + "a".repeat(44)));
        assertNull(ApiKeys.lookupPrefix("sk_" + "a".repeat(45)));
        assertNull(ApiKeys.lookupPrefix("VTRY_" + "a".repeat(43)));
        assertNull(ApiKeys.lookupPrefix("vtry_" + "a".repeat(42) + "+"));
        assertNull(ApiKeys.lookupPrefix("vtry_" + "a".repeat(42) + "/"));
        assertNull(ApiKeys.lookupPrefix(" vtry_" + "a".repeat(43)));
    }

    @Test
    void verifyAcceptsOnlyTheKeyThatHashesToTheStoredHash() {
        ApiKeys.Generated generated = ApiKeys.generate();
        ApiKeys.Generated other = ApiKeys.generate();
        assertTrue(ApiKeys.verify(generated.key(), generated.hash()));
        assertFalse(ApiKeys.verify(other.key(), generated.hash()));
        assertFalse(ApiKeys.verify(generated.key(), generated.hash().substring(1)));
        assertFalse(ApiKeys.verify(generated.key(), generated.hash().toUpperCase()));
        assertFalse(ApiKeys.verify(generated.key(), null));
        assertNotEquals(generated.hash(), other.hash());
    }
}
