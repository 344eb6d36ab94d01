package ai.vtry.common.id;

import java.security.SecureRandom;

/** Public ids: a type prefix ({@code pr_}, {@code cl_}, {@code req_}) and 20 random base32 characters. */
public final class Ids {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + 21).append(prefix).append('_');
        for (int i = 0; i < 20; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    private Ids() {
    }
}
