package org.sw4j.webapi.url;

/**
 * Infra's conversion of a string into a scalar value string
 * (https://infra.spec.whatwg.org/#javascript-string-convert): the URL APIs take {@code USVString}s,
 * so unpaired surrogates in a Java string are replaced by U+FFFD before anything else sees them.
 */
final class ScalarValueString {
    private ScalarValueString() {
    }

    /** {@code input} with every unpaired surrogate replaced by U+FFFD; {@code input} itself if there is none. */
    static String of(String input) {
        int length = input.length();
        int i = 0;
        while (i < length) {
            char c = input.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(input.charAt(i + 1))) {
                i += 2;
            } else if (Character.isSurrogate(c)) {
                break;
            } else {
                i++;
            }
        }
        if (i == length) {
            return input;
        }
        StringBuilder out = new StringBuilder(length).append(input, 0, i);
        while (i < length) {
            char c = input.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(input.charAt(i + 1))) {
                out.append(c).append(input.charAt(i + 1));
                i += 2;
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
                i++;
            }
        }
        return out.toString();
    }
}
