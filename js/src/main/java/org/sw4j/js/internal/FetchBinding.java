package org.sw4j.js.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.sw4j.core.spi.FetchCall;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.BodyInit;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.FormData;
import org.sw4j.webapi.fetch.FormDataEntryValue;
import org.sw4j.webapi.fetch.Header;
import org.sw4j.webapi.fetch.Headers;
import org.sw4j.webapi.fetch.MimeType;
import org.sw4j.webapi.fetch.MultipartFormData;
import org.sw4j.webapi.fetch.ReferrerPolicy;
import org.sw4j.webapi.fetch.RequestCache;
import org.sw4j.webapi.fetch.RequestConstructor;
import org.sw4j.webapi.fetch.RequestCredentials;
import org.sw4j.webapi.fetch.RequestDuplex;
import org.sw4j.webapi.fetch.RequestInit;
import org.sw4j.webapi.fetch.RequestInput;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.fetch.RequestPriority;
import org.sw4j.webapi.fetch.RequestRedirect;
import org.sw4j.webapi.fetch.ResponseConstructor;
import org.sw4j.webapi.fetch.ResponseInit;
import org.sw4j.webapi.url.Url;

/**
 * The host operations behind the JavaScript Fetch bindings ({@code fetch.js}).
 *
 * <p>Bodies cross between Java and JavaScript chunk by chunk. Java to JavaScript: a
 * {@link BodySource} is read on a virtual thread and each chunk handed to JavaScript as a Latin-1
 * string (see {@link #latin1}), which JavaScript turns into a Uint8Array of its own. JavaScript to Java: chunks are
 * copied out of an {@code ArrayBuffer} in one bulk read into a {@link BodyPipe}.
 */
final class FetchBinding {
    private FetchBinding() {}

    /** Adds this binding's host operations to {@code host}; {@code scope} is the scope they serve. */
    static void define(HostFunctions host, GlobalScope scope) {
        host.defineObject("fetchOperations", new FetchOperations(host, scope));
        defineFormData(host);
        defineBodies(host, scope);
        defineFetch(host, scope);
        defineNavigationPreload(host, scope);
    }

    /**
     * {@code fetch()}'s Java half: the request (a copy: fetching changes it) with the body
     * JavaScript hands over goes to the host's {@link Fetcher}; the response head comes back as a
     * task, its body streaming as a {@link BodySource} — or, when the whole body came with the head
     * (a small response), as bytes, so reading it takes no further host operation.
     */
    private static void defineFetch(HostFunctions host, GlobalScope scope) {
        host.define("fetchStart", args -> {
            FetchRequest request = args[0].asHostObject();
            FetchRequest own = request.clone();
            if (!args[1].isNull()) {
                BodySource body = args[1].asHostObject();
                own.setBody(new Body(body, body.length(), request.body() != null && request.body().fromReadableStream()));
            }
            Value onResponse = args[2];
            Value onError = args[3];
            FetchCall call = scope.fetcher().fetch(own, scope.fetchEnvironment());
            WorkerInstance worker = scope.worker();
            if (!worker.beginHostOperation()) {
                call.abort();
                return call;
            }
            call.whenResponse(outcome -> {
                if (outcome.isNetworkError()) {
                    worker.endHostOperation("fetch", () -> onError.execute(outcome.failureReason()));
                    return;
                }
                FetchResponse response = outcome.response();
                Body body = response.body();
                BodySource source;
                try {
                    source = body == null ? null : inMemoryIfArrived(body.stream());
                } catch (IOException e) {
                    // Only when the fetch was aborted meanwhile: the body is closed, and its
                    // reader is told so.
                    source = body.stream();
                }
                BodySource finalSource = source;
                worker.endHostOperation("fetch", () -> onResponse.execute(response,
                        new Headers(response.headerList(), Headers.Guard.IMMUTABLE),
                        finalSource, body == null ? -1 : (double) body.length()));
            });
            return call;
        });
        host.define("fetchAbort", args -> {
            ((FetchCall) args[0].asHostObject()).abort();
            return null;
        });
        host.define("isOnline", args -> scope.fetcher().isOnline());
    }

