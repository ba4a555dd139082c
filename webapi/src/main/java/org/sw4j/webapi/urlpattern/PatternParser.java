package org.sw4j.webapi.urlpattern;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.sw4j.webapi.error.WebError;

/**
 * The pattern parser (https://urlpattern.spec.whatwg.org/#pattern-parser): turns a pattern string into a
 * part list. The encoding callback (https://urlpattern.spec.whatwg.org/#encoding-callback) validates and
 * canonicalizes each piece of fixed text, throwing a TypeError when it is invalid.
 */
final class PatternParser {
    private final List<Token> tokenList;
    private final UnaryOperator<String> encodingCallback;
    private final String segmentWildcardRegexp;
    private final List<Part> partList = new ArrayList<>();
    private final StringBuilder pendingFixedValue = new StringBuilder();
    private int index;
    private int nextNumericName;
    private final String input;

    private PatternParser(String input, PatternOptions options, UnaryOperator<String> encodingCallback) {
        this.input = input;
        this.encodingCallback = encodingCallback;
        this.segmentWildcardRegexp = RegexpGenerator.generateSegmentWildcardRegexp(options);
        this.tokenList = Tokenizer.tokenize(input, Token.Policy.STRICT);
    }

    /**
     * Implements parse a pattern string (https://urlpattern.spec.whatwg.org/#parse-a-pattern-string).
     *
     * @throws WebError a TypeError when the pattern string is not well formed or the callback rejects its text
     */
    static List<Part> parse(String input, PatternOptions options, UnaryOperator<String> encodingCallback) {
        PatternParser parser = new PatternParser(input, options, encodingCallback);
        parser.run(options);
        return List.copyOf(parser.partList);
    }

    private void run(PatternOptions options) {
        while (index < tokenList.size()) {
            Token charToken = tryToConsumeToken(Token.Type.CHAR);
            Token nameToken = tryToConsumeToken(Token.Type.NAME);
            Token regexpOrWildcardToken = tryToConsumeRegexpOrWildcardToken(nameToken);
            if (nameToken != null || regexpOrWildcardToken != null) {
                String prefix = charToken != null ? charToken.value() : "";
                if (!prefix.isEmpty() && !prefix.equals(options.prefixCodePoint())) {
                    pendingFixedValue.append(prefix);
                    prefix = "";
                }
                maybeAddPartFromPendingFixedValue();
                Token modifierToken = tryToConsumeModifierToken();
                addPart(prefix, nameToken, regexpOrWildcardToken, "", modifierToken);
                continue;
            }
            Token fixedToken = charToken;
            if (fixedToken == null) {
                fixedToken = tryToConsumeToken(Token.Type.ESCAPED_CHAR);
            }
            if (fixedToken != null) {
                pendingFixedValue.append(fixedToken.value());
                continue;
            }
            Token openToken = tryToConsumeToken(Token.Type.OPEN);
            if (openToken != null) {
                String prefix = consumeText();
                nameToken = tryToConsumeToken(Token.Type.NAME);
                regexpOrWildcardToken = tryToConsumeRegexpOrWildcardToken(nameToken);
                String suffix = consumeText();
                consumeRequiredToken(Token.Type.CLOSE);
                Token modifierToken = tryToConsumeModifierToken();
                addPart(prefix, nameToken, regexpOrWildcardToken, suffix, modifierToken);
                continue;
            }
            maybeAddPartFromPendingFixedValue();
            consumeRequiredToken(Token.Type.END);
        }
    }

    /** Implements try to consume a token (https://urlpattern.spec.whatwg.org/#try-to-consume-a-token). */
    private Token tryToConsumeToken(Token.Type type) {
        Token nextToken = tokenList.get(index);
        if (nextToken.type() != type) {
            return null;
        }
        index++;
        return nextToken;
    }

    /** Implements try to consume a modifier token (https://urlpattern.spec.whatwg.org/#try-to-consume-a-modifier-token). */
    private Token tryToConsumeModifierToken() {
        Token token = tryToConsumeToken(Token.Type.OTHER_MODIFIER);
        return token != null ? token : tryToConsumeToken(Token.Type.ASTERISK);
    }

    /**
     * Implements try to consume a regexp or wildcard token
     * (https://urlpattern.spec.whatwg.org/#try-to-consume-a-regexp-or-wildcard-token).
     */
    private Token tryToConsumeRegexpOrWildcardToken(Token nameToken) {
        Token token = tryToConsumeToken(Token.Type.REGEXP);
        if (nameToken == null && token == null) {
            token = tryToConsumeToken(Token.Type.ASTERISK);
        }
        return token;
    }

