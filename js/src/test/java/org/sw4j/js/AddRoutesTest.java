package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InstallEvent.addRoutes() as script sees it, on a worker run on its own (WorkerServices.standalone
 * keeps the rules): its Web IDL shape, conversions and errors. Routing itself is tested through the
 * Java API (agent's StaticRoutingTest).
 */
class AddRoutesTest {
    @TempDir
    Path dir;

    @Test
    void addRoutesConvertsVerifiesAndOnlyWorksWhileTheInstallEventIsActive() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    const outcome = (p) => p.then(() => 'ok', (e) => e.name);
                    let install;
                    self.addEventListener('fetch', () => {});
                    self.addEventListener('install', (event) => {
                      install = event;
                      console.log(typeof InstallEvent.prototype.addRoutes, InstallEvent.prototype.addRoutes.length,
                        Object.keys(InstallEvent.prototype).join());
                      const all = [
                        event.addRoutes({ condition: { urlPattern: '/a/*' }, source: 'network' }),
                        event.addRoutes(new Set([{ condition: { urlPattern: new URLPattern({ pathname: '/b' }) },
                          source: { cacheName: 'v1' } }])),
                        event.addRoutes({ condition: { or: [{ requestMode: 'cors' }, { not: { runningStatus: 'running' } }] },
                          source: 'race-network-and-fetch-handler' }),
                        event.addRoutes({ condition: { requestMethod: 'get', requestDestination: 'image',
                          urlPattern: { hostname: 'cdn.example' } }, source: 'fetch-event' }),
                        event.addRoutes(),
                        event.addRoutes(5),
                        event.addRoutes({ condition: {}, source: 'network' }),
                        event.addRoutes({ condition: { requestDestination: 'nope' }, source: 'cache' }),
                        event.addRoutes({ condition: { runningStatus: 'sleeping' }, source: 'cache' }),
                        event.addRoutes({ condition: { urlPattern: '/a' } }),
                        event.addRoutes({ condition: { urlPattern: '/a' }, source: 'fetch' }),
                        event.addRoutes({ condition: { or: 5 }, source: 'network' }),
                        new InstallEvent('install').addRoutes({ condition: { urlPattern: '/a' }, source: 'network' }),
                      ];
                      event.waitUntil(Promise.all(all.map(outcome)).then((names) => console.log(names.join())));
                    });
                    self.addEventListener('activate', (event) => {
                      event.waitUntil(outcome(install.addRoutes({ condition: { urlPattern: '/a' }, source: 'network' }))
                        .then((name) => console.log('after install', name)));
                    });
                    """);
            assertThat(WorkerFixture.dispatch(worker, "install").succeeded()).isTrue();
            assertThat(WorkerFixture.dispatch(worker, "activate").succeeded()).isTrue();
            w.assertOutput("function 1 addRoutes",
                    "ok,ok,ok,ok,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,"
                            + "InvalidStateError",
                    "after install InvalidStateError");
        }
    }
}
