package org.sw4j.core.spi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A fully received response from an {@link OriginFetcher}.
 *
 * @param url the response's URL after redirects
 * @param status HTTP status
 * @param headers response headers, names lower-case
 * @param body the body bytes
 */
public record ResourceResponse(String url, int status, Map<String, List<String>> headers, byte[] body) {
    public ResourceResponse {
        headers = Map.copyOf(headers);
    }

    /** Whether the status is in the range 200 to 299 (Fetch's "ok status"). */
    public boolean ok() {
        return status >= 200 && status <= 299;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    /** The body decoded as UTF-8, as the HTML spec decodes classic and module worker scripts. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
