package ai.vtry.clothes.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code srcset} values as browsers read them (HTML's "parse a srcset attribute"): a URL, then
 * optional descriptors up to the next comma outside parentheses. URLs may contain commas
 * themselves (Cloudinary's {@code w_400,h_600}), so splitting on commas is not enough.
 */
final class Srcset {

    /** One candidate: its URL and its width ({@code 800w}) or pixel density ({@code 2x}), if given. */
    record Entry(String url, Integer width, double density) {
    }

    static List<Entry> parse(String value) {
        List<Entry> entries = new ArrayList<>();
        if (value == null) {
            return entries;
        }
        String s = value.trim();
        int pos = 0;
        int length = s.length();
        while (pos < length) {
            while (pos < length && (Character.isWhitespace(s.charAt(pos)) || s.charAt(pos) == ',')) {
                pos++;
            }
            if (pos >= length) {
                break;
            }
            int start = pos;
            while (pos < length && !Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            String url = s.substring(start, pos);
            String descriptor = "";
            if (url.endsWith(",")) {
                // by hand: ",+$" retried every comma of a long run against the rest of it (a hostile page's backtracking)
                int end = url.length();
                while (end > 0 && url.charAt(end - 1) == ',') {
                    end--;
                }
                url = url.substring(0, end);
            } else {
                int descriptorStart = pos;
                int depth = 0;
                while (pos < length && (depth > 0 || s.charAt(pos) != ',')) {
                    char c = s.charAt(pos);
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                    pos++;
                }
                descriptor = s.substring(descriptorStart, pos).trim();
                pos++;
            }
            if (!url.isEmpty()) {
                entries.add(entry(url, descriptor));
            }
        }
        return entries;
    }

    private static Entry entry(String url, String descriptor) {
        Integer width = null;
        double density = 1;
        for (String token : descriptor.toLowerCase(Locale.ROOT).split("\\s+")) {
            try {
                if (token.endsWith("w") && token.length() > 1) {
                    width = (int) Double.parseDouble(token.substring(0, token.length() - 1));
                } else if (token.endsWith("x") && token.length() > 1) {
                    density = Double.parseDouble(token.substring(0, token.length() - 1));
                }
            } catch (NumberFormatException ignored) {
                // an invalid descriptor: browsers drop it, so do we
            }
        }
        return new Entry(url, width, density);
    }

    /** The candidate a browser would pick on the largest screen: widest, else densest. */
    static Optional<Entry> largest(String value) {
        List<Entry> entries = parse(value);
        boolean widths = entries.stream().anyMatch(e -> e.width() != null);
        Comparator<Entry> size = widths
                ? Comparator.comparingInt(e -> e.width() == null ? 0 : e.width())
                : Comparator.comparingDouble(Entry::density);
        // max keeps the last of equals; ties go to the first listed
        Entry best = null;
        for (Entry entry : entries) {
            if (best == null || size.compare(entry, best) > 0) {
                best = entry;
            }
        }
        return Optional.ofNullable(best);
    }

    private Srcset() {
    }
}
