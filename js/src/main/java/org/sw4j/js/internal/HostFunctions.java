package org.sw4j.js.internal;

import java.util.HashMap;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.sw4j.webapi.error.WebError;

/**
 * The object of host operations that sw4j's bootstrap JavaScript receives (never a global).
 * Proxies are the only host objects JavaScript can touch: the context has no host access, so
 * nothing else of the JVM is reachable through them.
 *
 * <p>This is the one place where Java failures become JavaScript exceptions: a {@link WebError}
 * thrown by an operation is rethrown into JavaScript as the {@code TypeError},
 * {@code RangeError} or {@code DOMException} it names; an operation that answers later rejects
 * through {@link #reject}.
 */
final class HostFunctions implements ProxyObject {
    /** A host operation; {@code args} are the JavaScript arguments. */
    @FunctionalInterface
    interface Operation {
        Object call(Value[] args) throws Exception;
    }

    private final Map<String, Object> members = new HashMap<>();
    private Value errorFactory;

    /** Sets the bootstrap's {@code (name, message) => error} factory used to convert failures. */
    void errorFactory(Value factory) {
        this.errorFactory = factory;
    }

    /** The JavaScript exception a {@link WebError} names, to throw from host code JavaScript called. */
    RuntimeException toGuest(WebError e) {
        if (errorFactory == null) {
            return e;
        }
        return errorFactory.execute(e.jsName(), e.getMessage()).throwException();
    }

    /**
     * Makes {@code operations} a member: an object whose {@link org.graalvm.polyglot.HostAccess.Export}ed
     * methods JavaScript calls directly. Such calls are compiled into the caller (a proxy's are
     * not), so hot operations (headers, request and response attributes) live in such objects.
     */
    /**
     * Answers a JavaScript {@code onError(name, message)} callback (which makes the exception with
     * {@code makeError}) for a failure of an operation that answers later: a {@link WebError}
     * becomes the exception it names, anything else {@code otherwise} (an ECMAScript error name or
     * a DOMException name) with the failure's message. {@link java.util.concurrent.CompletionException}
     * and {@link java.util.concurrent.ExecutionException} wrappers are looked through.
     */
    static void reject(Value onError, Throwable failure, String otherwise) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof WebError error) {
            onError.execute(error.jsName(), error.getMessage());
        } else {
            onError.execute(otherwise, cause.getMessage() != null ? cause.getMessage() : cause.toString());
        }
    }

    void defineObject(String name, Object operations) {
        members.put(name, operations);
    }

    void define(String name, Operation operation) {
        members.put(name, (ProxyExecutable) args -> {
            try {
                return operation.call(args);
            } catch (WebError e) {
                throw toGuest(e);
            } catch (PolyglotException e) {
                // A guest exception (e.g. from a script evaluated by importScripts) passes through
                // unchanged, so JavaScript sees the original error object.
                throw e;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static ProxyArray array(Object... values) {
        return ProxyArray.fromArray(values);
    }

    @Override
    public Object getMember(String key) {
        return members.get(key);
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray(members.keySet().toArray());
    }

    @Override
    public boolean hasMember(String key) {
        return members.containsKey(key);
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException("host functions are read-only");
    }
}
