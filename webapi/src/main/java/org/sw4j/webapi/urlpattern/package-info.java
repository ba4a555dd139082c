/**
 * The WHATWG URL Pattern Standard (https://urlpattern.spec.whatwg.org/) in plain Java:
 * {@link org.sw4j.webapi.urlpattern.UrlPattern} with its constructors, getters, {@code test} and
 * {@code exec}. The standard's ECMAScript regular expressions are translated to {@code java.util.regex};
 * regexp groups that cannot be translated faithfully are rejected with a TypeError.
 */
package org.sw4j.webapi.urlpattern;
