package ai.vtry.clothes.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * URLs inside text: CSS {@code url(...)} values and image URLs in scripts. They find what the
 * patterns {@code url\(\s*['"]?([^'")]+)['"]?\s*\)} and
 * {@code https?://[^"'\s<>()\\]+?\.(?:jpe?g|png|webp)(?:\?[^"'\s<>()\\]*)?} (case-insensitive) found,
 * but scan forwards once. The patterns tried every start again against the rest of the text, so a
 * hostile page (5 MB of {@code url(url(url(...} or {@code http://http://...}) backtracked for
 * hours. Here a candidate that fails is skipped as a whole: the starts inside it would
 * fail the same way (but one, see {@link #css}). Candidates longer than {@link ImageUrls#MAX_LENGTH}
 * are dropped, and one text gives at most {@value #MAX_URLS} URLs.
 */
final class InlineUrls {

    /** Far more than any style attribute or page state names; bounds what one hostile block can add. */
    static final int MAX_URLS = 1000;

    /** The values of {@code url(...)} in {@code css}, in order, without quotes and leading whitespace. */
    static List<String> css(String css) {
        List<String> urls = new ArrayList<>();
        int length = css.length();
        int from = 0;
        while (urls.size() < MAX_URLS) {
            int start = css.indexOf("url(", from);
            if (start < 0) {
                break;
            }
            int open = start + 4;
            int afterSpace = skipWhitespace(css, open);
            int valueStart = afterSpace < length && quote(css.charAt(afterSpace)) ? afterSpace + 1 : afterSpace;
            int valueEnd = valueStart;
            while (valueEnd < length && !quote(css.charAt(valueEnd)) && css.charAt(valueEnd) != ')') {
                valueEnd++;
            }
            if (valueEnd == valueStart && afterSpace > open) {
                // nothing but whitespace inside: the pattern took its last character as the value (no caller keeps it)
                valueStart = afterSpace - 1;
                valueEnd = afterSpace;
            }
            // the value ends at ')', or at a quote that whitespace and ')' follow
            int close = valueEnd < length && quote(css.charAt(valueEnd)) ? skipWhitespace(css, valueEnd + 1) : valueEnd;
            if (valueEnd > valueStart && close < length && css.charAt(close) == ')') {
                if (valueEnd - valueStart <= ImageUrls.MAX_LENGTH) {
                    urls.add(css.substring(valueStart, valueEnd));
                }
                from = close + 1;
            } else {
                // every url( inside the value fails the same way, but one just before the closing quote,
                // which takes that quote as its opening one
                int beforeSpace = valueEnd;
                while (beforeSpace > open && whitespace(css.charAt(beforeSpace - 1))) {
                    beforeSpace--;
                }
                from = beforeSpace - 4 > start && css.startsWith("url(", beforeSpace - 4) ? beforeSpace - 4 : valueEnd;
            }
        }
        return urls;
    }

    /** Absolute http(s) URLs of JPEG, PNG and WebP files in script text, in order. */
    static List<String> scriptImages(String script) {
        List<String> urls = new ArrayList<>();
        int length = script.length();
        int start = 0;
        while (start < length && urls.size() < MAX_URLS) {
            int bodyStart = afterScheme(script, start);
            if (bodyStart < 0) {
                start++;
                continue;
            }
            // the shortest run up to ".jpg", ".jpeg", ".png" or ".webp", within one token
            int end = -1;
            int pos = bodyStart;
            while (pos < length && !scriptTerminator(script.charAt(pos))) {
                int extension = pos > bodyStart && script.charAt(pos) == '.' ? imageExtension(script, pos + 1) : 0;
                if (extension > 0) {
                    end = pos + 1 + extension;
                    break;
                }
                pos++;
            }
            if (end < 0) {
                start = pos; // every start inside this token has no image extension either
                continue;
            }
            if (end < length && script.charAt(end) == '?') {
                while (end < length && !scriptTerminator(script.charAt(end))) {
                    end++;
                }
            }
            if (end - start <= ImageUrls.MAX_LENGTH) {
                urls.add(script.substring(start, end));
            }
            start = end;
        }
        return urls;
    }

    /** Where the rest of the URL starts if {@code http://} or {@code https://} (any case) starts at {@code i}; else -1. */
    private static int afterScheme(String s, int i) {
        if (!startsWithIgnoreCase(s, i, "http")) {
            return -1;
        }
        int j = i + 4;
        if (j < s.length() && lower(s.charAt(j)) == 's') {
            j++;
        }
        return s.startsWith("://", j) ? j + 3 : -1;
    }

    /** The length of {@code jpeg}, {@code jpg}, {@code png} or {@code webp} (any case) at {@code i}; else 0. */
    private static int imageExtension(String s, int i) {
        for (String extension : new String[] {"jpeg", "jpg", "png", "webp"}) {
            if (startsWithIgnoreCase(s, i, extension)) {
                return extension.length();
            }
        }
        return 0;
    }

    /** ASCII only, as the pattern's CASE_INSENSITIVE was. */
    private static boolean startsWithIgnoreCase(String s, int i, String lowerCase) {
        if (i + lowerCase.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < lowerCase.length(); k++) {
            if (lower(s.charAt(i + k)) != lowerCase.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length() && whitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** What {@code \s} matches. */
    private static boolean whitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean quote(char c) {
        return c == '\'' || c == '"';
    }

    private static boolean scriptTerminator(char c) {
        return quote(c) || whitespace(c) || c == '<' || c == '>' || c == '(' || c == ')' || c == '\\';
    }

    private InlineUrls() {
    }
}
