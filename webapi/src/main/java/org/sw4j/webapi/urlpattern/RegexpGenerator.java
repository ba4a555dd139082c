package org.sw4j.webapi.urlpattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Converting part lists to regular expressions
 * (https://urlpattern.spec.whatwg.org/#converting-part-lists-to-regular-expressions).
 *
 * <p>The standard's output is an ECMAScript regular expression compiled with the {@code v} flag
 * ({@code vi} to ignore case). {@link #generate} produces that exact string (kept for diagnostics and tests)
 * and, from the same walk over the parts, an equivalent {@code java.util.regex} source:
 * <ul>
 *   <li>the segment wildcard {@code [^<delimiter>]+?} is the same in Java, except that with an empty
 *       delimiter ECMAScript's {@code [^]+?} (any code point) becomes {@code (?s:.)+?};</li>
 *   <li>the full wildcard {@code .*} becomes {@code [^\n\r&#92;u2028&#92;u2029]*}: ECMAScript's dot excludes exactly
 *       those four line terminators, Java's also excludes U+0085;</li>
 *   <li>the final {@code $} becomes {@code \z}: Java's {@code $} also matches before a final line
 *       terminator;</li>
 *   <li>escaped fixed text is valid Java as written ({@code \/} and the other escapes are literal in both);</li>
 *   <li>a regexp part's value is translated by {@link EcmaRegexpTranslator}, which rejects with a TypeError
 *       what it cannot translate faithfully.</li>
 * </ul>
 */
final class RegexpGenerator {
    /** The full wildcard regexp value (https://urlpattern.spec.whatwg.org/#full-wildcard-regexp-value). */
    static final String FULL_WILDCARD_REGEXP_VALUE = ".*";

    private static final String JAVA_FULL_WILDCARD = "[^\\n\\r\\u2028\\u2029]*";

    /** A generated regular expression: the standard's ECMAScript source, its Java translation, the group names. */
    record Generated(String ecmaScriptSource, String javaSource, List<String> nameList) {
    }

    private RegexpGenerator() {
    }

    /** Implements generate a segment wildcard regexp (https://urlpattern.spec.whatwg.org/#generate-a-segment-wildcard-regexp). */
    static String generateSegmentWildcardRegexp(PatternOptions options) {
        return "[^" + escapeRegexpString(options.delimiterCodePoint()) + "]+?";
    }

    private static String javaSegmentWildcardRegexp(PatternOptions options) {
        return options.delimiterCodePoint().isEmpty() ? "(?s:.)+?" : generateSegmentWildcardRegexp(options);
    }

    /**
     * Implements generate a regular expression and name list
     * (https://urlpattern.spec.whatwg.org/#generate-a-regular-expression-and-name-list), once for ECMAScript
     * and once for Java.
     *
     * @throws org.sw4j.webapi.error.WebError a TypeError when a regexp part cannot be translated
     */
    static Generated generate(List<Part> partList, PatternOptions options) {
        List<String> nameList = new ArrayList<>();
        String ecma = generate(partList, options, false, nameList);
        String java = generate(partList, options, true, new ArrayList<>());
        return new Generated(ecma, java, List.copyOf(nameList));
    }

    private static String generate(List<Part> partList, PatternOptions options, boolean java, List<String> nameList) {
        StringBuilder result = new StringBuilder("^");
        for (Part part : partList) {
            if (part.type() == Part.Type.FIXED_TEXT) {
                if (part.modifier() == Part.Modifier.NONE) {
                    result.append(escapeRegexpString(part.value()));
                } else {
                    result.append("(?:").append(escapeRegexpString(part.value())).append(')')
                            .append(part.modifier().string());
                }
                continue;
            }
            nameList.add(part.name());
            String regexpValue = switch (part.type()) {
                case SEGMENT_WILDCARD -> java ? javaSegmentWildcardRegexp(options) : generateSegmentWildcardRegexp(options);
                case FULL_WILDCARD -> java ? JAVA_FULL_WILDCARD : FULL_WILDCARD_REGEXP_VALUE;
                default -> java ? EcmaRegexpTranslator.translate(part.value()) : part.value();
            };
            String prefix = escapeRegexpString(part.prefix());
            String suffix = escapeRegexpString(part.suffix());
            String modifier = part.modifier().string();
            if (part.prefix().isEmpty() && part.suffix().isEmpty()) {
                if (part.modifier() == Part.Modifier.NONE || part.modifier() == Part.Modifier.OPTIONAL) {
                    result.append('(').append(regexpValue).append(')').append(modifier);
                } else {
                    result.append("((?:").append(regexpValue).append(')').append(modifier).append(')');
                }
                continue;
            }
            if (part.modifier() == Part.Modifier.NONE || part.modifier() == Part.Modifier.OPTIONAL) {
                result.append("(?:").append(prefix).append('(').append(regexpValue).append(')').append(suffix)
                        .append(')').append(modifier);
                continue;
            }
            result.append("(?:").append(prefix).append("((?:").append(regexpValue).append(")(?:").append(suffix)
                    .append(prefix).append("(?:").append(regexpValue).append("))*)").append(suffix).append(')');
            if (part.modifier() == Part.Modifier.ZERO_OR_MORE) {
                result.append('?');
            }
        }
        result.append(java ? "\\z" : "$");
        return result.toString();
    }

    /** Implements escape a regexp string (https://urlpattern.spec.whatwg.org/#escape-a-regexp-string). */
    static String escapeRegexpString(String input) {
        StringBuilder result = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (".+*?^${}()[]|/\\".indexOf(c) >= 0) {
                result.append('\\');
            }
            result.append(c);
        }
        return result.toString();
    }
}
