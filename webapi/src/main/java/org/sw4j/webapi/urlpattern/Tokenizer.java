package org.sw4j.webapi.urlpattern;

import java.util.ArrayList;
import java.util.List;
import org.sw4j.webapi.error.WebError;

/**
 * The tokenizer (https://urlpattern.spec.whatwg.org/#tokenizer). Positions are code point indexes, as in
 * the standard: the input is held as an array of code points.
 */
final class Tokenizer {
    private final int[] input;
    private final Token.Policy policy;
    private final List<Token> tokenList = new ArrayList<>();
    private int index;
    private int nextIndex;
    private int codePoint;

    private Tokenizer(String input, Token.Policy policy) {
        this.input = input.codePoints().toArray();
        this.policy = policy;
    }

    /**
     * Implements tokenize (https://urlpattern.spec.whatwg.org/#tokenize).
     *
     * @throws WebError a TypeError when {@code policy} is strict and the input has a tokenizing error
     */
    static List<Token> tokenize(String input, Token.Policy policy) {
        Tokenizer tokenizer = new Tokenizer(input, policy);
        tokenizer.run();
        return tokenizer.tokenList;
    }

    private void run() {
        int length = input.length;
        while (index < length) {
            seekAndGetNextCodePoint(index);
            if (codePoint == '*') {
                addTokenWithDefaultPositionAndLength(Token.Type.ASTERISK);
                continue;
            }
            if (codePoint == '+' || codePoint == '?') {
                addTokenWithDefaultPositionAndLength(Token.Type.OTHER_MODIFIER);
                continue;
            }
            if (codePoint == '\\') {
                if (index == length - 1) {
                    processTokenizingError(nextIndex, index, "a pattern cannot end with a lone \"\\\"");
                    continue;
                }
                int escapedIndex = nextIndex;
                getNextCodePoint();
                addTokenWithDefaultLength(Token.Type.ESCAPED_CHAR, nextIndex, escapedIndex);
                continue;
            }
            if (codePoint == '{') {
                addTokenWithDefaultPositionAndLength(Token.Type.OPEN);
                continue;
            }
            if (codePoint == '}') {
                addTokenWithDefaultPositionAndLength(Token.Type.CLOSE);
                continue;
            }
            if (codePoint == ':') {
                int namePosition = nextIndex;
                int nameStart = namePosition;
                while (namePosition < length) {
                    seekAndGetNextCodePoint(namePosition);
                    if (!isValidNameCodePoint(codePoint, namePosition == nameStart)) {
                        break;
                    }
                    namePosition = nextIndex;
                }
                if (namePosition <= nameStart) {
                    processTokenizingError(nameStart, index, "\":\" must be followed by a group name");
                    continue;
                }
                addTokenWithDefaultLength(Token.Type.NAME, namePosition, nameStart);
                continue;
            }
            if (codePoint == '(') {
                tokenizeRegexp(length);
                continue;
            }
            addTokenWithDefaultPositionAndLength(Token.Type.CHAR);
        }
        addTokenWithDefaultLength(Token.Type.END, index, index);
    }

