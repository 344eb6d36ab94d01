package ai.vtry.person.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.vtry.common.error.ApiException;
import ai.vtry.common.error.FieldErrors;

class SlugsTest {

    @Test
    void lowercasesAndKeepsLettersAndDigits() {
        assertEquals("alice", Slugs.slug("Alice"));
        assertEquals("model42", Slugs.slug("MODEL42"));
    }

    @Test
    void stripsAccents() {
        assertEquals("zoe-francois", Slugs.slug("Zoë François"));
        assertEquals("istanbul", Slugs.slug("İstanbul"));
        assertEquals("aeiou-n", Slugs.slug("ÁÉÍÓÚ Ñ"));
        assertEquals("fi", Slugs.slug("ﬁ"));
    }

    @Test
    void turnsRunsOfAnythingElseIntoOneDash() {
        assertEquals("mary-jane", Slugs.slug("Mary   Jane"));
        assertEquals("o-brien-jr", Slugs.slug("O'Brien, Jr."));
        assertEquals("a-b", Slugs.slug("a_/\\..b"));
        assertEquals("jose", Slugs.slug("  --José!!  "));
        assertEquals("a-b", Slugs.slug("a\tb"));
    }

    @Test
    void cutsAtSixtyFourCharactersWithoutATrailingDash() {
        assertEquals("a".repeat(64), Slugs.slug("a".repeat(100)));
        String cut = Slugs.slug("b".repeat(63) + " tail");
        assertEquals("b".repeat(63), cut);
        assertTrue(Slugs.slug("x-".repeat(50)).length() <= 64);
        assertFalse(Slugs.slug("x-".repeat(50)).endsWith("-"));
    }

    @Test
    void nothingLeftIsEmpty() {
        assertEquals("", Slugs.slug("!!!"));
        assertEquals("", Slugs.slug("日本"));
        assertEquals("", Slugs.slug(""));
        assertEquals("", Slugs.slug(null));
    }

    @Test
    void requiredNamesReportMissingAndEmpty() {
        FieldErrors errors = new FieldErrors();
        assertEquals("bob", Slugs.required(errors, "name", " Bob "));
        assertTrue(errors.isEmpty());

        assertNull(Slugs.required(errors, "name", "   "));
        assertNull(Slugs.required(errors, "name", "???"));
        ApiException failure = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, errors::throwIfAny);
        assertEquals(400, failure.status());
        assertEquals("validationFailed", failure.code());
        @SuppressWarnings("unchecked")
        Map<String, List<String>> fields = (Map<String, List<String>>) failure.details().get("fields");
        assertEquals(List.of("name is required", "name must contain at least one letter or digit"), fields.get("name"));
    }
}
