package org.sw4j.js.internal;

/** The host operations behind the JavaScript Streams bindings. */
final class StreamsBinding {
    private StreamsBinding() {}

    /** Adds this binding's host operations to {@code host}; {@code scope} is the scope they serve. */
    static void define(HostFunctions host, GlobalScope scope) {
    }
}
