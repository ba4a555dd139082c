package org.sw4j.webapi.fetch;

import java.util.Objects;
import org.sw4j.webapi.url.Url;

/**
 * A request's referrer (https://fetch.spec.whatwg.org/#concept-request-referrer): "no-referrer",
 * "client" (to be replaced by the client's referrer when fetching), or a URL.
 */
public sealed interface Referrer {

    /** "no-referrer": send no {@code Referer}. */
    Referrer NO_REFERRER = new NoReferrer();

    /** "client": the default, resolved from the request's client when fetching. */
    Referrer CLIENT = new Client();

    /** A referrer URL. */
    static Referrer of(Url url) {
        return new UrlReferrer(url);
    }

    /**
     * The value of the {@code Request.referrer} getter (https://fetch.spec.whatwg.org/#dom-request-referrer):
     * "" for no-referrer, "about:client" for client, else the URL serialized.
     */
    String jsValue();

    /** "no-referrer". */
    record NoReferrer() implements Referrer {
        @Override
        public String jsValue() {
            return "";
        }
    }

    /** "client". */
    record Client() implements Referrer {
        @Override
        public String jsValue() {
            return "about:client";
        }
    }

    /** A URL. */
    record UrlReferrer(Url url) implements Referrer {
        public UrlReferrer {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String jsValue() {
            return url.href();
        }
    }
}
