package org.sw4j.webapi.url;

/**
 * The URL Standard's basic URL parser (https://url.spec.whatwg.org/#concept-basic-url-parser), a state
 * machine whose states and steps follow the standard one for one.
 *
 * <p>Deviations that do not change results, made for speed:
 * <ul>
 *   <li>The pointer moves over UTF-16 code units, not code points. Every code point the states compare
 *       against is ASCII, buffers receive both halves of a surrogate pair, and the states that
 *       percent-encode read the pair as one code point, so the outcome is the same.</li>
 *   <li>Where a state treats a whole run of code points alike (the host's name, a path segment, a query,
 *       a fragment), it consumes the run at once and leaves the pointer on its last code point.</li>
 *   <li>The encoding is always UTF-8, which is stateless, so the query state encodes as it goes instead
 *       of buffering the whole query; the opaque path, query and fragment are accumulated in the buffer
 *       and stored in the record when their state ends.</li>
 *   <li>Validation errors are not reported.</li>
 * </ul>
 */
final class BasicUrlParser {

    /** The basic URL parser's states, named as in the standard. */
    enum State {
        SCHEME_START,
        SCHEME,
        NO_SCHEME,
        SPECIAL_RELATIVE_OR_AUTHORITY,
        PATH_OR_AUTHORITY,
        RELATIVE,
        RELATIVE_SLASH,
        SPECIAL_AUTHORITY_SLASHES,
        SPECIAL_AUTHORITY_IGNORE_SLASHES,
        AUTHORITY,
        HOST,
        HOSTNAME,
        PORT,
        FILE,
        FILE_SLASH,
        FILE_HOST,
        PATH_START,
        PATH,
        OPAQUE_PATH,
        QUERY,
        FRAGMENT
    }

    /** How a run of one state ends: keep running the state machine, return, or return failure. */
    private enum Step {
        CONTINUE,
        RETURN,
        FAILURE
    }

    /** The EOF code point. */
    private static final int EOF = -1;

    /** The input after preprocessing: UTF-16 code units of a scalar value string. */
    private final char[] input;
    private final int length;
    private final Url base;
    private final UrlRecord url;
    private final State stateOverride;
    private State state;
    private int pointer;
    private final StringBuilder buffer = new StringBuilder();
    private boolean atSignSeen;
    private boolean insideBrackets;
    private boolean passwordTokenSeen;

    private BasicUrlParser(String input, boolean trimControlAndSpace, Url base, UrlRecord url, State stateOverride) {
        this.base = base;
        this.url = url;
        this.stateOverride = stateOverride;
        this.state = stateOverride != null ? stateOverride : State.SCHEME_START;
        this.input = new char[input.length()];
        this.length = preprocess(input, trimControlAndSpace, this.input);
    }

    /**
     * Runs the basic URL parser on {@code input} with {@code base} (nullable), without url or state override.
     *
     * @return the new URL record, or null for failure
     */
    static UrlRecord parse(String input, Url base) {
        UrlRecord url = new UrlRecord();
        BasicUrlParser parser = new BasicUrlParser(input, true, base, url, null);
        return parser.run() == Step.FAILURE ? null : url;
    }

    /**
     * Runs the basic URL parser on {@code input} with {@code url} and {@code stateOverride}, as the URL
     * API's setters do. The record may be modified even when the result is failure; the setters keep
     * those modifications, as the standard does.
     *
     * @return false for failure
     */
    static boolean parse(String input, UrlRecord url, State stateOverride) {
        BasicUrlParser parser = new BasicUrlParser(input, false, null, url, stateOverride);
        return parser.run() != Step.FAILURE;
    }

