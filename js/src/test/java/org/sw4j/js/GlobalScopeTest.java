package org.sw4j.js;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ServiceWorkerGlobalScope's members, as a script sees them. */
class GlobalScopeTest {
    @TempDir
    Path dir;

    @Test
    void theGlobalIsAServiceWorkerGlobalScope() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    console.log(self === globalThis, self instanceof ServiceWorkerGlobalScope,
                      self instanceof WorkerGlobalScope, self instanceof EventTarget,
                      Object.prototype.toString.call(self), String(Object.getPrototypeOf(ServiceWorkerGlobalScope.prototype) === WorkerGlobalScope.prototype));
                    try { new ServiceWorkerGlobalScope(); } catch (e) { console.log(e.constructor.name, e.message); }
                    console.log(typeof addEventListener, Object.getOwnPropertyDescriptor(globalThis, 'setTimeout').enumerable);
                    """);
            w.assertOutput("true true true true [object ServiceWorkerGlobalScope] true", "TypeError Illegal constructor",
                    "function false");
        }
    }

    @Test
    void locationIsTheScriptUrl() {
        try (var w = new WorkerFixture(dir)) {
            w.file("sub dir/sw.js", """
                    const l = location;
                    console.log(l instanceof WorkerLocation, String(l), l.href, l.origin, l.protocol, l.host, l.hostname,
                      JSON.stringify(l.port), l.pathname, JSON.stringify(l.search), JSON.stringify(l.hash), self.origin, isSecureContext);
                    """);
            WorkerFixture.awaitIdle(w.start("sub%20dir/sw.js", org.sw4j.core.version.WorkerType.CLASSIC));
            w.assertOutput("true http://localhost/sub%20dir/sw.js http://localhost/sub%20dir/sw.js http://localhost http: "
                    + "localhost localhost \"\" /sub%20dir/sw.js \"\" \"\" http://localhost true");
        }
    }

    @Test
    void navigatorDescribesTheAgent() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const n = navigator;
                    console.log(n instanceof WorkerNavigator, n.userAgent.includes('sw4j'), n.onLine, n.hardwareConcurrency > 0,
                      n.language, n.languages.join(','), Object.isFrozen(n.languages), n.appName, n.product);
                    """);
            // This fixture's host has no Fetcher (Fetcher.NONE): no network, so navigator.onLine is false.
            w.assertOutput("true true false true en-US en-US,en true Netscape Gecko");
        }
    }

    @Test
    void cryptoGivesRandomValuesAndUuids() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const a = crypto.getRandomValues(new Uint8Array(64));
                    const b = crypto.getRandomValues(new Uint32Array(new ArrayBuffer(40), 8, 4));
                    console.log(a.some((x) => x !== 0), b.length, b.some((x) => x !== 0));
                    console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
                      crypto.randomUUID() !== crypto.randomUUID());
                    for (const bad of [() => crypto.getRandomValues(new Float32Array(4)), () => crypto.getRandomValues(new Uint8Array(65537)),
                                       () => crypto.getRandomValues([1, 2])]) {
                      try { bad(); } catch (e) { console.log(e.name, e.code ?? '-'); }
                    }
                    console.log(crypto.getRandomValues(new Uint8Array(65536)).length);
                    """);
            w.assertOutput("true 4 true", "true true", "TypeMismatchError 17", "QuotaExceededError 22", "TypeError -", "65536");
        }
    }

    @Test
    void domExceptionFollowsWebIdl() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const e = new DOMException('gone', 'NotFoundError');
                    console.log(e instanceof Error, e.name, e.message, e.code, DOMException.NOT_FOUND_ERR, e.NOT_FOUND_ERR,
                      String(e), Object.prototype.toString.call(e), Object.keys(e).length);
                    const d = new DOMException();
                    console.log(JSON.stringify(d.name), JSON.stringify(d.message), d.code, new DOMException('x', 'EncodingError').code);
                    function thrower() { throw new DOMException('deep', 'AbortError'); }
                    try { thrower(); } catch (x) { console.log(x.stack.split('\\n').slice(0, 2).join(' | ')); }
                    """);
            w.assertOutput("true NotFoundError gone 8 8 8 NotFoundError: gone [object DOMException] 0",
                    "\"Error\" \"\" 0 0", "AbortError: deep |     at thrower (http://localhost/sw.js:6:28)");
        }
    }

    @Test
    void eventTargetDispatchFollowsTheDomStandard() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const t = new EventTarget();
                    const log = [];
                    const once = () => log.push('once');
                    t.addEventListener('x', once, { once: true });
                    t.addEventListener('x', once, { once: true }); // a duplicate is ignored
                    t.addEventListener('x', { handleEvent(e) { log.push('object ' + (this !== t)); } });
                    t.addEventListener('x', (e) => { log.push('capture'); }, true);
                    t.addEventListener('x', (e) => { log.push('stop'); e.stopImmediatePropagation(); });
                    t.addEventListener('x', () => log.push('never'));
                    t.dispatchEvent(new Event('x'));
                    t.dispatchEvent(new Event('x'));
                    console.log(log.join(','));
                    """);
            w.assertOutput("capture,once,object true,stop,capture,object true,stop");
        }
    }

    @Test
    void passiveListenersCannotCancelAndSignalsRemoveListeners() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const t = new EventTarget();
                    t.addEventListener('p', (e) => e.preventDefault(), { passive: true });
                    console.log('passive', t.dispatchEvent(new Event('p', { cancelable: true })));
                    t.addEventListener('c', (e) => e.preventDefault());
                    console.log('active', t.dispatchEvent(new Event('c', { cancelable: true })), t.dispatchEvent(new Event('c')));
                    const controller = new AbortController();
                    let calls = 0;
                    t.addEventListener('s', () => calls++, { signal: controller.signal });
                    t.dispatchEvent(new Event('s'));
                    controller.abort();
                    t.dispatchEvent(new Event('s'));
                    t.addEventListener('s', () => calls++, { signal: controller.signal }); // already aborted: not added
                    t.dispatchEvent(new Event('s'));
                    console.log('calls', calls);
                    """);
            w.assertOutput("passive true", "active false true", "calls 1");
        }
    }

    @Test
    void eventHandlerAttributesKeepTheirPlace() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const log = [];
                    self.addEventListener('message', () => log.push('first'));
                    self.onmessage = () => log.push('handler v1');
                    self.addEventListener('message', () => log.push('last'));
                    self.onmessage = () => log.push('handler v2');
                    self.dispatchEvent(new Event('message'));
                    self.onmessage = null;
                    self.dispatchEvent(new Event('message'));
                    console.log(log.join(','), self.onmessage, typeof self.oninstall, typeof self.onfetch);
                    self.onmessage = 'not callable';
                    console.log(self.onmessage);
                    """);
            w.assertOutput("first,handler v2,last,first,last null object object", "null");
        }
    }

    @Test
    void bareGlobalOperationsWork() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    addEventListener('custom', (e) => console.log('got', e.type, e.target === self));
                    dispatchEvent(new Event('custom'));
                    """);
            w.assertOutput("got custom true");
        }
    }

    @Test
    void abortControllerAndSignals() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const c = new AbortController();
                    c.signal.onabort = (e) => console.log('onabort', e.type, e.isTrusted);
                    c.signal.addEventListener('abort', () => console.log('listener'));
                    c.abort();
                    c.abort('ignored second time');
                    console.log(c.signal.aborted, c.signal.reason.name, c.signal.reason.code);
                    try { c.signal.throwIfAborted(); } catch (e) { console.log('threw', e === c.signal.reason); }
                    const r = AbortSignal.abort('why');
                    console.log(r.aborted, r.reason);
                    const a = new AbortController(), b = new AbortController();
                    const any = AbortSignal.any([a.signal, b.signal]);
                    any.onabort = () => console.log('any aborted with', any.reason);
                    b.abort('b reason');
                    console.log(AbortSignal.any([AbortSignal.abort(1), AbortSignal.abort(2)]).reason);
                    try { new AbortSignal(); } catch (e) { console.log(e.constructor.name); }
                    const t = AbortSignal.timeout(10);
                    t.onabort = () => console.log('timeout', t.reason.name, t.reason.code);
                    setTimeout(() => {}, 40); // keeps the worker busy until the timeout has fired
                    """);
            w.assertOutput("onabort abort true", "listener", "true AbortError 20", "threw true", "true why",
                    "any aborted with b reason", "1", "TypeError", "timeout TimeoutError 23");
        }
    }

    @Test
    void anUnreferencedTimeoutSignalDoesNotKeepTheWorkerBusy() {
        try (var w = new WorkerFixture(dir)) {
            long start = System.nanoTime();
            w.run("AbortSignal.timeout(60000).onabort = () => console.log('must not wait for this');");
            org.assertj.core.api.Assertions.assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
            w.assertOutput();
        }
    }
}
