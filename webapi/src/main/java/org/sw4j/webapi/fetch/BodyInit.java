package org.sw4j.webapi.fetch;

import java.util.Objects;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.UrlSearchParams;

/**
 * A {@code BodyInit} (https://fetch.spec.whatwg.org/#bodyinit-unions) after the JavaScript binding
 * has told its kinds apart: the values {@code new Request(url, {body})}, {@code new Response(body)}
 * and {@code fetch()} accept.
 */
public sealed interface BodyInit {

    /** A string, sent as UTF-8. */
    record Text(String value) implements BodyInit {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A {@code URLSearchParams}, sent as {@code application/x-www-form-urlencoded}. */
    record SearchParams(UrlSearchParams params) implements BodyInit {
        public SearchParams {
            Objects.requireNonNull(params, "params");
        }
    }

    /** A {@code FormData}, sent as {@code multipart/form-data}. */
    record Form(FormData formData) implements BodyInit {
        public Form {
            Objects.requireNonNull(formData, "formData");
        }
    }

    /**
     * A {@code Blob} or {@code File}: its bytes (which the caller must not change afterwards) and
     * its {@code type} attribute, possibly empty.
     */
    record Blob(byte[] bytes, String type) implements BodyInit {
        public Blob {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A {@code BufferSource} ({@code ArrayBuffer} or a view): a copy of its bytes. */
    record Bytes(byte[] bytes) implements BodyInit {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * A {@code ReadableStream}, bridged to a {@link BodySource} by the binding.
     *
     * @param disturbedOrLocked whether the stream is disturbed or locked, which makes it unusable
     */
    record Stream(BodySource source, boolean disturbedOrLocked) implements BodyInit {
        public Stream {
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * Implements extract a body (https://fetch.spec.whatwg.org/#concept-bodyinit-extract): the body
     * and the {@code Content-Type} it implies.
     *
     * <ul>
     *   <li>a string: UTF-8, {@code text/plain;charset=UTF-8};
     *   <li>{@code URLSearchParams}: serialized, {@code application/x-www-form-urlencoded;charset=UTF-8};
     *   <li>{@code FormData}: {@code multipart/form-data; boundary=…} with a fresh random boundary;
     *   <li>a {@code Blob}: its type when not empty;
     *   <li>a buffer or a stream: no type.
     * </ul>
     *
     * @param keepalive the request's keepalive: a stream cannot outlive its page, so it is refused
     * @throws WebError a TypeError for a stream with keepalive, or a disturbed or locked stream
     */
    default BodyWithType extract(boolean keepalive) {
        return switch (this) {
            case Text text -> new BodyWithType(Body.of(Utf8.encode(text.value())), "text/plain;charset=UTF-8");
            case SearchParams search -> new BodyWithType(Body.of(Utf8.encode(search.params().toString())),
                    "application/x-www-form-urlencoded;charset=UTF-8");
            case Form form -> {
                String boundary = MultipartFormData.newBoundary();
                byte[] bytes = MultipartFormData.serialize(form.formData(), boundary);
                yield new BodyWithType(Body.of(bytes), "multipart/form-data; boundary=" + boundary);
            }
            case Blob blob -> new BodyWithType(Body.of(blob.bytes()), blob.type().isEmpty() ? null : blob.type());
            case Bytes bytes -> new BodyWithType(Body.of(bytes.bytes()), null);
            case Stream stream -> {
                if (keepalive) {
                    throw WebError.typeError("Failed to construct 'Request': keepalive cannot be used with a "
                            + "ReadableStream body.");
                }
                if (stream.disturbedOrLocked()) {
                    throw WebError.typeError("The body's ReadableStream is disturbed or locked.");
                }
                yield new BodyWithType(new Body(stream.source(), -1, true), null);
            }
        };
    }
}
