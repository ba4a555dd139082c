package org.sw4j.webapi.urlpattern;

import java.util.Set;
import org.sw4j.webapi.error.WebError;

/**
 * Translates the regular expression of a regexp part ("{@code :id(\d+)}"), written in ECMAScript syntax
 * and compiled by the standard with the {@code v} flag, into {@code java.util.regex} syntax.
 *
 * <p>It is a parser for the ECMAScript {@code v}-mode Pattern grammar that re-emits every construct in a
 * form with the same meaning in Java, and throws a TypeError (as RegExpCreate's SyntaxError becomes in
 * "compile a component") for input that is not a valid {@code v}-mode pattern, or that Java cannot express
 * with the same meaning. Supported, with their translation:
 * <ul>
 *   <li>alternation, non-capturing groups {@code (?:)}, lookahead {@code (?=)} {@code (?!)}, lookbehind
 *       {@code (?<=)} {@code (?<!)} (Java requires a bounded lookbehind: an unbounded one is rejected);</li>
 *   <li>quantifiers {@code * + ? {n} {n,} {n,m}}, greedy or lazy ({@code ?} after them); possessive
 *       forms do not exist in ECMAScript and are rejected, as are quantified assertions;</li>
 *   <li>{@code ^ $} (start and end of input: {@code $} becomes {@code \z}), {@code \b \B} (ASCII word
 *       characters in both);</li>
 *   <li>{@code .} as {@code [^\n\r&#92;u2028&#92;u2029]} (Java's dot also excludes U+0085);</li>
 *   <li>{@code \d \D \w \W} as written (ASCII in both), {@code \s \S} as ECMAScript's explicit set of
 *       white space and line terminators (Java's {@code \s} is ASCII only);</li>
 *   <li>character escapes {@code \t \n \v \f \r \cX \0 \xHH &#92;uHHHH &#92;u{H...}} and identity escapes of
 *       syntax characters and "/", all emitted as {@code \x{...}};</li>
 *   <li>{@code \p{...} \P{...}} for General_Category values in short form ({@code \p{Lu}},
 *       {@code \p{gc=Lu}}) and scripts ({@code \p{sc=Greek}}, {@code \p{Script=Greek}});</li>
 *   <li>{@code v}-mode character classes: ranges, negation, nested classes, intersection {@code &&} and
 *       subtraction {@code --} (as Java's {@code &&} and {@code &&[^...]}).</li>
 * </ul>
 * Rejected as not expressible (TypeError): backreferences ({@code \1}, {@code \k<name>}: they would refer
 * to the groups of the whole component's expression), named capturing groups ({@code (?<name>...)}: they
 * would add a group the name list does not know), modifiers groups {@code (?i:...)}, string literals
 * {@code \q{...}}, properties of strings and other Unicode properties.
 *
 * <p>With ignoreCase the Java pattern uses {@code CASE_INSENSITIVE | UNICODE_CASE}, Java's simple case
 * matching, close to but not exactly ECMAScript's simple case folding (e.g. ECMAScript's {@code \w} with
 * {@code vi} also matches U+017F and U+212A).
 */
final class EcmaRegexpTranslator {
    private static final String SYNTAX_CHARACTERS = "^$\\.*+?()[]{}|";
    private static final String CLASS_SET_SYNTAX_CHARACTERS = "()[]{}/-\\|";
    private static final String CLASS_SET_RESERVED_DOUBLE_PUNCTUATORS = "&!#$%*+,.:;<=>?@^`~";
    private static final String CLASS_SET_RESERVED_PUNCTUATORS = "&-!#%,:;<=>@`~";
    /** ECMAScript's WhiteSpace and LineTerminator code points, the set of {@code \s}. */
    private static final String WHITE_SPACE =
            "\\x{9}-\\x{D}\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";
    private static final Set<String> GENERAL_CATEGORIES = Set.of("L", "LC", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn",
            "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk",
            "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn");

    private final String source;
    private final StringBuilder out = new StringBuilder();
    private int pos;

    private EcmaRegexpTranslator(String source) {
        this.source = source;
    }

    /**
     * Translates the ECMAScript {@code v}-mode pattern {@code source} to Java regex syntax.
     *
     * @throws WebError a TypeError when {@code source} is invalid or not expressible in Java
     */
    static String translate(String source) {
        EcmaRegexpTranslator translator = new EcmaRegexpTranslator(source);
        translator.disjunction();
        if (translator.pos < source.length()) {
            throw translator.error(source.charAt(translator.pos) == ')' ? "unmatched \")\"" : "unexpected character");
        }
        return translator.out.toString();
    }

