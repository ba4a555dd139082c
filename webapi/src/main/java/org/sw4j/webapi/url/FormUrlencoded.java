package org.sw4j.webapi.url;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code application/x-www-form-urlencoded} format
 * (https://url.spec.whatwg.org/#application/x-www-form-urlencoded): a list of name-value tuples, always with UTF-8.
 */
final class FormUrlencoded {
    private FormUrlencoded() {
    }

    /**
     * Implements the URL Standard's {@code application/x-www-form-urlencoded} string parser
     * (https://url.spec.whatwg.org/#concept-urlencoded-string-parser): UTF-8 encoding followed by the
     * {@code application/x-www-form-urlencoded} parser. Working on the string directly is equivalent: "&amp;",
     * "=" and "+" are ASCII, so splitting before encoding splits at the same places.
     */
    static List<Map.Entry<String, String>> parse(String input) {
        List<Map.Entry<String, String>> output = new ArrayList<>();
        int length = input.length();
        int start = 0;
        while (start <= length) {
            int end = input.indexOf('&', start);
            if (end == -1) {
                end = length;
            }
            if (end > start) {
                int nameEnd = start;
                while (nameEnd < end && input.charAt(nameEnd) != '=') {
                    nameEnd++;
                }
                int valueStart = nameEnd == end ? end : nameEnd + 1;
                output.add(Map.entry(
                        PercentEncoding.percentDecode(input, start, nameEnd, true),
                        PercentEncoding.percentDecode(input, valueStart, end, true)));
            }
            start = end + 1;
        }
        return output;
    }

    /**
     * Implements the URL Standard's {@code application/x-www-form-urlencoded} serializer
     * (https://url.spec.whatwg.org/#concept-urlencoded-serializer).
     */
    static String serialize(List<Map.Entry<String, String>> tuples) {
        StringBuilder output = new StringBuilder();
        for (Map.Entry<String, String> tuple : tuples) {
            if (!output.isEmpty()) {
                output.append('&');
            }
            PercentEncoding.percentEncodeAfterEncoding(
                    tuple.getKey(), 0, PercentEncodeSet.APPLICATION_X_WWW_FORM_URLENCODED, true, output);
            output.append('=');
            PercentEncoding.percentEncodeAfterEncoding(
                    tuple.getValue(), 0, PercentEncodeSet.APPLICATION_X_WWW_FORM_URLENCODED, true, output);
        }
        return output.toString();
    }
}