    /** The steps of tokenize for a code point U+0028 ((). */
    private void tokenizeRegexp(int length) {
        int depth = 1;
        int regexpPosition = nextIndex;
        int regexpStart = regexpPosition;
        while (regexpPosition < length) {
            seekAndGetNextCodePoint(regexpPosition);
            if (codePoint >= 0x80) {
                processTokenizingError(regexpStart, index, "a regexp group must contain only ASCII code points");
                return;
            }
            if (regexpPosition == regexpStart && codePoint == '?') {
                processTokenizingError(regexpStart, index, "a regexp group cannot start with \"?\"");
                return;
            }
            if (codePoint == '\\') {
                if (regexpPosition == length - 1) {
                    processTokenizingError(regexpStart, index, "a regexp group cannot end with a lone \"\\\"");
                    return;
                }
                getNextCodePoint();
                if (codePoint >= 0x80) {
                    processTokenizingError(regexpStart, index, "a regexp group must contain only ASCII code points");
                    return;
                }
                regexpPosition = nextIndex;
                continue;
            }
            if (codePoint == ')') {
                depth--;
                if (depth == 0) {
                    regexpPosition = nextIndex;
                    break;
                }
            } else if (codePoint == '(') {
                depth++;
                if (regexpPosition == length - 1) {
                    processTokenizingError(regexpStart, index, "unbalanced \"(\" in a regexp group");
                    return;
                }
                int temporaryPosition = nextIndex;
                getNextCodePoint();
                if (codePoint != '?') {
                    processTokenizingError(regexpStart, index,
                            "a regexp group cannot contain a capturing group; use \"(?:\"");
                    return;
                }
                nextIndex = temporaryPosition;
            }
            regexpPosition = nextIndex;
        }
        if (depth != 0) {
            processTokenizingError(regexpStart, index, "unbalanced \"(\" in a regexp group");
            return;
        }
        int regexpLength = regexpPosition - regexpStart - 1;
        if (regexpLength == 0) {
            processTokenizingError(regexpStart, index, "a regexp group cannot be empty");
            return;
        }
        addToken(Token.Type.REGEXP, regexpPosition, regexpStart, regexpLength);
    }

    /** Implements get the next code point (https://urlpattern.spec.whatwg.org/#get-the-next-code-point). */
    private void getNextCodePoint() {
        codePoint = input[nextIndex];
        nextIndex++;
    }

    /** Implements seek and get the next code point (https://urlpattern.spec.whatwg.org/#seek-and-get-the-next-code-point). */
    private void seekAndGetNextCodePoint(int at) {
        nextIndex = at;
        getNextCodePoint();
    }

    /** Implements add a token (https://urlpattern.spec.whatwg.org/#add-a-token). */
    private void addToken(Token.Type type, int nextPosition, int valuePosition, int valueLength) {
        tokenList.add(new Token(type, index, new String(input, valuePosition, valueLength)));
        index = nextPosition;
    }

    /** Implements add a token with default length (https://urlpattern.spec.whatwg.org/#add-a-token-with-default-length). */
    private void addTokenWithDefaultLength(Token.Type type, int nextPosition, int valuePosition) {
        addToken(type, nextPosition, valuePosition, nextPosition - valuePosition);
    }

    /**
     * Implements add a token with default position and length
     * (https://urlpattern.spec.whatwg.org/#add-a-token-with-default-position-and-length).
     */
    private void addTokenWithDefaultPositionAndLength(Token.Type type) {
        addTokenWithDefaultLength(type, nextIndex, index);
    }

    /** Implements process a tokenizing error (https://urlpattern.spec.whatwg.org/#process-a-tokenizing-error). */
    private void processTokenizingError(int nextPosition, int valuePosition, String reason) {
        if (policy == Token.Policy.STRICT) {
            throw WebError.typeError("Invalid URL pattern \"" + new String(input, 0, input.length) + "\" at index "
                    + valuePosition + ": " + reason);
        }
        addTokenWithDefaultLength(Token.Type.INVALID_CHAR, nextPosition, valuePosition);
    }

    /**
     * Implements is a valid name code point (https://urlpattern.spec.whatwg.org/#is-a-valid-name-code-point):
     * ECMAScript's IdentifierStart (ID_Start, "$", "_") or IdentifierPart (ID_Continue, "$", ZWNJ, ZWJ).
     */
    static boolean isValidNameCodePoint(int codePoint, boolean first) {
        if (codePoint == '$' || codePoint == '_') {
            return true;
        }
        if (first) {
            return Character.isUnicodeIdentifierStart(codePoint);
        }
        if (codePoint == 0x200C || codePoint == 0x200D) {
            return true;
        }
        // Java's identifier-part test also admits "ignorable" controls, which ID_Continue does not.
        return Character.isUnicodeIdentifierPart(codePoint) && !Character.isIdentifierIgnorable(codePoint);
    }
}
