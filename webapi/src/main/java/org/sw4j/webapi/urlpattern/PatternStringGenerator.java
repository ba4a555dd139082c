package org.sw4j.webapi.urlpattern;

import java.util.List;

/** Converting part lists to pattern strings (https://urlpattern.spec.whatwg.org/#converting-part-lists-to-pattern-strings). */
final class PatternStringGenerator {

    private PatternStringGenerator() {
    }

    /** Implements generate a pattern string (https://urlpattern.spec.whatwg.org/#generate-a-pattern-string). */
    static String generate(List<Part> partList, PatternOptions options) {
        StringBuilder result = new StringBuilder();
        for (int index = 0; index < partList.size(); index++) {
            Part part = partList.get(index);
            Part previousPart = index > 0 ? partList.get(index - 1) : null;
            Part nextPart = index < partList.size() - 1 ? partList.get(index + 1) : null;
            if (part.type() == Part.Type.FIXED_TEXT) {
                if (part.modifier() == Part.Modifier.NONE) {
                    result.append(escapePatternString(part.value()));
                    continue;
                }
                result.append('{').append(escapePatternString(part.value())).append('}')
                        .append(part.modifier().string());
                continue;
            }
            boolean customName = !isAsciiDigit(part.name().charAt(0));
            boolean needsGrouping = !part.suffix().isEmpty()
                    || (!part.prefix().isEmpty() && !part.prefix().equals(options.prefixCodePoint()));
            if (!needsGrouping && customName && part.type() == Part.Type.SEGMENT_WILDCARD
                    && part.modifier() == Part.Modifier.NONE && nextPart != null && nextPart.prefix().isEmpty()
                    && nextPart.suffix().isEmpty()) {
                if (nextPart.type() == Part.Type.FIXED_TEXT) {
                    needsGrouping = !nextPart.value().isEmpty()
                            && Tokenizer.isValidNameCodePoint(nextPart.value().codePointAt(0), false);
                } else {
                    needsGrouping = isAsciiDigit(nextPart.name().charAt(0));
                }
            }
            if (!needsGrouping && part.prefix().isEmpty() && previousPart != null
                    && previousPart.type() == Part.Type.FIXED_TEXT && !previousPart.value().isEmpty()
                    && !options.prefixCodePoint().isEmpty()
                    && previousPart.value().endsWith(options.prefixCodePoint())) {
                needsGrouping = true;
            }
            if (needsGrouping) {
                result.append('{');
            }
            result.append(escapePatternString(part.prefix()));
            if (customName) {
                result.append(':').append(part.name());
            }
            if (part.type() == Part.Type.REGEXP) {
                result.append('(').append(part.value()).append(')');
            } else if (part.type() == Part.Type.SEGMENT_WILDCARD && !customName) {
                result.append('(').append(RegexpGenerator.generateSegmentWildcardRegexp(options)).append(')');
            } else if (part.type() == Part.Type.FULL_WILDCARD) {
                if (!customName && (previousPart == null || previousPart.type() == Part.Type.FIXED_TEXT
                        || previousPart.modifier() != Part.Modifier.NONE || needsGrouping
                        || !part.prefix().isEmpty())) {
                    result.append('*');
                } else {
                    result.append('(').append(RegexpGenerator.FULL_WILDCARD_REGEXP_VALUE).append(')');
                }
            }
            if (part.type() == Part.Type.SEGMENT_WILDCARD && customName && !part.suffix().isEmpty()
                    && Tokenizer.isValidNameCodePoint(part.suffix().codePointAt(0), false)) {
                result.append('\\');
            }
            result.append(escapePatternString(part.suffix()));
            if (needsGrouping) {
                result.append('}');
            }
            result.append(part.modifier().string());
        }
        return result.toString();
    }

    /** Implements escape a pattern string (https://urlpattern.spec.whatwg.org/#escape-a-pattern-string). */
    static String escapePatternString(String input) {
        StringBuilder result = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if ("+*?:{}()\\".indexOf(c) >= 0) {
                result.append('\\');
            }
            result.append(c);
        }
        return result.toString();
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