    private WebError error(String reason) {
        return WebError.typeError("Invalid regular expression \"" + source + "\" in URL pattern at index " + pos
                + ": " + reason);
    }

    private WebError unsupported(String what) {
        return WebError.typeError("Unsupported regular expression \"" + source + "\" in URL pattern: " + what
                + " cannot be matched with java.util.regex with the same meaning");
    }

    private boolean atEnd() {
        return pos >= source.length();
    }

    private char peek() {
        return source.charAt(pos);
    }

    private boolean lookingAt(String s) {
        return source.startsWith(s, pos);
    }

    private void disjunction() {
        alternative();
        while (!atEnd() && peek() == '|') {
            pos++;
            out.append('|');
            alternative();
        }
    }

    private void alternative() {
        while (!atEnd() && peek() != '|' && peek() != ')') {
            term();
        }
    }

    private void term() {
        char c = peek();
        // Assertions: not quantifiable in u/v mode.
        if (c == '^') {
            pos++;
            out.append('^');
            rejectQuantifier();
            return;
        }
        if (c == '$') {
            pos++;
            out.append("\\z");
            rejectQuantifier();
            return;
        }
        if (lookingAt("\\b") || lookingAt("\\B")) {
            out.append(source, pos, pos + 2);
            pos += 2;
            rejectQuantifier();
            return;
        }
        if (lookingAt("(?=") || lookingAt("(?!") || lookingAt("(?<=") || lookingAt("(?<!")) {
            int headLength = lookingAt("(?<") ? 4 : 3;
            out.append(source, pos, pos + headLength);
            pos += headLength;
            group();
            rejectQuantifier();
            return;
        }
        atom();
        quantifier();
    }

    private void group() {
        disjunction();
        if (atEnd() || peek() != ')') {
            throw error("unterminated group");
        }
        pos++;
        out.append(')');
    }

    private void rejectQuantifier() {
        if (!atEnd() && ("*+?".indexOf(peek()) >= 0 || (peek() == '{' && quantifierBraceLength() > 0))) {
            throw error("nothing to repeat");
        }
    }

    private void atom() {
        char c = peek();
        switch (c) {
            case '.' -> {
                pos++;
                out.append("[^\\n\\r\\x{2028}\\x{2029}]");
            }
            case '(' -> {
                if (lookingAt("(?:")) {
                    pos += 3;
                    out.append("(?:");
                    group();
                } else if (lookingAt("(?<")) {
                    throw unsupported("a named capturing group");
                } else if (lookingAt("(?")) {
                    throw unsupported("a modifiers group");
                } else {
                    throw unsupported("a capturing group");
                }
            }
            case '[' -> characterClass();
            case '\\' -> atomEscape();
            case '*', '+', '?' -> throw error("nothing to repeat");
            case '{' -> throw error(quantifierBraceLength() > 0 ? "nothing to repeat" : "lone \"{\"");
            case '}', ']' -> throw error("lone \"" + c + "\"");
            default -> {
                int codePoint = source.codePointAt(pos);
                pos += Character.charCount(codePoint);
                appendLiteral(codePoint);
            }
        }
    }

    private void quantifier() {
        if (atEnd()) {
            return;
        }
        char c = peek();
        if (c == '*' || c == '+' || c == '?') {
            pos++;
            out.append(c);
        } else if (c == '{') {
            int length = quantifierBraceLength();
            if (length == 0) {
                throw error("lone \"{\"");
            }
            String body = source.substring(pos + 1, pos + length - 1);
            int comma = body.indexOf(',');
            if (comma > 0 && comma < body.length() - 1) {
                long min = parseBound(body.substring(0, comma));
                long max = parseBound(body.substring(comma + 1));
                if (min > max) {
                    throw error("numbers out of order in {} quantifier");
                }
            } else {
                parseBound(comma > 0 ? body.substring(0, comma) : body);
            }
            out.append('{').append(body).append('}');
            pos += length;
        } else {
            return;
        }
        if (!atEnd() && peek() == '?') {
            pos++;
            out.append('?');
        }
    }

    private long parseBound(String digits) {
        if (digits.length() > 9) {
            throw unsupported("a quantifier bound above 999999999");
        }
        return Long.parseLong(digits);
    }

    /** The length of a {n}, {n,} or {n,m} quantifier at the position, or 0 when there is none. */
    private int quantifierBraceLength() {
        int i = pos + 1;
        int start = i;
        while (i < source.length() && Character.isDigit(source.charAt(i)) && source.charAt(i) < 0x80) {
            i++;
        }
        if (i == start) {
            return 0;
        }
        if (i < source.length() && source.charAt(i) == ',') {
            i++;
            while (i < source.length() && source.charAt(i) >= '0' && source.charAt(i) <= '9') {
                i++;
            }
        }
        if (i < source.length() && source.charAt(i) == '}') {
            return i + 1 - pos;
        }
        return 0;
    }

