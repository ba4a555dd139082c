package org.sw4j.webapi.url;

/**
 * The URL Standard's percent-encode sets (https://url.spec.whatwg.org/#percent-encoded-bytes).
 *
 * <p>Every set contains all code points above U+007E, so membership only needs a table for ASCII,
 * kept here as two 64-bit masks. Each set is declared as its parent plus the code points it adds,
 * exactly as the standard defines them.
 */
enum PercentEncodeSet {
    /** The C0 control percent-encode set: C0 controls and all code points greater than U+007E (~). */
    C0_CONTROL(null, "\u007F"),
    /** The fragment percent-encode set. */
    FRAGMENT(C0_CONTROL, " \"<>`"),
    /** The query percent-encode set. Not derived from the fragment set: it omits U+0060 (`). */
    QUERY(C0_CONTROL, " \"#<>"),
    /** The special-query percent-encode set, used for the query of special URLs. */
    SPECIAL_QUERY(QUERY, "'"),
    /** The path percent-encode set. */
    PATH(QUERY, "?^`{}"),
    /** The userinfo percent-encode set. */
    USERINFO(PATH, "/:;=@[\\]|"),
    /** The component percent-encode set; equivalent to JavaScript's {@code encodeURIComponent()}. */
    COMPONENT(USERINFO, "$%&+,"),
    /** The {@code application/x-www-form-urlencoded} percent-encode set. */
    APPLICATION_X_WWW_FORM_URLENCODED(COMPONENT, "!'()~");

    /** Membership of U+0000..U+003F. */
    private final long low;
    /** Membership of U+0040..U+007F. */
    private final long high;

    PercentEncodeSet(PercentEncodeSet parent, String additions) {
        long lowBits;
        long highBits = 0;
        if (parent == null) {
            lowBits = 0xFFFFFFFFL; // the C0 controls U+0000..U+001F
        } else {
            lowBits = parent.low;
            highBits = parent.high;
        }
        for (int i = 0; i < additions.length(); i++) {
            char c = additions.charAt(i);
            if (c < 0x40) {
                lowBits |= 1L << c;
            } else {
                highBits |= 1L << (c - 0x40);
            }
        }
        this.low = lowBits;
        this.high = highBits;
    }

    /** Whether {@code codePoint} is in this percent-encode set. */
    boolean contains(int codePoint) {
        if (codePoint < 0x40) {
            return (low & (1L << codePoint)) != 0;
        }
        if (codePoint < 0x80) {
            return (high & (1L << (codePoint - 0x40))) != 0;
        }
        return true;
    }
}
