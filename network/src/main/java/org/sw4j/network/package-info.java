/**
 * sw4j's network layer: the transport beneath Fetch.
 *
 * <ul>
 *   <li>{@link org.sw4j.network.NetworkClient} sends a {@link org.sw4j.network.NetworkRequest} as a
 *       {@link org.sw4j.network.Call} through {@link org.sw4j.network.Interceptor}s to
 *       Jetty's HTTP client, and returns a {@link org.sw4j.network.NetworkResponse} whose body
 *       streams as a {@link org.sw4j.webapi.fetch.BodySource};
 *   <li>every failure is a {@link org.sw4j.network.NetworkException} with a
 *       {@link org.sw4j.network.NetworkException.Kind kind};
 *   <li>{@link org.sw4j.network.NetworkConditions} simulates offline, slow and failing networks;
 *   <li>{@link org.sw4j.network.CookieJar} keeps partitioned cookies for the Fetch layer.
 * </ul>
 * Redirects, CORS, request modes, credentials and caching belong to the Fetch layer above; this
 * package does one HTTP exchange at a time. {@code HttpOriginFetcher} and
 * {@code LocalDirectoryFetcher} are the older whole-body script fetchers the core uses.
 * Everything under {@code internal} may change without notice.
 */
package org.sw4j.network;