    /**
     * {@code event.preloadResponse}'s Java half: waits (as a host operation) for the navigation
     * preload's response, which comes back as a task with its immutable Headers and its body's
     * source; a failed preload answers {@code onError(name, message)} (a TypeError).
     */
    private static void defineNavigationPreload(HostFunctions host, GlobalScope scope) {
        host.define("preloadResponseWait", args -> {
            @SuppressWarnings("unchecked")
            java.util.concurrent.CompletableFuture<FetchResponse> preload = args[0].asHostObject();
            Value onResponse = args[1];
            Value onError = args[2];
            WorkerInstance worker = scope.worker();
            if (!worker.beginHostOperation()) {
                return null;
            }
            preload.whenComplete((response, failure) -> worker.endHostOperation("navigation preload", () -> {
                if (failure != null) {
                    HostFunctions.reject(onError, failure, "TypeError");
                    return;
                }
                Body body = response.body();
                onResponse.execute(response, new Headers(response.headerList(), Headers.Guard.IMMUTABLE),
                        body == null ? null : body.stream(), body == null ? -1 : (double) body.length());
            }));
            return null;
        });
    }

    private static void defineFormData(HostFunctions host) {
        host.define("multipartBoundary", args -> MultipartFormData.newBoundary());
        host.define("multipartParse", args -> {
            byte[] bytes = new byte[args[2].asInt()];
            args[0].readBuffer(args[1].asLong(), bytes, 0, bytes.length);
            MimeType type = MimeType.parse(args[3].asString());
            if (type == null) {
                throw WebError.typeError("Failed to execute 'formData': invalid Content-Type " + args[3].asString());
            }
            FormData form = FormData.fromBody(bytes, type, System.currentTimeMillis());
            List<Object> flat = new ArrayList<>();
            for (FormData.Entry entry : form.entries()) {
                flat.add(entry.name());
                switch (entry.value()) {
                    case FormDataEntryValue.Text text -> {
                        flat.add(text.value());
                        flat.add(null);
                        flat.add(null);
                        flat.add(null);
                        flat.add(null);
                    }
                    case FormDataEntryValue.File file -> {
                        flat.add(null);
                        flat.add(new String(file.bytes(), StandardCharsets.ISO_8859_1));
                        flat.add(file.name());
                        flat.add(file.type());
                        flat.add((double) file.lastModified());
                    }
                }
            }
            return HostFunctions.array(flat.toArray());
        });
    }

    private static void defineBodies(HostFunctions host, GlobalScope scope) {
        host.define("bodySourceLength", args -> source(args[0]).length());
        host.define("bodySourceRead", args -> {
            BodySource source = source(args[0]);
            Value onChunk = args[1];
            Value onError = args[2];
            scope.worker().runHostOperation("body read", () -> packed(source.read()), (chunk, failure) -> {
                if (failure != null) {
                    onError.execute(message(failure));
                } else {
                    onChunk.execute(chunk);
                }
            });
            return null;
        });
        host.define("bodySourceReadAll", args -> {
            BodySource source = source(args[0]);
            Value onDone = args[1];
            Value onError = args[2];
            if (source.hasArrived()) {
                // All there: answered now, as the return value.
                try {
                    return packed(readAll(source));
                } catch (IOException e) {
                    scope.worker().post("body read", () -> onError.execute(message(e)));
                    return null;
                }
            }
            scope.worker().runHostOperation("body read", () -> packed(readAll(source)), (all, failure) -> {
                if (failure != null) {
                    onError.execute(message(failure));
                } else {
                    onDone.execute(all);
                }
            });
            return null; // answered later, through onDone or onError
        });
        // bodySourceFork(source): a second source over the same bytes when that costs no copy, else
        // null (Fetch's "clone a body" then tees a stream).
        host.define("bodySourceFork", args -> source(args[0]).fork());
        host.define("bodySourceCancel", args -> {
            source(args[0]).close();
            return null;
        });
        host.define("bodyFromBytes", args -> {
            byte[] bytes = new byte[args[2].asInt()];
            args[0].readBuffer(args[1].asLong(), bytes, 0, bytes.length);
            return BodySource.of(bytes);
        });
        host.define("bodyPipeNew", args -> {
            BodyPipe pipe = new BodyPipe(args[0].isNull() ? -1 : args[0].asLong());
            scope.openPipes().add(pipe);
            return pipe;
        });
        host.define("bodyPipeWrite", args -> {
            Value buffer = args[1];
            long offset = args[2].asLong();
            int length = args[3].asInt();
            byte[] chunk = new byte[length];
            buffer.readBuffer(offset, chunk, 0, length);
            return pipe(args[0]).write(chunk);
        });
        host.define("bodyPipeOnDrain", args -> {
            Value callback = args[1];
            WorkerInstance worker = scope.worker();
            pipe(args[0]).onDrain(() -> worker.post("body pipe drained", callback::executeVoid));
            return null;
        });
        host.define("bodyPipeEnd", args -> {
            pipe(args[0]).end();
            return null;
        });
        host.define("bodyPipeFail", args -> {
            pipe(args[0]).fail(args[1].asString());
            return null;
        });
        host.define("bodyPipeCancelled", args -> pipe(args[0]).isCancelled());
    }