    private void atomEscape() {
        pos++; // the backslash
        if (atEnd()) {
            throw error("\"\\\" at end of pattern");
        }
        char c = peek();
        if (c >= '1' && c <= '9') {
            throw unsupported("a backreference");
        }
        if (c == 'k') {
            throw unsupported("a named backreference");
        }
        String classEscape = characterClassEscape();
        if (classEscape != null) {
            out.append(classEscape);
            return;
        }
        appendLiteral(characterEscape(false));
    }

    /** A CharacterClassEscape at the position (after "\"), translated to a Java class, or null if there is none. */
    private String characterClassEscape() {
        char c = peek();
        switch (c) {
            case 'd', 'D', 'w', 'W' -> {
                pos++;
                return "\\" + c;
            }
            case 's' -> {
                pos++;
                return "[" + WHITE_SPACE + "]";
            }
            case 'S' -> {
                pos++;
                return "[^" + WHITE_SPACE + "]";
            }
            case 'p', 'P' -> {
                pos++;
                return unicodeProperty(c == 'P');
            }
            default -> {
                return null;
            }
        }
    }

    private String unicodeProperty(boolean negated) {
        if (atEnd() || peek() != '{') {
            throw error("invalid property name");
        }
        int close = source.indexOf('}', pos);
        if (close < 0) {
            throw error("invalid property name");
        }
        String body = source.substring(pos + 1, close);
        pos = close + 1;
        String name = body;
        String value = null;
        int equals = body.indexOf('=');
        if (equals >= 0) {
            name = body.substring(0, equals);
            value = body.substring(equals + 1);
        }
        String java;
        if (value == null && GENERAL_CATEGORIES.contains(name)) {
            java = name;
        } else if (value != null && (name.equals("General_Category") || name.equals("gc"))
                && GENERAL_CATEGORIES.contains(value)) {
            java = value;
        } else if (value != null && (name.equals("Script") || name.equals("sc")) && value.matches("[A-Za-z_]+")) {
            try {
                Character.UnicodeScript.forName(value);
            } catch (IllegalArgumentException e) {
                throw error("invalid property name");
            }
            java = "sc=" + value;
        } else {
            throw unsupported("the Unicode property \\p{" + body + "}");
        }
        return (negated ? "\\P{" : "\\p{") + java + "}";
    }

    /**
     * A CharacterEscape at the position (after "\"): its code point. In a class, ClassSetReservedPunctuator
     * and "b" (backspace) may also be escaped.
     */
    private int characterEscape(boolean inClass) {
        char c = peek();
        pos++;
        switch (c) {
            case 't':
                return '\t';
            case 'n':
                return '\n';
            case 'v':
                return 0x0B;
            case 'f':
                return '\f';
            case 'r':
                return '\r';
            case 'c':
                if (!atEnd() && isAsciiLetter(peek())) {
                    return source.charAt(pos++) % 32;
                }
                throw error("invalid escape");
            case '0':
                if (!atEnd() && peek() >= '0' && peek() <= '9') {
                    throw error("invalid decimal escape");
                }
                return 0;
            case 'x':
                return hexDigits(2);
            case 'u':
                return unicodeEscape();
            default:
                if (SYNTAX_CHARACTERS.indexOf(c) >= 0 || c == '/') {
                    return c;
                }
                if (inClass && (CLASS_SET_RESERVED_PUNCTUATORS.indexOf(c) >= 0)) {
                    return c;
                }
                if (inClass && c == 'b') {
                    return '\b';
                }
                if (inClass && c == 'q') {
                    throw unsupported("a class string disjunction \\q{...}");
                }
                throw error("invalid escape");
        }
    }

    private int hexDigits(int count) {
        if (pos + count > source.length()) {
            throw error("invalid escape");
        }
        int value = 0;
        for (int i = 0; i < count; i++) {
            int digit = Character.digit(source.charAt(pos + i), 16);
            if (digit < 0 || source.charAt(pos + i) >= 0x80) {
                throw error("invalid escape");
            }
            value = value * 16 + digit;
        }
        pos += count;
        return value;
    }

