package org.sw4j.core.spi;

/**
 * A JavaScript exception as the host saw it, detached from the engine.
 *
 * @param name the error's name ("TypeError", "NetworkError", ...), or "Error" for a thrown
 *     non-error value
 * @param message the error's message, or the thrown value's string form
 * @param stack the JavaScript stack, or the message when there is none
 */
public record ScriptFailure(String name, String message, String stack) {
    /** "Name: message", as a browser's console heads an uncaught error. */
    public String describe() {
        if (name.isEmpty()) {
            return message;
        }
        return message == null || message.isEmpty() ? name : name + ": " + message;
    }
}
