package org.sw4j.network.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.util.Locale;
import org.sw4j.network.Cookie.SameSite;

/**
 * A parsed {@code Set-Cookie} header: RFC 6265 section 5.2 with RFC 6265bis's refinements (a
 * nameless cookie, attribute values over 1024 bytes ignored). Pure: time comes in as {@code now}.
 *
 * @param expiry from Max-Age (preferred) or Expires; null when neither parsed
 * @param domain the Domain attribute, lower case without its leading dot; null when absent
 * @param path the Path attribute when it starts with "/"; null otherwise
 */
public record SetCookie(String name, String value, Instant expiry, String domain, String path, boolean secure,
        boolean httpOnly, SameSite sameSite) {
    private static final int MAX_NAME_VALUE = 4096;
    private static final int MAX_ATTRIBUTE_VALUE = 1024;
    /** RFC 6265bis caps every expiry at 400 days from now. */
    public static final Duration MAX_AGE = Duration.ofDays(400);

    /** The cookie of {@code header}, or null when the header is to be ignored. */
    public static SetCookie parse(String header, Instant now) {
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return null;
            }
        }
        int semicolon = header.indexOf(';');
        String pair = semicolon < 0 ? header : header.substring(0, semicolon);
        String attributes = semicolon < 0 ? "" : header.substring(semicolon + 1);
        int equals = pair.indexOf('=');
        String name = equals < 0 ? "" : pair.substring(0, equals).strip();
        String value = (equals < 0 ? pair : pair.substring(equals + 1)).strip();
        if ((name.isEmpty() && value.isEmpty()) || name.length() + value.length() > MAX_NAME_VALUE) {
            return null;
        }
        Instant expires = null;
        Instant maxAge = null;
        String domain = null;
        String path = null;
        boolean secure = false;
        boolean httpOnly = false;
        SameSite sameSite = SameSite.UNSPECIFIED;
        for (String attribute : attributes.split(";")) {
            int eq = attribute.indexOf('=');
            String key = (eq < 0 ? attribute : attribute.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String val = eq < 0 ? "" : attribute.substring(eq + 1).strip();
            if (val.length() > MAX_ATTRIBUTE_VALUE) {
                continue;
            }
            switch (key) {
                case "expires" -> {
                    Instant date = parseDate(val);
                    if (date != null) {
                        expires = date;
                    }
                }
                case "max-age" -> {
                    if (val.matches("-?[0-9]+")) {
                        long seconds;
                        try {
                            seconds = Long.parseLong(val);
                        } catch (NumberFormatException e) {
                            seconds = val.startsWith("-") ? -1 : Long.MAX_VALUE;
                        }
                        maxAge = seconds <= 0 ? Instant.EPOCH
                                : now.plus(Duration.ofSeconds(Math.min(seconds, MAX_AGE.toSeconds())));
                    }
                }
                case "domain" -> {
                    if (!val.isEmpty()) {
                        domain = (val.startsWith(".") ? val.substring(1) : val).toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> path = val.startsWith("/") ? val : null;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = switch (val.toLowerCase(Locale.ROOT)) {
                    case "strict" -> SameSite.STRICT;
                    case "lax" -> SameSite.LAX;
                    case "none" -> SameSite.NONE;
                    default -> SameSite.UNSPECIFIED;
                };
                default -> {
                    // Unknown attributes (Priority, Partitioned, ...) are ignored.
                }
            }
        }
        Instant expiry = maxAge != null ? maxAge : expires;
        if (expiry != null && expiry.isAfter(now.plus(MAX_AGE))) {
            expiry = now.plus(MAX_AGE);
        }
        return new SetCookie(name, value, expiry, domain, path, secure, httpOnly, sameSite);
    }

    /** RFC 6265 section 5.1.1, the cookie-date algorithm; null when the date does not parse. */
    public static Instant parseDate(String text) {
        int hour = -1, minute = -1, second = -1, day = -1, month = -1, year = -1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && isDelimiter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isDelimiter(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                continue;
            }
            String token = text.substring(start, i);
            int[] time;
            if (hour < 0 && (time = time(token)) != null) {
                hour = time[0];
                minute = time[1];
                second = time[2];
            } else if (day < 0 && digits(token, 1, 2) >= 0) {
                day = digits(token, 1, 2);
            } else if (month < 0 && month(token) > 0) {
                month = month(token);
            } else if (year < 0 && digits(token, 2, 4) >= 0) {
                year = digits(token, 2, 4);
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (hour < 0 || day < 0 || month < 0 || year < 0 || day < 1 || day > 31 || year < 1601 || hour > 23
                || minute > 59 || second > 59) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day).atTime(hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60)
                || (c >= 0x7b && c <= 0x7e);
    }

    /** The value of min..max leading digits not followed by another digit, else -1. */
    private static int digits(String token, int min, int max) {
        int count = 0;
        while (count < token.length() && Character.isDigit(token.charAt(count)) && token.charAt(count) < 0x80) {
            count++;
        }
        if (count < min || count > max) {
            return -1;
        }
        return Integer.parseInt(token.substring(0, count));
    }

    private static int[] time(String token) {
        String[] parts = token.split(":", 3);
        if (parts.length != 3) {
            return null;
        }
        int h = parts[0].matches("[0-9]{1,2}") ? Integer.parseInt(parts[0]) : -1;
        int m = parts[1].matches("[0-9]{1,2}") ? Integer.parseInt(parts[1]) : -1;
        int s = digits(parts[2], 1, 2);
        return h < 0 || m < 0 || s < 0 ? null : new int[] {h, m, s};
    }

    private static int month(String token) {
        if (token.length() < 3) {
            return -1;
        }
        String prefix = token.substring(0, 3).toLowerCase(Locale.ROOT);
        int index = "jan feb mar apr may jun jul aug sep oct nov dec ".indexOf(prefix + " ");
        return index < 0 || index % 4 != 0 ? -1 : index / 4 + 1;
    }
}
