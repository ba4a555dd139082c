package org.sw4j.webapi.url;

import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.Set;

/**
 * The URL Standard's IDNA section (https://url.spec.whatwg.org/#idna), on top of ICU4J's UTS #46
 * implementation.
 */
final class Idna {

    /**
     * Unicode ToASCII with CheckBidi, CheckJoiners and nontransitional processing; UseSTD3ASCIIRules
     * is off because ICU only applies it when {@link IDNA#USE_STD3_RULES} is given.
     */
    private static final IDNA UTS46 = IDNA.getUTS46Instance(
            IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE);

    /**
     * Errors ICU always checks for but that the URL Standard turns off when not being strict:
     * CheckHyphens=false and VerifyDnsLength=false.
     */
    private static final Set<IDNA.Error> NOT_CHECKED = EnumSet.of(
            IDNA.Error.LEADING_HYPHEN, IDNA.Error.TRAILING_HYPHEN, IDNA.Error.HYPHEN_3_4,
            IDNA.Error.EMPTY_LABEL, IDNA.Error.LABEL_TOO_LONG, IDNA.Error.DOMAIN_NAME_TOO_LONG);

    private Idna() {
    }

    /**
     * Implements the URL Standard's domain to ASCII (https://url.spec.whatwg.org/#concept-domain-to-ascii)
     * with beStrict false, the only way the URL parser calls it. Returns null for failure.
     */
    static String domainToAscii(String domain) {
        String result;
        if (isAsciiWithoutPunycodeLabel(domain)) {
            // The standard notes that for such input Unicode ToASCII is equivalent to ASCII
            // lowercasing; this keeps ICU off the hot path for ordinary host names.
            result = asciiLowercase(domain);
        } else {
            StringBuilder ascii = new StringBuilder(domain.length() + 8);
            IDNA.Info info = new IDNA.Info();
            UTS46.nameToASCII(domain, ascii, info);
            for (IDNA.Error error : info.getErrors()) {
                if (!NOT_CHECKED.contains(error)) {
                    return null;
                }
            }
            result = ascii.toString();
        }
        if (result.isEmpty()) {
            return null;
        }
        for (int i = 0; i < result.length(); i++) {
            if (HostParser.isForbiddenDomainCodePoint(result.charAt(i))) {
                return null;
            }
        }
        return result;
    }

    /** Whether {@code domain} is ASCII and none of its labels starts with an ASCII case-insensitive "xn--". */
    private static boolean isAsciiWithoutPunycodeLabel(String domain) {
        int length = domain.length();
        boolean labelStart = true;
        for (int i = 0; i < length; i++) {
            char c = domain.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            if (labelStart && (c == 'x' || c == 'X') && domain.regionMatches(true, i, "xn--", 0, 4)) {
                return false;
            }
            labelStart = c == '.';
        }
        return true;
    }

    private static String asciiLowercase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] += 'a' - 'A';
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }
}
