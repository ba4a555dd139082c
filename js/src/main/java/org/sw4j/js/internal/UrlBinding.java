package org.sw4j.js.internal;

/** The host operations behind the JavaScript Url bindings. */
final class UrlBinding {
    private UrlBinding() {}

    /** Adds this binding's host operations to {@code host}; {@code scope} is the scope they serve. */
    static void define(HostFunctions host, GlobalScope scope) {
    }
}
