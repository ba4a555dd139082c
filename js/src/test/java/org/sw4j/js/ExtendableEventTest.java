package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.ExtendableEventResult;

/** Service Workers' ExtendableEvent: waitUntil() and the extend-lifetime rules. */
class ExtendableEventTest {
    @TempDir
    Path dir;

    @Test
    void installWaitsForEveryLifetimePromise() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    self.addEventListener('install', (event) => {
                      console.log(event instanceof InstallEvent, event instanceof ExtendableEvent, event.isTrusted);
                      event.waitUntil(new Promise((resolve) => setTimeout(() => { console.log('slow done'); resolve(); }, 30)));
                      event.waitUntil(Promise.resolve().then(() => console.log('fast done')));
                    });
                    """);
            ExtendableEventResult result = WorkerFixture.dispatch(worker, "install");
            assertThat(result.succeeded()).isTrue();
            w.assertOutput("true true true", "fast done", "slow done");
        }
    }

    @Test
    void aRejectedLifetimePromiseFailsTheEventWithItsReason() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    self.oninstall = (event) => {
                      event.waitUntil(Promise.resolve());
                      event.waitUntil(Promise.reject(new TypeError('cache.addAll failed')));
                    };
                    """);
            ExtendableEventResult result = WorkerFixture.dispatch(worker, "install");
            assertThat(result.succeeded()).isFalse();
            assertThat(result.rejection().orElseThrow().describe()).isEqualTo("TypeError: cache.addAll failed");
        }
    }

    @Test
    void anExceptionInAListenerDoesNotFailTheEvent() {
        // Install's outcome is decided by lifetime promises only; a throwing listener is reported.
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("self.addEventListener('install', () => { throw new Error('listener threw'); });");
            assertThat(WorkerFixture.dispatch(worker, "install").succeeded()).isTrue();
            assertThat(w.uncaught()).singleElement().extracting(f -> f.message()).isEqualTo("listener threw");
        }
    }

    @Test
    void waitUntilIsAllowedWhilePromisesArePendingAfterDispatch() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    self.addEventListener('activate', (event) => {
                      event.waitUntil(new Promise((resolve) => setTimeout(() => {
                        // Still pending, so the lifetime can be extended from here.
                        event.waitUntil(new Promise((r) => setTimeout(() => { console.log('extended'); r(); }, 10)));
                        resolve();
                      }, 10)));
                    });
                    """);
            assertThat(WorkerFixture.dispatch(worker, "activate").succeeded()).isTrue();
            w.assertOutput("extended");
        }
    }

    @Test
    void waitUntilAfterTheEventFinishedThrowsInvalidStateError() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    self.addEventListener('activate', (event) => {
                      setTimeout(() => {
                        try { event.waitUntil(Promise.resolve()); console.log('no error'); }
                        catch (e) { console.log(e instanceof DOMException, e.name, e.code); }
                      }, 0);
                    });
                    """);
            WorkerFixture.dispatch(worker, "activate");
            WorkerFixture.awaitIdle(worker);
            w.assertOutput("true InvalidStateError 11");
        }
    }

    @Test
    void waitUntilOnAnUntrustedEventThrowsInvalidStateError() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    self.addEventListener('custom', (event) => {
                      try { event.waitUntil(Promise.resolve()); console.log('no error'); }
                      catch (e) { console.log(e.name, event.isTrusted); }
                    });
                    console.log(self.dispatchEvent(new ExtendableEvent('custom')));
                    """);
            w.assertOutput("InvalidStateError false", "true");
        }
    }

    @Test
    void waitUntilRequiresAnArgument() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    self.addEventListener('install', (event) => {
                      try { event.waitUntil(); } catch (e) { console.log(e.constructor.name, e.message); }
                    });
                    """);
            WorkerFixture.dispatch(worker, "install");
            w.assertOutput("TypeError Failed to execute 'waitUntil' on 'ExtendableEvent': 1 argument required, but only 0 present.");
        }
    }

    @Test
    void lateFunctionalEventListenersAreWarnedAbout() {
        try (var w = new WorkerFixture(dir)) {
            w.run("setTimeout(() => self.addEventListener('fetch', () => {}), 0);");
            assertThat(w.lines()).singleElement().satisfies(line -> {
                assertThat(line.level()).isEqualTo(ConsoleSink.Level.WARN);
                assertThat(line.text()).isEqualTo("Event handler of 'fetch' event must be added on the initial evaluation of worker script.");
            });
        }
    }
}
