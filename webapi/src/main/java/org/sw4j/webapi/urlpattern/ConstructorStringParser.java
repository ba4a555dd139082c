package org.sw4j.webapi.urlpattern;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The constructor string parser (https://urlpattern.spec.whatwg.org/#constructor-string-parser): splits a
 * shorthand pattern such as {@code https://example.com/:category/*} into the URLPatternInit members, on the
 * lenient token list. Token indexes and component boundaries are code point indexes.
 */
final class ConstructorStringParser {

    /** The parser's states (https://urlpattern.spec.whatwg.org/#constructor-string-parser-state). */
    private enum State { INIT, PROTOCOL, AUTHORITY, USERNAME, PASSWORD, HOSTNAME, PORT, PATHNAME, SEARCH, HASH, DONE }

    private final int[] input;
    private final List<Token> tokenList;
    /** The result, keyed by the states that name a component. */
    private final Map<State, String> result = new EnumMap<>(State.class);
    private int componentStart;
    private int tokenIndex;
    private int tokenIncrement = 1;
    private int groupDepth;
    private int hostnameIpv6BracketDepth;
    private boolean protocolMatchesSpecialScheme;
    private State state = State.INIT;

    private ConstructorStringParser(String input) {
        this.input = input.codePoints().toArray();
        this.tokenList = Tokenizer.tokenize(input, Token.Policy.LENIENT);
    }

    /**
     * Implements parse a constructor string (https://urlpattern.spec.whatwg.org/#parse-a-constructor-string).
     *
     * @throws org.sw4j.webapi.error.WebError a TypeError when the protocol does not compile
     */
    static UrlPatternInit parse(String input) {
        ConstructorStringParser parser = new ConstructorStringParser(input);
        parser.run();
        Map<State, String> r = parser.result;
        return new UrlPatternInit(r.get(State.PROTOCOL), r.get(State.USERNAME), r.get(State.PASSWORD),
                r.get(State.HOSTNAME), r.get(State.PORT), r.get(State.PATHNAME), r.get(State.SEARCH),
                r.get(State.HASH), null);
    }

    private void run() {
        while (tokenIndex < tokenList.size()) {
            tokenIncrement = 1;
            if (tokenList.get(tokenIndex).type() == Token.Type.END) {
                if (state == State.INIT) {
                    rewind();
                    if (isHashPrefix()) {
                        changeState(State.HASH, 1);
                    } else if (isSearchPrefix()) {
                        changeState(State.SEARCH, 1);
                    } else {
                        changeState(State.PATHNAME, 0);
                    }
                    tokenIndex += tokenIncrement;
                    continue;
                }
                if (state == State.AUTHORITY) {
                    rewindAndSetState(State.HOSTNAME);
                    tokenIndex += tokenIncrement;
                    continue;
                }
                changeState(State.DONE, 0);
                break;
            }
            if (isGroupOpen()) {
                groupDepth++;
                tokenIndex += tokenIncrement;
                continue;
            }
            if (groupDepth > 0) {
                if (isGroupClose()) {
                    groupDepth--;
                } else {
                    tokenIndex += tokenIncrement;
                    continue;
                }
            }
            switch (state) {
                case INIT -> {
                    if (isProtocolSuffix()) {
                        rewindAndSetState(State.PROTOCOL);
                    }
                }
                case PROTOCOL -> {
                    if (isProtocolSuffix()) {
                        computeProtocolMatchesSpecialSchemeFlag();
                        State nextState = State.PATHNAME;
                        int skip = 1;
                        if (nextIsAuthoritySlashes()) {
                            nextState = State.AUTHORITY;
                            skip = 3;
                        } else if (protocolMatchesSpecialScheme) {
                            nextState = State.AUTHORITY;
                        }
                        changeState(nextState, skip);
                    }
                }
                case AUTHORITY -> {
                    if (isIdentityTerminator()) {
                        rewindAndSetState(State.USERNAME);
                    } else if (isPathnameStart() || isSearchPrefix() || isHashPrefix()) {
                        rewindAndSetState(State.HOSTNAME);
                    }
                }
                case USERNAME -> {
                    if (isPasswordPrefix()) {
                        changeState(State.PASSWORD, 1);
                    } else if (isIdentityTerminator()) {
                        changeState(State.HOSTNAME, 1);
                    }
                }
                case PASSWORD -> {
                    if (isIdentityTerminator()) {
                        changeState(State.HOSTNAME, 1);
                    }
                }
                case HOSTNAME -> {
                    if (isIpv6Open()) {
                        hostnameIpv6BracketDepth++;
                    } else if (isIpv6Close()) {
                        hostnameIpv6BracketDepth--;
                    } else if (isPortPrefix() && hostnameIpv6BracketDepth == 0) {
                        changeState(State.PORT, 1);
                    } else if (isPathnameStart()) {
                        changeState(State.PATHNAME, 0);
                    } else if (isSearchPrefix()) {
                        changeState(State.SEARCH, 1);
                    } else if (isHashPrefix()) {
                        changeState(State.HASH, 1);
                    }
                }
                case PORT -> {
                    if (isPathnameStart()) {
                        changeState(State.PATHNAME, 0);
                    } else if (isSearchPrefix()) {
                        changeState(State.SEARCH, 1);
                    } else if (isHashPrefix()) {
                        changeState(State.HASH, 1);
                    }
                }
                case PATHNAME -> {
                    if (isSearchPrefix()) {
                        changeState(State.SEARCH, 1);
                    } else if (isHashPrefix()) {
                        changeState(State.HASH, 1);
                    }
                }
                case SEARCH -> {
                    if (isHashPrefix()) {
                        changeState(State.HASH, 1);
                    }
                }
                case HASH -> {
                    // Do nothing.
                }
                case DONE -> throw new IllegalStateException("never reached");
            }
            tokenIndex += tokenIncrement;
        }
        if (result.containsKey(State.HOSTNAME) && !result.containsKey(State.PORT)) {
            result.put(State.PORT, "");
        }
    }

    /** Implements change state (https://urlpattern.spec.whatwg.org/#change-state). */
    private void changeState(State newState, int skip) {
        if (state != State.INIT && state != State.AUTHORITY && state != State.DONE) {
            result.put(state, makeComponentString());
        }
        if (state != State.INIT && newState != State.DONE) {
            boolean beforeHostname = state == State.PROTOCOL || state == State.AUTHORITY || state == State.USERNAME
                    || state == State.PASSWORD;
            boolean beforePathname = beforeHostname || state == State.HOSTNAME || state == State.PORT;
            if (beforeHostname && (newState == State.PORT || newState == State.PATHNAME || newState == State.SEARCH
                    || newState == State.HASH) && !result.containsKey(State.HOSTNAME)) {
                result.put(State.HOSTNAME, "");
            }
            if (beforePathname && (newState == State.SEARCH || newState == State.HASH)
                    && !result.containsKey(State.PATHNAME)) {
                result.put(State.PATHNAME, protocolMatchesSpecialScheme ? "/" : "");
            }
            if ((beforePathname || state == State.PATHNAME) && newState == State.HASH
                    && !result.containsKey(State.SEARCH)) {
                result.put(State.SEARCH, "");
            }
        }
        state = newState;
        tokenIndex += skip;
        componentStart = tokenIndex;
        tokenIncrement = 0;
    }

    /** Implements rewind (https://urlpattern.spec.whatwg.org/#rewind). */
    private void rewind() {
        tokenIndex = componentStart;
        tokenIncrement = 0;
    }

    /** Implements rewind and set state (https://urlpattern.spec.whatwg.org/#rewind-and-set-state). */
    private void rewindAndSetState(State newState) {
        rewind();
        state = newState;
    }

    /** Implements get a safe token (https://urlpattern.spec.whatwg.org/#get-a-safe-token). */
    private Token getSafeToken(int index) {
        if (index < tokenList.size()) {
            return tokenList.get(index);
        }
        return tokenList.get(tokenList.size() - 1);
    }

    /** Implements is a non-special pattern char (https://urlpattern.spec.whatwg.org/#is-a-non-special-pattern-char). */
    private boolean isNonSpecialPatternChar(int index, String value) {
        Token token = getSafeToken(index);
        if (!token.value().equals(value)) {
            return false;
        }
        return token.type() == Token.Type.CHAR || token.type() == Token.Type.ESCAPED_CHAR
                || token.type() == Token.Type.INVALID_CHAR;
    }

    /** Implements is a protocol suffix (https://urlpattern.spec.whatwg.org/#is-a-protocol-suffix). */
    private boolean isProtocolSuffix() {
        return isNonSpecialPatternChar(tokenIndex, ":");
    }

    /** Implements next is authority slashes (https://urlpattern.spec.whatwg.org/#next-is-authority-slashes). */
    private boolean nextIsAuthoritySlashes() {
        return isNonSpecialPatternChar(tokenIndex + 1, "/") && isNonSpecialPatternChar(tokenIndex + 2, "/");
    }

    /** Implements is an identity terminator (https://urlpattern.spec.whatwg.org/#is-an-identity-terminator). */
    private boolean isIdentityTerminator() {
        return isNonSpecialPatternChar(tokenIndex, "@");
    }

    /** Implements is a password prefix (https://urlpattern.spec.whatwg.org/#is-a-password-prefix). */
    private boolean isPasswordPrefix() {
        return isNonSpecialPatternChar(tokenIndex, ":");
    }

    /** Implements is a port prefix (https://urlpattern.spec.whatwg.org/#is-a-port-prefix). */
    private boolean isPortPrefix() {
        return isNonSpecialPatternChar(tokenIndex, ":");
    }

    /** Implements is a pathname start (https://urlpattern.spec.whatwg.org/#is-a-pathname-start). */
    private boolean isPathnameStart() {
        return isNonSpecialPatternChar(tokenIndex, "/");
    }

    /** Implements is a search prefix (https://urlpattern.spec.whatwg.org/#is-a-search-prefix). */
    private boolean isSearchPrefix() {
        if (isNonSpecialPatternChar(tokenIndex, "?")) {
            return true;
        }
        if (!tokenList.get(tokenIndex).value().equals("?")) {
            return false;
        }
        int previousIndex = tokenIndex - 1;
        if (previousIndex < 0) {
            return true;
        }
        Token.Type previousType = getSafeToken(previousIndex).type();
        return previousType != Token.Type.NAME && previousType != Token.Type.REGEXP
                && previousType != Token.Type.CLOSE && previousType != Token.Type.ASTERISK;
    }

    /** Implements is a hash prefix (https://urlpattern.spec.whatwg.org/#is-a-hash-prefix). */
    private boolean isHashPrefix() {
        return isNonSpecialPatternChar(tokenIndex, "#");
    }

    /** Implements is a group open (https://urlpattern.spec.whatwg.org/#is-a-group-open). */
    private boolean isGroupOpen() {
        return tokenList.get(tokenIndex).type() == Token.Type.OPEN;
    }

    /** Implements is a group close (https://urlpattern.spec.whatwg.org/#is-a-group-close). */
    private boolean isGroupClose() {
        return tokenList.get(tokenIndex).type() == Token.Type.CLOSE;
    }

    /** Implements is an IPv6 open (https://urlpattern.spec.whatwg.org/#is-an-ipv6-open). */
    private boolean isIpv6Open() {
        return isNonSpecialPatternChar(tokenIndex, "[");
    }

    /** Implements is an IPv6 close (https://urlpattern.spec.whatwg.org/#is-an-ipv6-close). */
    private boolean isIpv6Close() {
        return isNonSpecialPatternChar(tokenIndex, "]");
    }

    /** Implements make a component string (https://urlpattern.spec.whatwg.org/#make-a-component-string). */
    private String makeComponentString() {
        Token token = tokenList.get(tokenIndex);
        int componentStartInputIndex = getSafeToken(componentStart).index();
        int endIndex = token.index();
        return new String(input, componentStartInputIndex, endIndex - componentStartInputIndex);
    }

    /**
     * Implements compute protocol matches a special scheme flag
     * (https://urlpattern.spec.whatwg.org/#compute-protocol-matches-a-special-scheme-flag).
     */
    private void computeProtocolMatchesSpecialSchemeFlag() {
        String protocolString = makeComponentString();
        Component protocolComponent = Component.compile(protocolString, Canonicalizer::protocol, PatternOptions.DEFAULT);
        if (protocolComponent.matchesSpecialScheme()) {
            protocolMatchesSpecialScheme = true;
        }
    }
}