    /**
     * The basic URL parser's first steps: copies {@code input} into {@code out}, removing leading and
     * trailing C0 control or space when {@code trimControlAndSpace} (no url given) and all ASCII tab or
     * newline, and replacing unpaired surrogates with U+FFFD (the input is a scalar value string).
     *
     * @return the number of code units written
     */
    private static int preprocess(String input, boolean trimControlAndSpace, char[] out) {
        int start = 0;
        int end = input.length();
        if (trimControlAndSpace) {
            while (start < end && input.charAt(start) <= ' ') {
                start++;
            }
            while (end > start && input.charAt(end - 1) <= ' ') {
                end--;
            }
        }
        input.getChars(start, end, out, 0);
        int length = end - start;
        int count = 0;
        for (int i = 0; i < length; i++) {
            char c = out[i];
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(out[i + 1])) {
                    out[count++] = c;
                    c = out[++i];
                } else {
                    c = '\uFFFD';
                }
            }
            out[count++] = c;
        }
        return count;
    }

    /** Keeps running the state machine until a state returns or the pointer has passed EOF. */
    private Step run() {
        pointer = 0;
        while (true) {
            int c = pointer < length ? input[pointer] : EOF;
            Step step = switch (state) {
                case SCHEME_START -> schemeStartState(c);
                case SCHEME -> schemeState(c);
                case NO_SCHEME -> noSchemeState(c);
                case SPECIAL_RELATIVE_OR_AUTHORITY -> specialRelativeOrAuthorityState(c);
                case PATH_OR_AUTHORITY -> pathOrAuthorityState(c);
                case RELATIVE -> relativeState(c);
                case RELATIVE_SLASH -> relativeSlashState(c);
                case SPECIAL_AUTHORITY_SLASHES -> specialAuthoritySlashesState(c);
                case SPECIAL_AUTHORITY_IGNORE_SLASHES -> specialAuthorityIgnoreSlashesState(c);
                case AUTHORITY -> authorityState(c);
                case HOST, HOSTNAME -> hostState(c);
                case PORT -> portState(c);
                case FILE -> fileState(c);
                case FILE_SLASH -> fileSlashState(c);
                case FILE_HOST -> fileHostState(c);
                case PATH_START -> pathStartState(c);
                case PATH -> pathState(c);
                case OPAQUE_PATH -> opaquePathState(c);
                case QUERY -> queryState(c);
                case FRAGMENT -> fragmentState(c);
            };
            if (step != Step.CONTINUE) {
                return step;
            }
            if (pointer >= length) {
                return Step.RETURN;
            }
            pointer++;
        }
    }

    /** Implements the scheme start state (https://url.spec.whatwg.org/#scheme-start-state). */
    private Step schemeStartState(int c) {
        if (UrlRecord.isAsciiAlpha(c)) {
            buffer.append((char) asciiLowercase(c));
            state = State.SCHEME;
        } else if (stateOverride == null) {
            state = State.NO_SCHEME;
            pointer--;
        } else {
            return Step.FAILURE;
        }
        return Step.CONTINUE;
    }

    /** Implements the scheme state (https://url.spec.whatwg.org/#scheme-state). */
    private Step schemeState(int c) {
        if (isAsciiAlphanumeric(c) || c == '+' || c == '-' || c == '.') {
            buffer.append((char) asciiLowercase(c));
        } else if (c == ':') {
            String candidate = buffer.toString();
            if (stateOverride != null) {
                boolean candidateIsSpecial = SpecialScheme.of(candidate) != null;
                if (url.isSpecial() != candidateIsSpecial) {
                    return Step.RETURN;
                }
                if ((url.includesCredentials() || url.port != -1) && candidate.equals("file")) {
                    return Step.RETURN;
                }
                if (url.scheme().equals("file") && url.host instanceof Host.EmptyHost) {
                    return Step.RETURN;
                }
            }
            url.setScheme(candidate);
            if (stateOverride != null) {
                if (url.port == SpecialScheme.defaultPort(url.scheme())) {
                    url.port = -1;
                }
                return Step.RETURN;
            }
            buffer.setLength(0);
            if (url.scheme().equals("file")) {
                state = State.FILE;
            } else if (url.isSpecial() && base != null && base.scheme().equals(url.scheme())) {
                state = State.SPECIAL_RELATIVE_OR_AUTHORITY;
            } else if (url.isSpecial()) {
                state = State.SPECIAL_AUTHORITY_SLASHES;
            } else if (remainingStartsWith('/')) {
                state = State.PATH_OR_AUTHORITY;
                pointer++;
            } else {
                url.opaquePath = "";
                state = State.OPAQUE_PATH;
            }
        } else if (stateOverride == null) {
            buffer.setLength(0);
            state = State.NO_SCHEME;
            pointer = -1; // start over from the first code point
        } else {
            return Step.FAILURE;
        }
        return Step.CONTINUE;
    }

    /** Implements the no scheme state (https://url.spec.whatwg.org/#no-scheme-state). */
    private Step noSchemeState(int c) {
        if (base == null || (base.hasOpaquePath() && c != '#')) {
            return Step.FAILURE; // missing-scheme-non-relative-URL
        } else if (base.hasOpaquePath()) {
            url.setScheme(base.scheme());
            url.opaquePath = base.opaquePath();
            url.query = base.query();
            url.fragment = "";
            state = State.FRAGMENT;
        } else if (!base.scheme().equals("file")) {
            state = State.RELATIVE;
            pointer--;
        } else {
            state = State.FILE;
            pointer--;
        }
        return Step.CONTINUE;
    }

    /**
     * Implements the special relative or authority state
     * (https://url.spec.whatwg.org/#special-relative-or-authority-state).
     */
    private Step specialRelativeOrAuthorityState(int c) {
        if (c == '/' && remainingStartsWith('/')) {
            state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer++;
        } else {
            state = State.RELATIVE;
            pointer--;
        }
        return Step.CONTINUE;
    }

    /** Implements the path or authority state (https://url.spec.whatwg.org/#path-or-authority-state). */
    private Step pathOrAuthorityState(int c) {
        if (c == '/') {
            state = State.AUTHORITY;
        } else {
            state = State.PATH;
            pointer--;
        }
        return Step.CONTINUE;
    }

    /** Implements the relative state (https://url.spec.whatwg.org/#relative-state). */
    private Step relativeState(int c) {
        url.setScheme(base.scheme());
        if (c == '/' || (url.isSpecial() && c == '\\')) {
            state = State.RELATIVE_SLASH;
        } else {
            copyAuthorityFromBase();
            url.path.clear();
            url.path.addAll(base.pathSegments());
            url.query = base.query();
            if (c == '?') {
                url.query = "";
                state = State.QUERY;
            } else if (c == '#') {
                url.fragment = "";
                state = State.FRAGMENT;
            } else if (c != EOF) {
                url.query = null;
                url.shortenPath();
                state = State.PATH;
                pointer--;
            }
        }
        return Step.CONTINUE;
    }

    /** Implements the relative slash state (https://url.spec.whatwg.org/#relative-slash-state). */
    private Step relativeSlashState(int c) {
        if (url.isSpecial() && (c == '/' || c == '\\')) {
            state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
        } else if (c == '/') {
            state = State.AUTHORITY;
        } else {
            copyAuthorityFromBase();
            state = State.PATH;
            pointer--;
        }
        return Step.CONTINUE;
    }

    private void copyAuthorityFromBase() {
        url.username = base.username();
        url.password = base.password();
        url.host = base.hostValue();
        url.port = base.portValue();
    }

    /**
     * Implements the special authority slashes state
     * (https://url.spec.whatwg.org/#special-authority-slashes-state).
     */
    private Step specialAuthoritySlashesState(int c) {
        state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
        if (c == '/' && remainingStartsWith('/')) {
            pointer++;
        } else {
            pointer--;
        }
        return Step.CONTINUE;
    }

    /**
     * Implements the special authority ignore slashes state
     * (https://url.spec.whatwg.org/#special-authority-ignore-slashes-state).
     */
    private Step specialAuthorityIgnoreSlashesState(int c) {
        if (c != '/' && c != '\\') {
            state = State.AUTHORITY;
            pointer--;
        }
        return Step.CONTINUE;
    }

    /** Implements the authority state (https://url.spec.whatwg.org/#authority-state). */
    private Step authorityState(int c) {
        if (c == '@') {
            if (atSignSeen) {
                buffer.insert(0, "%40");
            }
            atSignSeen = true;
            StringBuilder username = new StringBuilder(url.username);
            StringBuilder password = new StringBuilder(url.password);
            for (int i = 0; i < buffer.length(); ) {
                int codePoint = buffer.codePointAt(i);
                i += Character.charCount(codePoint);
                if (codePoint == ':' && !passwordTokenSeen) {
                    passwordTokenSeen = true;
                    continue;
                }
                PercentEncoding.utf8PercentEncode(
                        codePoint, PercentEncodeSet.USERINFO, passwordTokenSeen ? password : username);
            }
            url.username = username.toString();
            url.password = password.toString();
            buffer.setLength(0);
        } else if (c == EOF || c == '/' || c == '?' || c == '#' || (url.isSpecial() && c == '\\')) {
            if (atSignSeen && buffer.isEmpty()) {
                return Step.FAILURE; // host-missing
            }
            pointer -= buffer.length() + 1; // the buffer's code point length, counted in code units
            buffer.setLength(0);
            state = State.HOST;
        } else {
            int end = pointer + 1;
            while (end < length && !endsAuthorityRun(input[end])) {
                end++;
            }
            buffer.append(input, pointer, end - pointer);
            pointer = end - 1;
        }
        return Step.CONTINUE;
    }

    /** Whether the authority state does anything but append {@code c} to the buffer. */
    private boolean endsAuthorityRun(char c) {
        return c == '@' || c == '/' || c == '?' || c == '#' || (c == '\\' && url.isSpecial());
    }

    /** Implements the host state and hostname state (https://url.spec.whatwg.org/#host-state). */
    private Step hostState(int c) {
        if (stateOverride != null && url.scheme().equals("file")) {
            pointer--;
            state = State.FILE_HOST;
        } else if (c == ':' && !insideBrackets) {
            if (buffer.isEmpty()) {
                return Step.FAILURE; // host-missing
            }
            if (stateOverride == State.HOSTNAME) {
                return Step.FAILURE;
            }
            Host host = HostParser.parse(buffer.toString(), !url.isSpecial());
            if (host == null) {
                return Step.FAILURE;
            }
            url.host = host;
            buffer.setLength(0);
            state = State.PORT;
        } else if (c == EOF || c == '/' || c == '?' || c == '#' || (url.isSpecial() && c == '\\')) {
            pointer--;
            if (url.isSpecial() && buffer.isEmpty()) {
                return Step.FAILURE; // host-missing
            } else if (stateOverride != null && buffer.isEmpty() && (url.includesCredentials() || url.port != -1)) {
                return Step.FAILURE;
            }
            Host host = HostParser.parse(buffer.toString(), !url.isSpecial());
            if (host == null) {
                return Step.FAILURE;
            }
            url.host = host;
            buffer.setLength(0);
            state = State.PATH_START;
            if (stateOverride != null) {
                return Step.RETURN;
            }
        } else {
            if (c == '[') {
                insideBrackets = true;
            } else if (c == ']') {
                insideBrackets = false;
            }
            int end = pointer + 1;
            while (end < length && !endsHostRun(input[end])) {
                end++;
            }
            buffer.append(input, pointer, end - pointer);
            pointer = end - 1;
        }
        return Step.CONTINUE;
    }

    /** Whether the host state does anything but append {@code c} to the buffer. */
    private boolean endsHostRun(char c) {
        return c == ':' || c == '/' || c == '?' || c == '#' || c == '[' || c == ']' || (c == '\\' && url.isSpecial());
    }

    /** Implements the port state (https://url.spec.whatwg.org/#port-state). */
    private Step portState(int c) {
        if (isAsciiDigit(c)) {
            buffer.append((char) c);
        } else if (c == EOF || c == '/' || c == '?' || c == '#' || (url.isSpecial() && c == '\\')
                || stateOverride != null) {
            if (!buffer.isEmpty()) {
                int port = 0;
                for (int i = 0; i < buffer.length(); i++) {
                    port = port * 10 + (buffer.charAt(i) - '0');
                    if (port > 0xFFFF) {
                        return Step.FAILURE; // port-out-of-range
                    }
                }
                url.port = port == SpecialScheme.defaultPort(url.scheme()) ? -1 : port;
                buffer.setLength(0);
                if (stateOverride != null) {
                    return Step.RETURN;
                }
            }
            if (stateOverride != null) {
                return Step.FAILURE;
            }
            state = State.PATH_START;
            pointer--;
        } else {
            return Step.FAILURE; // port-invalid
        }
        return Step.CONTINUE;
    }

    /** Implements the file state (https://url.spec.whatwg.org/#file-state). */
    private Step fileState(int c) {
        url.setScheme("file");
        url.host = Host.EmptyHost.INSTANCE;
        if (c == '/' || c == '\\') {
            state = State.FILE_SLASH;
        } else if (base != null && base.scheme().equals("file")) {
            url.host = base.hostValue();
            url.path.clear();
            url.path.addAll(base.pathSegments());
            url.query = base.query();
            if (c == '?') {
                url.query = "";
                state = State.QUERY;
            } else if (c == '#') {
                url.fragment = "";
                state = State.FRAGMENT;
            } else if (c != EOF) {
                url.query = null;
                if (!startsWithWindowsDriveLetter(pointer)) {
                    url.shortenPath();
                } else {
                    url.path.clear(); // file-invalid-Windows-drive-letter: a platform-independent quirk
                }
                state = State.PATH;
                pointer--;
            }
        } else {
            state = State.PATH;
            pointer--;
        }
        return Step.CONTINUE;
    }

    /** Implements the file slash state (https://url.spec.whatwg.org/#file-slash-state). */
    private Step fileSlashState(int c) {
        if (c == '/' || c == '\\') {
            state = State.FILE_HOST;
        } else {
            if (base != null && base.scheme().equals("file")) {
                url.host = base.hostValue();
                // A platform-independent Windows drive letter quirk: keep the base's drive.
                if (!startsWithWindowsDriveLetter(pointer) && !base.pathSegments().isEmpty()
                        && UrlRecord.isNormalizedWindowsDriveLetter(base.pathSegments().get(0))) {
                    url.path.add(base.pathSegments().get(0));
                }
            }
            state = State.PATH;
            pointer--;
        }
        return Step.CONTINUE;
    }

    /** Implements the file host state (https://url.spec.whatwg.org/#file-host-state). */
    private Step fileHostState(int c) {
        if (c == EOF || c == '/' || c == '\\' || c == '?' || c == '#') {
            pointer--;
            if (stateOverride == null && UrlRecord.isWindowsDriveLetter(buffer)) {
                // file-invalid-Windows-drive-letter-host: the buffer is kept and becomes the first path segment.
                state = State.PATH;
            } else if (buffer.isEmpty()) {
                url.host = Host.EmptyHost.INSTANCE;
                if (stateOverride != null) {
                    return Step.RETURN;
                }
                state = State.PATH_START;
            } else {
                Host host = HostParser.parse(buffer.toString(), !url.isSpecial());
                if (host == null) {
                    return Step.FAILURE;
                }
                if (host instanceof Host.Domain domain && domain.name().equals("localhost")) {
                    host = Host.EmptyHost.INSTANCE;
                }
                url.host = host;
                if (stateOverride != null) {
                    return Step.RETURN;
                }
                buffer.setLength(0);
                state = State.PATH_START;
            }
        } else {
            buffer.append((char) c);
        }
        return Step.CONTINUE;
    }

    /** Implements the path start state (https://url.spec.whatwg.org/#path-start-state). */
    private Step pathStartState(int c) {
        if (url.isSpecial()) {
            state = State.PATH;
            if (c != '/' && c != '\\') {
                pointer--;
            }
        } else if (stateOverride == null && c == '?') {
            url.query = "";
            state = State.QUERY;
        } else if (stateOverride == null && c == '#') {
            url.fragment = "";
            state = State.FRAGMENT;
        } else if (c != EOF) {
            state = State.PATH;
            if (c != '/') {
                pointer--;
            }
        } else if (stateOverride != null && url.host == null) {
            url.path.add("");
        }
        return Step.CONTINUE;
    }

    /** Implements the path state (https://url.spec.whatwg.org/#path-state). */
    private Step pathState(int c) {
        boolean slash = c == '/' || (url.isSpecial() && c == '\\');
        if (c == EOF || slash || (stateOverride == null && (c == '?' || c == '#'))) {
            if (isDoubleDotPathSegment(buffer)) {
                url.shortenPath();
                if (!slash) {
                    url.path.add(""); // so that "/usr/.." ends up as "/" and not as no path at all
                }
            } else if (isSingleDotPathSegment(buffer)) {
                if (!slash) {
                    url.path.add("");
                }
            } else {
                if (url.scheme().equals("file") && url.path.isEmpty() && UrlRecord.isWindowsDriveLetter(buffer)) {
                    buffer.setCharAt(1, ':'); // a platform-independent Windows drive letter quirk
                }
                url.path.add(buffer.toString());
            }
            buffer.setLength(0);
            if (c == '?') {
                url.query = "";
                state = State.QUERY;
            } else if (c == '#') {
                url.fragment = "";
                state = State.FRAGMENT;
            }
        } else {
            int end = pointer + 1;
            while (end < length && !endsPathRun(input[end])) {
                end++;
            }
            percentEncodeRun(end, PercentEncodeSet.PATH);
        }
        return Step.CONTINUE;
    }

    /** Whether the path state does anything but percent-encode {@code c} into the buffer. */
    private boolean endsPathRun(char c) {
        return c == '/' || (c == '\\' && url.isSpecial()) || (stateOverride == null && (c == '?' || c == '#'));
    }

    /**
     * Implements the opaque path state (https://url.spec.whatwg.org/#cannot-be-a-base-url-path-state).
     * The path is accumulated in the buffer and stored when the state ends.
     */
    private Step opaquePathState(int c) {
        if (c == '?' || c == '#' || c == EOF) {
            url.opaquePath = url.opaquePath.concat(buffer.toString());
            buffer.setLength(0);
            if (c == '?') {
                url.query = "";
                state = State.QUERY;
            } else if (c == '#') {
                url.fragment = "";
                state = State.FRAGMENT;
            }
        } else if (c == ' ') {
            // A space right before the query or fragment is encoded so that removing those later
            // cannot leave a trailing space that would not survive reparsing.
            if (remainingStartsWith('?') || remainingStartsWith('#')) {
                buffer.append("%20");
            } else {
                buffer.append(' ');
            }
        } else {
            int end = pointer + 1;
            while (end < length && input[end] != '?' && input[end] != '#' && input[end] != ' ') {
                end++;
            }
            percentEncodeRun(end, PercentEncodeSet.C0_CONTROL);
        }
        return Step.CONTINUE;
    }

    /**
     * Implements the query state (https://url.spec.whatwg.org/#query-state). With UTF-8 the percent-encode
     * after encoding of the buffer can be done code point by code point, so the buffer holds encoded output.
     */
    private Step queryState(int c) {
        if ((stateOverride == null && c == '#') || c == EOF) {
            url.query = url.query.concat(buffer.toString());
            buffer.setLength(0);
            if (c == '#') {
                url.fragment = "";
                state = State.FRAGMENT;
            }
        } else {
            int end = pointer + 1;
            while (end < length && !(stateOverride == null && input[end] == '#')) {
                end++;
            }
            percentEncodeRun(end, url.isSpecial() ? PercentEncodeSet.SPECIAL_QUERY : PercentEncodeSet.QUERY);
        }
        return Step.CONTINUE;
    }

    /**
     * Implements the fragment state (https://url.spec.whatwg.org/#fragment-state). The fragment is
     * accumulated in the buffer and stored at EOF.
     */
    private Step fragmentState(int c) {
        if (c != EOF) {
            percentEncodeRun(length, PercentEncodeSet.FRAGMENT);
        } else {
            url.fragment = url.fragment.concat(buffer.toString());
            buffer.setLength(0);
        }
        return Step.CONTINUE;
    }

    /**
     * UTF-8 percent-encodes the code points from the pointer up to {@code end} into the buffer, and leaves the
     * pointer on the last of them. Code points outside {@code percentEncodeSet} are copied in bulk.
     */
    private void percentEncodeRun(int end, PercentEncodeSet percentEncodeSet) {
        int copyFrom = pointer;
        for (int i = pointer; i < end; i++) {
            char c = input[i];
            if (c < 0x80 && !percentEncodeSet.contains(c)) {
                continue;
            }
            buffer.append(input, copyFrom, i - copyFrom);
            int codePoint = c;
            if (Character.isHighSurrogate(c) && i + 1 < end) {
                codePoint = Character.toCodePoint(c, input[++i]); // preprocessing left only whole pairs
            }
            PercentEncoding.utf8PercentEncode(codePoint, percentEncodeSet, buffer);
            copyFrom = i + 1;
        }
        buffer.append(input, copyFrom, end - copyFrom);
        pointer = end - 1;
    }

    /** Whether remaining (the code points after the pointer) starts with {@code codePoint}. */
    private boolean remainingStartsWith(int codePoint) {
        return pointer + 1 < length && input[pointer + 1] == codePoint;
    }

    /**
     * Whether the code point substring from {@code from} to the end of the input starts with a Windows
     * drive letter (https://url.spec.whatwg.org/#start-with-a-windows-drive-letter).
     */
    private boolean startsWithWindowsDriveLetter(int from) {
        if (length - from < 2 || !UrlRecord.isAsciiAlpha(input[from])
                || (input[from + 1] != ':' && input[from + 1] != '|')) {
            return false;
        }
        if (length - from == 2) {
            return true;
        }
        char third = input[from + 2];
        return third == '/' || third == '\\' || third == '?' || third == '#';
    }

    /** A single-dot URL path segment (https://url.spec.whatwg.org/#single-dot-path-segment): "." or "%2e". */
    private static boolean isSingleDotPathSegment(CharSequence segment) {
        int length = segment.length();
        return (length == 1 && segment.charAt(0) == '.') || (length == 3 && isPercent2e(segment, 0));
    }

    /**
     * A double-dot URL path segment (https://url.spec.whatwg.org/#double-dot-path-segment): "..", ".%2e",
     * "%2e." or "%2e%2e", case-insensitively.
     */
    private static boolean isDoubleDotPathSegment(CharSequence segment) {
        return switch (segment.length()) {
            case 2 -> segment.charAt(0) == '.' && segment.charAt(1) == '.';
            case 4 -> (segment.charAt(0) == '.' && isPercent2e(segment, 1))
                    || (isPercent2e(segment, 0) && segment.charAt(3) == '.');
            case 6 -> isPercent2e(segment, 0) && isPercent2e(segment, 3);
            default -> false;
        };
    }

    private static boolean isPercent2e(CharSequence s, int at) {
        return s.charAt(at) == '%' && s.charAt(at + 1) == '2' && (s.charAt(at + 2) | 0x20) == 'e';
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlphanumeric(int c) {
        return isAsciiDigit(c) || UrlRecord.isAsciiAlpha(c);
    }

    private static int asciiLowercase(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