    private int unicodeEscape() {
        if (!atEnd() && peek() == '{') {
            int close = source.indexOf('}', pos);
            if (close < 0 || close == pos + 1) {
                throw error("invalid Unicode escape");
            }
            long value = 0;
            for (int i = pos + 1; i < close; i++) {
                int digit = Character.digit(source.charAt(i), 16);
                if (digit < 0) {
                    throw error("invalid Unicode escape");
                }
                value = value * 16 + digit;
                if (value > 0x10FFFF) {
                    throw error("invalid Unicode escape");
                }
            }
            pos = close + 1;
            return (int) value;
        }
        int unit = hexDigits(4);
        if (Character.isHighSurrogate((char) unit) && lookingAt("\\u") && !source.startsWith("\\u{", pos)) {
            int save = pos;
            pos += 2;
            int low = hexDigits(4);
            if (Character.isLowSurrogate((char) low)) {
                return Character.toCodePoint((char) unit, (char) low);
            }
            pos = save;
        }
        return unit;
    }

    // ---------------------------------------------------------------------------------------------
    // v-mode character classes

    private void characterClass() {
        out.append(classSetExpression());
    }

    /** Parses "[" ... "]" at the position and returns the Java class. */
    private String classSetExpression() {
        pos++; // "["
        boolean negated = false;
        if (!atEnd() && peek() == '^') {
            negated = true;
            pos++;
        }
        StringBuilder java = new StringBuilder(negated ? "[^" : "[");
        if (!atEnd() && peek() == ']') {
            pos++;
            // [] matches nothing, [^] any code point.
            return negated ? "(?s:.)" : "(?!)";
        }
        String first = classSetOperand(true);
        if (lookingAt("&&") || lookingAt("--")) {
            boolean intersection = lookingAt("&&");
            StringBuilder operation = new StringBuilder("[").append(asClass(first));
            while (lookingAt(intersection ? "&&" : "--")) {
                pos += 2;
                if (!atEnd() && (lookingAt("&") && intersection)) {
                    throw error("invalid set operation in character class");
                }
                String operand = classSetOperand(false);
                operation.append(intersection ? "&&" : "&&[^").append(intersection ? asClass(operand) : operand)
                        .append(intersection ? "" : "]");
            }
            operation.append(']');
            java.append(operation);
        } else {
            java.append(first);
            while (!atEnd() && peek() != ']') {
                if (lookingAt("&&") || lookingAt("--")) {
                    throw error("invalid set operation in character class");
                }
                java.append(classSetOperand(true));
            }
        }
        if (atEnd() || peek() != ']') {
            throw error("unterminated character class");
        }
        pos++;
        return java.append(']').toString();
    }

    private static String asClass(String operand) {
        return operand.startsWith("[") || operand.startsWith("\\") && !operand.startsWith("\\x") ? operand
                : "[" + operand + "]";
    }

    /**
     * One ClassSetOperand (a nested class, a class escape or a character), or with {@code allowRange} a
     * ClassSetRange, as Java class content.
     */
    private String classSetOperand(boolean allowRange) {
        if (atEnd()) {
            throw error("unterminated character class");
        }
        if (peek() == '[') {
            return classSetExpression();
        }
        if (peek() == '\\') {
            pos++;
            if (atEnd()) {
                throw error("\"\\\" at end of pattern");
            }
            String classEscape = characterClassEscape();
            if (classEscape != null) {
                return classEscape;
            }
            pos--;
        }
        int from = classSetCharacter();
        if (allowRange && lookingAt("-") && !lookingAt("--")) {
            pos++;
            int to = classSetCharacter();
            if (from > to) {
                throw error("range out of order in character class");
            }
            return literal(from) + "-" + literal(to);
        }
        return literal(from);
    }

    private int classSetCharacter() {
        if (atEnd()) {
            throw error("unterminated character class");
        }
        char c = peek();
        if (c == '\\') {
            pos++;
            if (atEnd()) {
                throw error("\"\\\" at end of pattern");
            }
            if (peek() >= '1' && peek() <= '9' || peek() == 'k') {
                throw error("invalid escape in character class");
            }
            return characterEscape(true);
        }
        if (CLASS_SET_SYNTAX_CHARACTERS.indexOf(c) >= 0) {
            throw error("\"" + c + "\" must be escaped in a v-mode character class");
        }
        if (CLASS_SET_RESERVED_DOUBLE_PUNCTUATORS.indexOf(c) >= 0 && pos + 1 < source.length()
                && source.charAt(pos + 1) == c) {
            throw error("reserved double punctuator \"" + c + c + "\" in character class");
        }
        int codePoint = source.codePointAt(pos);
        pos += Character.charCount(codePoint);
        return codePoint;
    }

    private void appendLiteral(int codePoint) {
        out.append(literal(codePoint));
    }

    private static String literal(int codePoint) {
        if (codePoint < 0x80 && Character.isLetterOrDigit(codePoint)) {
            return String.valueOf((char) codePoint);
        }
        return "\\x{" + Integer.toHexString(codePoint) + "}";
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
