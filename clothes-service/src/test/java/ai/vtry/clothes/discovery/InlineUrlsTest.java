package ai.vtry.clothes.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class InlineUrlsTest {

    /** The patterns the scanners replace (hostile pages made them backtrack for hours): on short text they are the reference. */
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");
    private static final Pattern SCRIPT_IMAGE = Pattern.compile(
            "https?://[^\"'\\s<>()\\\\]+?\\.(?:jpe?g|png|webp)(?:\\?[^\"'\\s<>()\\\\]*)?", Pattern.CASE_INSENSITIVE);

    private static List<String> matches(Pattern pattern, int group, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(group));
        }
        return found;
    }

    private static void sameAsCssPattern(String css) {
        assertEquals(matches(CSS_URL, 1, css), InlineUrls.css(css), css);
    }

    private static void sameAsScriptPattern(String script) {
        assertEquals(matches(SCRIPT_IMAGE, 0, script), InlineUrls.scriptImages(script), script);
    }

    @Test
    void cssUrlsAreWhatThePatternFound() {
        assertEquals(List.of("a.jpg", "b.jpg", "c d.jpg "), InlineUrls.css("url(a.jpg) url( 'b.jpg' ) url(\"c d.jpg \")"));
        for (String css : List.of("background:url(a.jpg)", "url( 'a.jpg' )", "url(\"a b.jpg\")", "url(a.jpg\" )",
                "url('a\"b')", "url()", "url( )", "url( ')", "url( '')", "url('')url(c.png)", "url(url(a.jpg))",
                "url('x') url(\"y\")", "URL(a.jpg)", "url(a.jpg", "url('a.jpg' x) url(b.jpg)", "url(\ta.jpg\n)",
                "url(a\"url(b.jpg)", "url( \"\t)", "\t\turl(\taurl('url(/))", "url(url( 'a.jpg')", "")) {
            sameAsCssPattern(css);
        }
    }

    @Test
    void scriptImagesAreWhatThePatternFound() {
        assertEquals(List.of("https://a.test/x.jpg", "HTTP://A.TEST/Y.JPEG?w=1&h=2"),
                InlineUrls.scriptImages("{\"a\":\"https://a.test/x.jpg\",\"b\":\"HTTP://A.TEST/Y.JPEG?w=1&h=2\"}"));
        for (String script : List.of("http://a/x.jpgfoo", "http://.jpg.jpg", "http://a/x.png.webp", "'http://a/x.webp'",
                "http://a/b(c).jpg", "http://a/x.jpe", "http://a/x.jpeg", "https://a/x.jpg?q=1\"", "http://http://a/x.jpg",
                "http://a/x.txt http://b/y.png", "httpS://a.PNG", "http://a/x.jp", "http://a/\\x.jpg", "http://a/x.Jpg?",
                "ahttp://a/x.jpg", "http:/a/x.jpg", "https://a.webp?x=(1)", "http://a.jpeg.jpg", "")) {
            sameAsScriptPattern(script);
        }
    }

    @Test
    void randomTextGivesWhatThePatternsFound() {
        Random random = new Random(13);
        String[] cssPieces = {"url(", "(", ")", "'", "\"", " ", "\t", "a", "/", ".jpg"};
        String[] scriptPieces = {"http://", "https://", "HTTP", "s://", "/", ".", "jpg", "JPEG", "png", "webp", "?",
                "=", "a", " ", "'", "(", ")", "\\", "<"};
        for (int i = 0; i < 50_000; i++) {
            sameAsCssPattern(random(random, cssPieces));
            sameAsScriptPattern(random(random, scriptPieces));
        }
    }

    private static String random(Random random, String[] pieces) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    @Test
    void overlongCandidatesAreDropped() {
        String path = "/" + "a".repeat(ImageUrls.MAX_LENGTH);
        assertEquals(List.of("b.jpg"), InlineUrls.css("url(" + path + ".jpg) url(b.jpg)"));
        assertEquals(List.of("https://b.test/b.jpg"),
                InlineUrls.scriptImages("\"https://a.test" + path + ".jpg\" \"https://b.test/b.jpg\""));
    }

    @Test
    void oneTextGivesAtMostAThousandUrls() {
        assertEquals(InlineUrls.MAX_URLS, InlineUrls.css("url(a.jpg)".repeat(5000)).size());
        assertEquals(InlineUrls.MAX_URLS, InlineUrls.scriptImages("https://a.test/a.jpg ".repeat(5000)).size());
    }
}
