package ai.vtry.clothes.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import ai.vtry.clothes.discovery.TestPages.Page;

/**
 * Pages built to make discovery backtrack: a 5 MB run of one token where a pattern
 * would retry every start against the whole rest of the page. Performance is otherwise never
 * asserted with timings; this bound guards against minutes of catastrophic backtracking, not
 * against a slow machine, so it is generous.
 */
class PageImageFinderHostileTest {

    private static final int FIVE_MB = 5 * 1024 * 1024;
    private static final Duration BOUND = Duration.ofSeconds(2);

    /** {@code token} repeated to 5 MB between {@code before} and {@code after}. */
    private static String page(String before, String token, String after) {
        return "<html><body>" + before + token.repeat(FIVE_MB / token.length()) + after + "</body></html>";
    }

    private static void findsInTime(String html) {
        assertTimeoutPreemptively(BOUND, () -> PageImageFinder.find(html, "https://shop.test/p/1", 20));
    }

    @Test
    void cssUrlsInAStyleElement() {
        findsInTime(page("<style>body{background:", "url(", "}</style>"));
    }

    @Test
    void cssUrlsInAStyleAttribute() {
        findsInTime(page("<div style=\"background:", "url(", "\">x</div>"));
    }

    @Test
    void cssUrlsInALazyBackgroundAttribute() {
        findsInTime(page("<div data-bg=\"", "url(", "\">x</div>"));
    }

    @Test
    void schemesInAScript() {
        findsInTime(page("<script>var s = \"", "http://", "\";</script>"));
    }

    @Test
    void anUnterminatedUrlInAScript() {
        findsInTime(page("<script>var s = \"https://a", "a", "</script>"));
    }

    @Test
    void spacesInAWidth() {
        findsInTime(page("<img src=\"https://shop.test/a.jpg\" width=\"1", " ", "x\">"));
    }

    @Test
    void commasInASrcset() {
        findsInTime(page("<img srcset=\"https://shop.test/a.jpg", ",", "b,\">"));
    }

    @Test
    void magentoCacheSegmentsInAPictureUrl() {
        findsInTime(page("<img src=\"https://shop.test/media", "/cache", "/a.jpg\">"));
    }

    @Test
    void cloudinaryTransformationsInAPictureUrl() {
        findsInTime(page("<img src=\"https://res.shop.test/image/upload/c_1", ",w_1", "/a.jpg\">"));
    }

    /** Each picture reads the class of its container: only the default deadline ends this page. */
    @Test
    void aHugeClassAboveManyPictures() {
        String picture = "<img src=\"https://shop.test/a.jpg\">";
        String pictures = picture.repeat(FIVE_MB / 2 / picture.length());
        Document document = Jsoup.parse("<html><body><div class=\"" + "a".repeat(FIVE_MB / 2) + "\">" + pictures
                + "</div></body></html>", "https://shop.test/p/1");
        assertTimeoutPreemptively(BOUND, () -> PageImageFinder.find(document, 20));
    }

    @Test
    void collectingStopsAtTheDeadline() {
        Page page = TestPages.page("og-only.html");
        PageImageFinder.Result late = PageImageFinder.find(Jsoup.parse(page.html(), page.url()), 20,
                Instant.now().minusSeconds(1));
        assertEquals(List.of(), late.images());
        assertEquals("Linen Shirt", late.pageTitle());
    }
}
