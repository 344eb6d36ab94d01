package ai.vtry.common.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class IdsTest {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    @Test
    void idIsPrefixUnderscoreAndTwentyBase32Characters() {
        String id = Ids.newId("pr");

        assertTrue(id.startsWith("pr_"), id);
        assertEquals(23, id.length(), id);
        assertTrue(Pattern.matches("pr_[a-z2-7]{20}", id), id);
    }

    @Test
    void prefixIsKeptAsGiven() {
        assertTrue(Ids.newId("req").startsWith("req_"));
        assertEquals(24, Ids.newId("req").length());
        assertTrue(Ids.newId("cl").startsWith("cl_"));
        assertEquals(21, Ids.newId("").length());
        assertTrue(Ids.newId("").startsWith("_"));
    }

    @Test
    void tenThousandIdsAreUniqueAndUseExactlyTheBase32Alphabet() {
        Set<String> ids = new HashSet<>();
        Set<Character> seen = new TreeSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.newId("cl");
            assertTrue(ids.add(id), "duplicate id " + id);
            assertEquals(23, id.length(), id);
            for (char c : id.substring(3).toCharArray()) {
                assertTrue(ALPHABET.indexOf(c) >= 0, "character outside the alphabet in " + id);
                seen.add(c);
            }
        }
        assertEquals(10_000, ids.size());
        // 200,000 random characters: every one of the 32 letters shows up (a missing one would mean a smaller alphabet)
        assertEquals(32, seen.size(), "characters seen: " + seen);
    }
}
