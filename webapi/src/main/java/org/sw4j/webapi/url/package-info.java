/**
 * The WHATWG URL Standard (https://url.spec.whatwg.org/) in plain Java: URL parsing and serialization,
 * hosts (domains through UTS #46, IPv4, IPv6, opaque hosts), origins, and the
 * {@code application/x-www-form-urlencoded} format.
 *
 * <p>{@link org.sw4j.webapi.url.Url} is the immutable URL value used throughout sw4j;
 * {@link org.sw4j.webapi.url.MutableUrl} and {@link org.sw4j.webapi.url.UrlSearchParams} are the JavaScript
 * {@code URL} and {@code URLSearchParams} objects. {@code java.net.URI} plays no part: its RFC 3986 grammar
 * disagrees with how the web parses URLs.
 */
package org.sw4j.webapi.url;
