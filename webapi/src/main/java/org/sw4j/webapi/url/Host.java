package org.sw4j.webapi.url;

/**
 * A URL Standard host (https://url.spec.whatwg.org/#concept-host): a domain, an IP address, an opaque
 * host, or an empty host. Hosts are values; two hosts are equal when they are the same host.
 */
sealed interface Host {

    /** Implements the URL Standard's host serializer (https://url.spec.whatwg.org/#concept-host-serializer). */
    String serialize();

    /** A domain (https://url.spec.whatwg.org/#concept-domain): a non-empty ASCII string, already lowercased by IDNA. */
    record Domain(String name) implements Host {
        @Override
        public String serialize() {
            return name;
        }
    }

    /** An IPv4 address (https://url.spec.whatwg.org/#concept-ipv4): a 32-bit unsigned integer, held in an int. */
    record Ipv4Address(int address) implements Host {
        /** Implements the URL Standard's IPv4 serializer (https://url.spec.whatwg.org/#concept-ipv4-serializer). */
        @Override
        public String serialize() {
            return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                    + (address & 0xFF);
        }
    }

    /**
     * An IPv6 address (https://url.spec.whatwg.org/#concept-ipv6): a 128-bit unsigned integer, held as
     * two longs so that the record stays immutable with value equality. Piece 0 is the top 16 bits of
     * {@code high}.
     */
    record Ipv6Address(long high, long low) implements Host {

        static Ipv6Address of(int[] pieces) {
            long high = 0;
            long low = 0;
            for (int i = 0; i < 4; i++) {
                high = (high << 16) | pieces[i];
                low = (low << 16) | pieces[i + 4];
            }
            return new Ipv6Address(high, low);
        }

        /** The IPv6 address's piece at {@code index} (0 to 7). */
        int piece(int index) {
            long half = index < 4 ? high : low;
            return (int) (half >>> (16 * (3 - (index & 3)))) & 0xFFFF;
        }

        /** Returns "[", the IPv6 serializer's output, and "]", as the host serializer requires. */
        @Override
        public String serialize() {
            return "[" + serializeAddress() + "]";
        }

        /** Implements the URL Standard's IPv6 serializer (https://url.spec.whatwg.org/#concept-ipv6-serializer). */
        String serializeAddress() {
            StringBuilder output = new StringBuilder(41);
            int compress = compressedPieceIndex();
            boolean ignore0 = false;
            for (int pieceIndex = 0; pieceIndex < 8; pieceIndex++) {
                int piece = piece(pieceIndex);
                if (ignore0 && piece == 0) {
                    continue;
                }
                ignore0 = false;
                if (compress == pieceIndex) {
                    output.append(pieceIndex == 0 ? "::" : ":");
                    ignore0 = true;
                    continue;
                }
                output.append(Integer.toHexString(piece));
                if (pieceIndex != 7) {
                    output.append(':');
                }
            }
            return output.toString();
        }

        /**
         * Implements the URL Standard's find the IPv6 address compressed piece index
         * (https://url.spec.whatwg.org/#find-the-ipv6-address-compressed-piece-index): the first longest run
         * of two or more zero pieces, or -1 if there is none.
         */
        private int compressedPieceIndex() {
            int longestIndex = -1;
            int longestSize = 1;
            int foundIndex = -1;
            int foundSize = 0;
            for (int pieceIndex = 0; pieceIndex < 8; pieceIndex++) {
                if (piece(pieceIndex) != 0) {
                    if (foundSize > longestSize) {
                        longestIndex = foundIndex;
                        longestSize = foundSize;
                    }
                    foundIndex = -1;
                    foundSize = 0;
                } else {
                    if (foundIndex == -1) {
                        foundIndex = pieceIndex;
                    }
                    foundSize++;
                }
            }
            return foundSize > longestSize ? foundIndex : longestIndex;
        }
    }

    /** An opaque host (https://url.spec.whatwg.org/#opaque-host): a non-empty ASCII string of a non-special URL. */
    record OpaqueHost(String value) implements Host {
        @Override
        public String serialize() {
            return value;
        }
    }

    /** The empty host (https://url.spec.whatwg.org/#empty-host), as in {@code file:///}. */
    record EmptyHost() implements Host {
        static final EmptyHost INSTANCE = new EmptyHost();

        @Override
        public String serialize() {
            return "";
        }
    }
}
