package org.sw4j.webapi.fetch;

import java.util.List;

/**
 * A {@code RequestInit} dictionary (https://fetch.spec.whatwg.org/#requestinit) after the
 * JavaScript binding has converted its members: every component is null when the member is absent.
 * Start from {@link #EMPTY} and use the {@code with…} methods.
 *
 * <p>The binding converts enum members with each enum's {@code fromJs} (a null result is the
 * binding's TypeError to throw) and {@code referrer} and {@code integrity} as USVStrings.
 * {@code {body: null}} is passed as an absent body, so an init whose only member is a null body
 * counts as empty: the resets a non-empty init causes (referrer, origin, navigation flags, URL
 * list) are then skipped. That one corner is a deliberate simplification.
 *
 * @param method the {@code method} member, not yet validated
 * @param headers the {@code headers} member as (name, value) pairs in order: a sequence's pairs, a record's entries, or a {@code Headers} object's header list
 * @param body the {@code body} member; null when absent or null
 * @param referrer the {@code referrer} member
 * @param referrerPolicy the {@code referrerPolicy} member
 * @param mode the {@code mode} member
 * @param credentials the {@code credentials} member
 * @param cache the {@code cache} member
 * @param redirect the {@code redirect} member
 * @param integrity the {@code integrity} member
 * @param keepalive the {@code keepalive} member
 * @param duplex the {@code duplex} member
 * @param priority the {@code priority} member
 * @param window whether the {@code window} member is absent, null or something else; null means absent
 * @param signal whether the {@code signal} member is present (the signal itself stays with the binding; its presence makes init non-empty)
 */
public record RequestInit(
        String method,
        List<Header> headers,
        BodyInit body,
        String referrer,
        ReferrerPolicy referrerPolicy,
        RequestMode mode,
        RequestCredentials credentials,
        RequestCache cache,
        RequestRedirect redirect,
        String integrity,
        Boolean keepalive,
        RequestDuplex duplex,
        RequestPriority priority,
        Window window,
        boolean signal) {

    /** Whether the {@code window} member is absent, null, or set to something else (which is an error). */
    public enum Window { ABSENT, NULL, NON_NULL }

    /** An init with no members, as {@code new Request(input)} has. */
    public static final RequestInit EMPTY = new RequestInit(null, null, null, null, null, null, null, null, null, null, null, null, null, null, false);

    /** Whether no member is present (the spec's "init is not empty" negated). */
    public boolean isEmpty() {
        return method == null && headers == null && body == null && referrer == null &&
                referrerPolicy == null && mode == null && credentials == null && cache == null &&
                redirect == null && integrity == null && keepalive == null && duplex == null &&
                priority == null && (window == null || window == Window.ABSENT) && !signal;
    }

    /** This init with {@code method} replaced. */
    public RequestInit withMethod(String method) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code headers} replaced. */
    public RequestInit withHeaders(List<Header> headers) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code body} replaced. */
    public RequestInit withBody(BodyInit body) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code referrer} replaced. */
    public RequestInit withReferrer(String referrer) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code referrerPolicy} replaced. */
    public RequestInit withReferrerPolicy(ReferrerPolicy referrerPolicy) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code mode} replaced. */
    public RequestInit withMode(RequestMode mode) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code credentials} replaced. */
    public RequestInit withCredentials(RequestCredentials credentials) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code cache} replaced. */
    public RequestInit withCache(RequestCache cache) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code redirect} replaced. */
    public RequestInit withRedirect(RequestRedirect redirect) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code integrity} replaced. */
    public RequestInit withIntegrity(String integrity) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code keepalive} replaced. */
    public RequestInit withKeepalive(Boolean keepalive) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code duplex} replaced. */
    public RequestInit withDuplex(RequestDuplex duplex) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code priority} replaced. */
    public RequestInit withPriority(RequestPriority priority) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code window} replaced. */
    public RequestInit withWindow(Window window) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }

    /** This init with {@code signal} replaced. */
    public RequestInit withSignal(boolean signal) {
        return new RequestInit(method, headers, body, referrer, referrerPolicy, mode, credentials, cache, redirect, integrity, keepalive, duplex, priority, window, signal);
    }
}
