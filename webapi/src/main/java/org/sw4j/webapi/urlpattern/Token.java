package org.sw4j.webapi.urlpattern;

/**
 * A token (https://urlpattern.spec.whatwg.org/#token): a lexical token of a pattern string.
 *
 * @param type the token's type
 * @param index the code point index in the pattern string of the first code point it represents
 * @param value the code points it represents (for a name, without ":"; for a regexp, without the parentheses)
 */
record Token(Type type, int index, String value) {

    /** The token types (https://urlpattern.spec.whatwg.org/#token-type). */
    enum Type {
        OPEN, CLOSE, REGEXP, NAME, CHAR, ESCAPED_CHAR, OTHER_MODIFIER, ASTERISK, END, INVALID_CHAR
    }

    /** A tokenize policy (https://urlpattern.spec.whatwg.org/#tokenize-policy). */
    enum Policy { STRICT, LENIENT }
}