    /** Implements consume a required token (https://urlpattern.spec.whatwg.org/#consume-a-required-token). */
    private Token consumeRequiredToken(Token.Type type) {
        Token result = tryToConsumeToken(type);
        if (result == null) {
            Token found = tokenList.get(index);
            throw WebError.typeError("Invalid URL pattern \"" + input + "\": expected "
                    + (type == Token.Type.CLOSE ? "\"}\"" : "the end of the pattern") + " at index " + found.index()
                    + " but found " + describe(found));
        }
        return result;
    }

    private static String describe(Token token) {
        return token.type() == Token.Type.END ? "the end of the pattern"
                : "\"" + token.value() + "\" (" + token.type().name().toLowerCase().replace('_', '-') + ")";
    }

    /** Implements consume text (https://urlpattern.spec.whatwg.org/#consume-text). */
    private String consumeText() {
        StringBuilder result = new StringBuilder();
        while (true) {
            Token token = tryToConsumeToken(Token.Type.CHAR);
            if (token == null) {
                token = tryToConsumeToken(Token.Type.ESCAPED_CHAR);
            }
            if (token == null) {
                break;
            }
            result.append(token.value());
        }
        return result.toString();
    }

    /**
     * Implements maybe add a part from the pending fixed value
     * (https://urlpattern.spec.whatwg.org/#maybe-add-a-part-from-the-pending-fixed-value).
     */
    private void maybeAddPartFromPendingFixedValue() {
        if (pendingFixedValue.isEmpty()) {
            return;
        }
        String encodedValue = encodingCallback.apply(pendingFixedValue.toString());
        pendingFixedValue.setLength(0);
        partList.add(Part.fixedText(encodedValue, Part.Modifier.NONE));
    }

    /** Implements add a part (https://urlpattern.spec.whatwg.org/#add-a-part). */
    private void addPart(String prefix, Token nameToken, Token regexpOrWildcardToken, String suffix,
            Token modifierToken) {
        Part.Modifier modifier = Part.Modifier.NONE;
        if (modifierToken != null) {
            modifier = switch (modifierToken.value()) {
                case "?" -> Part.Modifier.OPTIONAL;
                case "*" -> Part.Modifier.ZERO_OR_MORE;
                case "+" -> Part.Modifier.ONE_OR_MORE;
                default -> throw new IllegalStateException(modifierToken.value());
            };
        }
        if (nameToken == null && regexpOrWildcardToken == null && modifier == Part.Modifier.NONE) {
            pendingFixedValue.append(prefix);
            return;
        }
        maybeAddPartFromPendingFixedValue();
        if (nameToken == null && regexpOrWildcardToken == null) {
            if (prefix.isEmpty()) {
                return;
            }
            partList.add(Part.fixedText(encodingCallback.apply(prefix), modifier));
            return;
        }
        String regexpValue;
        if (regexpOrWildcardToken == null) {
            regexpValue = segmentWildcardRegexp;
        } else if (regexpOrWildcardToken.type() == Token.Type.ASTERISK) {
            regexpValue = RegexpGenerator.FULL_WILDCARD_REGEXP_VALUE;
        } else {
            regexpValue = regexpOrWildcardToken.value();
        }
        Part.Type type = Part.Type.REGEXP;
        if (regexpValue.equals(segmentWildcardRegexp)) {
            type = Part.Type.SEGMENT_WILDCARD;
            regexpValue = "";
        } else if (regexpValue.equals(RegexpGenerator.FULL_WILDCARD_REGEXP_VALUE)) {
            type = Part.Type.FULL_WILDCARD;
            regexpValue = "";
        }
        String name = "";
        if (nameToken != null) {
            name = nameToken.value();
        } else if (regexpOrWildcardToken != null) {
            name = Integer.toString(nextNumericName);
            nextNumericName++;
        }
        if (isDuplicateName(name)) {
            throw WebError.typeError("Invalid URL pattern \"" + input + "\": duplicate group name \"" + name + "\"");
        }
        String encodedPrefix = encodingCallback.apply(prefix);
        String encodedSuffix = encodingCallback.apply(suffix);
        partList.add(new Part(type, regexpValue, modifier, name, encodedPrefix, encodedSuffix));
    }

    /** Implements is a duplicate name (https://urlpattern.spec.whatwg.org/#is-a-duplicate-name). */
    private boolean isDuplicateName(String name) {
        for (Part part : partList) {
            if (part.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
