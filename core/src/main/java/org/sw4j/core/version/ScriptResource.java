package org.sw4j.core.version;

import java.nio.charset.StandardCharsets;

/**
 * One entry of a service worker's script resource map: a script as fetched, byte for byte, so an
 * update check can compare it and a restart can run it without the network.
 *
 * @param url the URL the script was requested with (the map's key)
 * @param responseUrl the response URL after redirects
 * @param contentType the response's Content-Type, or null
 * @param bytes the body
 */
public record ScriptResource(String url, String responseUrl, String contentType, byte[] bytes) {
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
