package org.sw4j.webapi.url;

/**
 * The URL Standard's host parsing (https://url.spec.whatwg.org/#host-parsing): the host parser and the
 * IPv4, IPv6 and opaque-host parsers it dispatches to. Every parser returns null for failure; validation
 * errors that are not failures are not reported.
 */
final class HostParser {
    /** Values at or above this do not fit an IPv4 address; the IPv4 number parser saturates here. */
    private static final long IPV4_NUMBER_OVERFLOW = 1L << 32;
    private static final long IPV4_NUMBER_FAILURE = -1;

    private HostParser() {
    }

    /**
     * Implements the URL Standard's host parser (https://url.spec.whatwg.org/#concept-host-parser).
     *
     * @param input a scalar value string
     * @param isOpaque true when the URL is not special
     * @return the host, or null for failure
     */
    static Host parse(String input, boolean isOpaque) {
        if (!input.isEmpty() && input.charAt(0) == '[') {
            if (input.charAt(input.length() - 1) != ']' || input.length() < 2) {
                return null; // IPv6-unclosed
            }
            return parseIpv6(input, 1, input.length() - 1);
        }
        if (isOpaque) {
            return parseOpaqueHost(input);
        }
        // The domain parser fails on U+FFFD, so decoding with replacement is as good as decoding or failing.
        String domain = PercentEncoding.percentDecode(input, 0, input.length(), false);
        String asciiDomain = Idna.domainToAscii(domain);
        if (asciiDomain == null) {
            return null;
        }
        if (endsInANumber(asciiDomain)) {
            return parseIpv4(asciiDomain);
        }
        return new Host.Domain(asciiDomain);
    }

    /**
     * Implements the URL Standard's ends in a number checker
     * (https://url.spec.whatwg.org/#ends-in-a-number-checker).
     */
    static boolean endsInANumber(String input) {
        int end = input.length();
        if (end > 1 && input.charAt(end - 1) == '.') {
            end--; // the last part is empty: look at the one before it
        }
        int start = input.lastIndexOf('.', end - 1) + 1;
        if (start == end) {
            return false;
        }
        boolean allDigits = true;
        for (int i = start; i < end && allDigits; i++) {
            allDigits = isAsciiDigit(input.charAt(i));
        }
        return allDigits || parseIpv4Number(input, start, end) != IPV4_NUMBER_FAILURE;
    }

    /**
     * Implements the URL Standard's IPv4 parser (https://url.spec.whatwg.org/#concept-ipv4-parser).
     */
    static Host parseIpv4(String input) {
        long[] numbers = new long[4];
        int count = 0;
        int end = input.length();
        if (end > 1 && input.charAt(end - 1) == '.') {
            end--; // IPv4-empty-part: a single trailing dot is tolerated
        }
        int partStart = 0;
        while (true) {
            int dot = input.indexOf('.', partStart);
            int partEnd = dot == -1 || dot >= end ? end : dot;
            if (count == 4) {
                return null; // IPv4-too-many-parts
            }
            long number = parseIpv4Number(input, partStart, partEnd);
            if (number == IPV4_NUMBER_FAILURE) {
                return null; // IPv4-non-numeric-part
            }
            numbers[count++] = number;
            if (partEnd == end) {
                break;
            }
            partStart = partEnd + 1;
        }
        for (int i = 0; i < count - 1; i++) {
            if (numbers[i] > 255) {
                return null; // IPv4-out-of-range-part
            }
        }
        long last = numbers[count - 1];
        if (last >= 1L << (8 * (5 - count))) {
            return null;
        }
        long ipv4 = last;
        for (int counter = 0; counter < count - 1; counter++) {
            ipv4 += numbers[counter] << (8 * (3 - counter));
        }
        return new Host.Ipv4Address((int) ipv4);
    }