    private static BodySource source(Value handle) {
        return handle.asHostObject();
    }

    private static BodyPipe pipe(Value handle) {
        return handle.asHostObject();
    }

    private static String message(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }

    /**
     * Bytes for JavaScript, packed two to a character: a first character saying how many padding
     * bytes end the rest (0 or 1), then one character per two bytes, the first byte in the low
     * half (null for a null chunk: the end). Crossing as a string is one bulk copy; JavaScript
     * unpacks it with one 16-bit store per character into a buffer of its own ({@code fetch.js}'s
     * {@code unpackBytes}). (A ByteBuffer handed over is readable from JavaScript only byte by byte
     * through interop, which costs a hundred times more; one character per byte, twice as much.)
     */
    static String packed(ByteBuffer chunk) {
        if (chunk == null) {
            return null;
        }
        int length = chunk.remaining();
        int position = chunk.position();
        char[] chars = new char[1 + (length + 1) / 2];
        chars[0] = (char) (length & 1);
        int pairs = length / 2;
        for (int i = 0; i < pairs; i++) {
            int at = position + 2 * i;
            chars[1 + i] = (char) ((chunk.get(at) & 0xff) | (chunk.get(at + 1) & 0xff) << 8);
        }
        if ((length & 1) != 0) {
            chars[1 + pairs] = (char) (chunk.get(position + length - 1) & 0xff);
        }
        return new String(chars);
    }

    /**
     * The source itself, or, when the rest of it is already at hand (a small body that came with
     * its head, a small stored one), a source over those bytes read now into memory: reading it
     * later does not wait, and it can be forked without a copy ({@link BodySource#fork()}).
     */
    static BodySource inMemoryIfArrived(BodySource source) throws IOException {
        if (!source.hasArrived() || source.fork() != null) {
            return source;
        }
        ByteBuffer all = readAll(source);
        if (all.hasArray() && all.arrayOffset() == 0 && all.remaining() == all.array().length) {
            return BodySource.of(all.array()); // read into a buffer of exactly its length
        }
        byte[] bytes = new byte[all.remaining()];
        all.get(bytes);
        return BodySource.of(bytes);
    }

    /** Reads a source to its end into one heap buffer (Fetch's "fully read" for a Java body). */
    static ByteBuffer readAll(BodySource source) throws IOException {
        long expected = source.length();
        byte[] all = new byte[expected >= 0 && expected < Integer.MAX_VALUE - 8 ? (int) expected : 8192];
        int size = 0;
        try (source) {
            for (ByteBuffer chunk = source.read(); chunk != null; chunk = source.read()) {
                int n = chunk.remaining();
                if (size + n > all.length) {
                    long grown = Math.max((long) all.length * 2, (long) size + n);
                    if (grown > Integer.MAX_VALUE - 8) {
                        throw new IOException("body too large to read into memory (over 2 GiB)");
                    }
                    all = java.util.Arrays.copyOf(all, (int) grown);
                }
                chunk.get(all, size, n);
                size += n;
            }
        }
        return ByteBuffer.wrap(all, 0, size).slice();
    }
}
