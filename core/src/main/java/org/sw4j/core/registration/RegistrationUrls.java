package org.sw4j.core.registration;

import java.util.Objects;
import org.sw4j.webapi.url.Url;

/** A register job's script URL and scope URL, both without fragments. */
public record RegistrationUrls(Url script, Url scope) {
    public RegistrationUrls {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(scope, "scope");
    }
}
