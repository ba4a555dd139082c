/**
 * The Fetch Standard's objects (https://fetch.spec.whatwg.org/) in plain Java: no JavaScript
 * engine and no I/O. The JavaScript bindings and the network layer build on these classes.
 *
 * <ul>
 *   <li>Headers: {@link org.sw4j.webapi.fetch.Header}, {@link org.sw4j.webapi.fetch.HeaderList},
 *       {@link org.sw4j.webapi.fetch.Headers} (with its guards), the predicates in
 *       {@link org.sw4j.webapi.fetch.HeaderNames} and {@link org.sw4j.webapi.fetch.HeaderValues}, and
 *       {@link org.sw4j.webapi.fetch.Methods}. Header names and values are "byte strings": Java
 *       strings whose chars are all at most U+00FF.
 *   <li>Requests: {@link org.sw4j.webapi.fetch.FetchRequest} (the request concept) and
 *       {@link org.sw4j.webapi.fetch.RequestConstructor} ({@code new Request(input, init)}) with
 *       {@link org.sw4j.webapi.fetch.RequestInput} and {@link org.sw4j.webapi.fetch.RequestInit}.
 *   <li>Responses: {@link org.sw4j.webapi.fetch.FetchResponse} (the response concept and its
 *       filters) and {@link org.sw4j.webapi.fetch.ResponseConstructor} ({@code new Response()},
 *       {@code Response.error/redirect/json}).
 *   <li>Bodies: {@link org.sw4j.webapi.fetch.Body} over a {@link org.sw4j.webapi.fetch.BodySource},
 *       {@link org.sw4j.webapi.fetch.BodyInit} and its extraction, {@link org.sw4j.webapi.fetch.FormData}
 *       and {@link org.sw4j.webapi.fetch.MultipartFormData}, {@link org.sw4j.webapi.fetch.MimeType}.
 *   <li>Security decisions: {@link org.sw4j.webapi.fetch.Cors},
 *       {@link org.sw4j.webapi.fetch.IntegrityMetadata}; and {@link org.sw4j.webapi.fetch.DataUrl}.
 * </ul>
 *
 * <p>Failures JavaScript must see are thrown as {@link org.sw4j.webapi.error.WebError}. Nothing
 * here is thread-safe unless it says so; records are immutable.
 */
package org.sw4j.webapi.fetch;