    /**
     * Implements the URL Standard's IPv4 number parser (https://url.spec.whatwg.org/#ipv4-number-parser)
     * for {@code input[from, to)}. Returns {@link #IPV4_NUMBER_FAILURE} for failure; numbers too large
     * for an IPv4 address saturate at 2^32, which every caller rejects just as it would the exact value.
     */
    private static long parseIpv4Number(String input, int from, int to) {
        if (from == to) {
            return IPV4_NUMBER_FAILURE;
        }
        int radix = 10;
        if (to - from >= 2 && input.charAt(from) == '0' && (input.charAt(from + 1) | 0x20) == 'x') {
            from += 2;
            radix = 16;
        } else if (to - from >= 2 && input.charAt(from) == '0') {
            from += 1;
            radix = 8;
        }
        long output = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(input.charAt(i), radix);
            if (digit < 0 || input.charAt(i) >= 0x80) {
                return IPV4_NUMBER_FAILURE;
            }
            output = Math.min(output * radix + digit, IPV4_NUMBER_OVERFLOW);
        }
        return output;
    }

    /**
     * Implements the URL Standard's IPv6 parser (https://url.spec.whatwg.org/#concept-ipv6-parser) for
     * {@code input[from, to)}.
     */
    static Host parseIpv6(String input, int from, int to) {
        int[] address = new int[8];
        int pieceIndex = 0;
        int compress = -1;
        int pointer = from;
        if (charAt(input, pointer, to) == ':') {
            if (charAt(input, pointer + 1, to) != ':') {
                return null; // IPv6-invalid-compression
            }
            pointer += 2;
            pieceIndex++;
            compress = pieceIndex;
        }
        while (pointer < to) {
            if (pieceIndex == 8) {
                return null; // IPv6-too-many-pieces
            }
            if (input.charAt(pointer) == ':') {
                if (compress != -1) {
                    return null; // IPv6-multiple-compression
                }
                pointer++;
                pieceIndex++;
                compress = pieceIndex;
                continue;
            }
            int value = 0;
            int length = 0;
            while (length < 4 && pointer < to && PercentEncoding.isAsciiHexDigit(input.charAt(pointer))) {
                value = value * 0x10 + Character.digit(input.charAt(pointer), 16);
                pointer++;
                length++;
            }
            int c = charAt(input, pointer, to);
            if (c == '.') {
                if (length == 0) {
                    return null; // IPv4-in-IPv6-invalid-code-point
                }
                pointer -= length;
                if (pieceIndex > 6) {
                    return null; // IPv4-in-IPv6-too-many-pieces
                }
                int numbersSeen = 0;
                while (pointer < to) {
                    int ipv4Piece = -1;
                    if (numbersSeen > 0) {
                        if (input.charAt(pointer) == '.' && numbersSeen < 4) {
                            pointer++;
                        } else {
                            return null; // IPv4-in-IPv6-invalid-code-point
                        }
                    }
                    if (!isAsciiDigit(charAt(input, pointer, to))) {
                        return null; // IPv4-in-IPv6-invalid-code-point
                    }
                    while (isAsciiDigit(charAt(input, pointer, to))) {
                        int number = input.charAt(pointer) - '0';
                        if (ipv4Piece == -1) {
                            ipv4Piece = number;
                        } else if (ipv4Piece == 0) {
                            return null; // IPv4-in-IPv6-invalid-code-point: leading zero
                        } else {
                            ipv4Piece = ipv4Piece * 10 + number;
                        }
                        if (ipv4Piece > 255) {
                            return null; // IPv4-in-IPv6-out-of-range-part
                        }
                        pointer++;
                    }
                    address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
                    numbersSeen++;
                    if (numbersSeen == 2 || numbersSeen == 4) {
                        pieceIndex++;
                    }
                }
                if (numbersSeen != 4) {
                    return null; // IPv4-in-IPv6-too-few-parts
                }
                break;
            } else if (c == ':') {
                pointer++;
                if (pointer >= to) {
                    return null; // IPv6-invalid-code-point
                }
            } else if (pointer < to) {
                return null; // IPv6-invalid-code-point
            }
            address[pieceIndex] = value;
            pieceIndex++;
        }
        if (compress != -1) {
            int swaps = pieceIndex - compress;
            pieceIndex = 7;
            while (pieceIndex != 0 && swaps > 0) {
                int swapIndex = compress + swaps - 1;
                int piece = address[pieceIndex];
                address[pieceIndex] = address[swapIndex];
                address[swapIndex] = piece;
                pieceIndex--;
                swaps--;
            }
        } else if (pieceIndex != 8) {
            return null; // IPv6-too-few-pieces
        }
        return Host.Ipv6Address.of(address);
    }

    /**
     * Implements the URL Standard's opaque-host parser (https://url.spec.whatwg.org/#concept-opaque-host-parser).
     * An empty input yields the empty host.
     */
    static Host parseOpaqueHost(String input) {
        for (int i = 0; i < input.length(); i++) {
            if (isForbiddenHostCodePoint(input.charAt(i))) {
                return null; // host-invalid-code-point
            }
        }
        if (input.isEmpty()) {
            return Host.EmptyHost.INSTANCE;
        }
        return new Host.OpaqueHost(PercentEncoding.utf8PercentEncode(input, PercentEncodeSet.C0_CONTROL));
    }

    /** A forbidden host code point (https://url.spec.whatwg.org/#forbidden-host-code-point). */
    static boolean isForbiddenHostCodePoint(int c) {
        return switch (c) {
            case 0x00, '\t', '\n', '\r', ' ', '#', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|' -> true;
            default -> false;
        };
    }

    /** A forbidden domain code point (https://url.spec.whatwg.org/#forbidden-domain-code-point). */
    static boolean isForbiddenDomainCodePoint(int c) {
        return c <= 0x1F || c == '%' || c == 0x7F || isForbiddenHostCodePoint(c);
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The code point at {@code pointer}, or -1 (EOF) when the pointer is past {@code to}. */
    private static int charAt(String input, int pointer, int to) {
        return pointer < to ? input.charAt(pointer) : -1;
    }
}
