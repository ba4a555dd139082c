package org.sw4j.js.serviceworker;

import org.sw4j.core.engine.LifecycleContract;
import org.sw4j.core.spi.WorkerHost;
import org.sw4j.js.GraalWorkerHost;

/** The core's lifecycle contract with real JavaScript workers on GraalJS. */
class GraalLifecycleTest extends LifecycleContract {

    @Override
    protected WorkerHost newHost() {
        return GraalWorkerHost.builder().build();
    }

    @Override
    protected void closeHost(WorkerHost host) {
        ((GraalWorkerHost) host).close();
    }

    @Override
    protected String source(Script script) {
        return switch (script) {
            case Script.Respond r -> """
                    self.addEventListener('install', () => {});
                    self.addEventListener('activate', () => {});
                    self.addEventListener('fetch', (event) => event.respondWith(new Response(%s)));
                    """.formatted(quote(r.text()));
            case Script.SkipWaitingRespond r -> """
                    self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));
                    self.addEventListener('fetch', (event) => event.respondWith(new Response(%s)));
                    """.formatted(quote(r.text()));
            case Script.ClaimRespond r -> """
                    self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
                    self.addEventListener('fetch', (event) => event.respondWith(new Response(%s)));
                    """.formatted(quote(r.text()));
            case Script.FailInstall f -> """
                    self.addEventListener('install', (event) => event.waitUntil(Promise.reject(new Error('no space'))));
                    """;
            case Script.Counter c -> """
                    let count = 0;
                    self.addEventListener('fetch', (event) => event.respondWith(new Response(String(++count))));
                    """;
            case Script.HangFetch h -> """
                    self.addEventListener('fetch', (event) => event.respondWith(new Promise(() => {})));
                    """;
            case Script.NoFetch n -> """
                    self.addEventListener('install', () => {});
                    """;
            case Script.Broken b -> """
                    throw new Error('broken at evaluation');
                    """;
            case Script.LingeringFetch l -> """
                    self.addEventListener('fetch', (event) => {
                      event.respondWith(new Response(%s));
                      event.waitUntil(new Promise((resolve) => setTimeout(resolve, %d)));
                    });
                    """.formatted(quote(l.text()), l.millis());
            case Script.StuckInstall s -> """
                    self.addEventListener('install', (event) => {
                            event.waitUntil(new Promise(() => {}));
                    });
                    """;
            case Script.Importing i -> """
                    importScripts(%s);
                    self.addEventListener('install', () => {});
                    self.addEventListener('activate', () => {});
                    """.formatted(quote(i.libraryUrl()));
            case Script.ModuleImporting m -> """
                    import { version } from %s;
                    self.addEventListener('install', () => {});
                    self.addEventListener('activate', () => { void version; });
                    """.formatted(quote(m.moduleUrl()));
            case Script.ErrorResponse e -> """
                    self.addEventListener('fetch', (event) => event.respondWith(Response.error()));
                    """;
        };
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
