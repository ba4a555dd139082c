package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML event loop's ordering: one task, then every microtask; timers are tasks. */
class EventLoopTest {
    @TempDir
    Path dir;

    @Test
    void microtasksRunBeforeTheNextTask() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    console.log('script start');
                    setTimeout(() => console.log('setTimeout'), 0);
                    Promise.resolve().then(() => console.log('promise1')).then(() => console.log('promise2'));
                    queueMicrotask(() => console.log('microtask'));
                    console.log('script end');
                    """);
            w.assertOutput("script start", "script end", "promise1", "microtask", "promise2", "setTimeout");
        }
    }

    @Test
    void microtasksQueuedByATimerRunBeforeTheNextTimer() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    setTimeout(() => {
                      console.log('timeout 1');
                      Promise.resolve().then(() => console.log('promise inside timeout 1'));
                    }, 0);
                    setTimeout(() => console.log('timeout 2'), 0);
                    """);
            w.assertOutput("timeout 1", "promise inside timeout 1", "timeout 2");
        }
    }

    @Test
    void timersRunInOrderOfDueTimeThenOfCreation() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    setTimeout(() => console.log('400'), 400);
                    setTimeout(() => console.log('0a'), 0);
                    setTimeout(() => console.log('200'), 200);
                    setTimeout(() => console.log('0b'));
                    setTimeout(() => console.log('negative'), -5);
                    """);
            // Delays far apart: on a loaded machine evaluating these lines can take milliseconds,
            // which would rightly put a 10 ms timer before a 0 ms one created later.
            w.assertOutput("0a", "0b", "negative", "200", "400");
        }
    }

    @Test
    void timeoutArgumentsAndStringHandlers() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    setTimeout((a, b) => console.log('args', a, b), 0, 'x', 42);
                    setTimeout("console.log('from a string', typeof self)", 0);
                    const id = setTimeout(() => console.log('cleared'), 0);
                    clearTimeout(id);
                    clearTimeout(12345); clearTimeout(); clearInterval('nonsense');
                    console.log(typeof id, id > 0);
                    """);
            w.assertOutput("number true", "args x 42", "from a string object");
        }
    }

    @Test
    void intervalRepeatsUntilCleared() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    let n = 0;
                    const id = setInterval(() => {
                      n++;
                      console.log('tick', n);
                      if (n === 3) clearInterval(id);
                    }, 1);
                    """);
            w.assertOutput("tick 1", "tick 2", "tick 3");
        }
    }

    @Test
    void nestedTimersAreClampedToFourMillisecondsAfterFiveLevels() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const times = [];
                    let last = performance.now();
                    function step(level) {
                      const now = performance.now();
                      times.push(now - last);
                      last = now;
                      if (level < 12) setTimeout(step, 0, level + 1);
                      else {
                        // Levels 1-5 are not clamped; from the 6th nested timeout on, the delay is >= 4 ms.
                        const clamped = times.slice(6).every((t) => t >= 3.9);
                        const early = Math.min(...times.slice(1, 5)) < 3.9;
                        console.log('clamped after 5 levels:', clamped, 'early unclamped:', early);
                      }
                    }
                    setTimeout(step, 0, 1);
                    """);
            w.assertOutput("clamped after 5 levels: true early unclamped: true");
        }
    }

    @Test
    void anExceptionInATaskIsReportedAndTheLoopGoesOn() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    setTimeout(() => { throw new TypeError('boom'); }, 0);
                    setTimeout(() => console.log('still running'), 1);
                    """);
            assertThat(w.output()).last().isEqualTo("still running");
            assertThat(w.output().get(0)).startsWith("Uncaught TypeError: boom");
            assertThat(w.uncaught()).singleElement().satisfies(f -> {
                assertThat(f.name()).isEqualTo("TypeError");
                assertThat(f.message()).isEqualTo("boom");
                assertThat(f.stack()).contains("http://localhost/sw.js:1:");
            });
        }
    }

    @Test
    void errorEventsCanHandleExceptions() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    self.addEventListener('error', (e) => {
                      console.log(e instanceof ErrorEvent, e.isTrusted, e.cancelable, e.message, e.filename, e.lineno, e.error.message);
                      e.preventDefault();
                    });
                    setTimeout(() => { throw new Error('handled'); }, 0);
                    """);
            w.assertOutput("true true true Uncaught Error: handled http://localhost/sw.js 5 handled");
            assertThat(w.uncaught()).isEmpty();
        }
    }

    @Test
    void onerrorReturningTrueCancelsTheReport() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    self.onerror = (message, filename, lineno, colno, error) => {
                      console.log('onerror', message, filename, lineno, error instanceof RangeError);
                      return true;
                    };
                    queueMicrotask(() => { throw new RangeError('r'); });
                    """);
            w.assertOutput("onerror Uncaught RangeError: r http://localhost/sw.js 5 true");
            assertThat(w.uncaught()).isEmpty();
        }
    }

    @Test
    void reportErrorReportsWithoutThrowing() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    reportError(new Error('reported'));
                    console.log('after');
                    """);
            assertThat(w.output()).containsExactly("Uncaught Error: reported\n    at http://localhost/sw.js:1:13", "after");
            assertThat(w.uncaught()).hasSize(1);
        }
    }

    @Test
    void unhandledRejectionsFireAnEventAfterTheMicrotaskCheckpoint() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    self.addEventListener('unhandledrejection', (e) => {
                      console.log('unhandledrejection', e instanceof PromiseRejectionEvent, e.reason.message, e.promise === p);
                      e.preventDefault();
                    });
                    const p = Promise.reject(new Error('nobody listens'));
                    const q = Promise.reject(new Error('caught in time'));
                    q.catch(() => console.log('caught'));
                    console.log('sync end');
                    """);
            w.assertOutput("sync end", "caught", "unhandledrejection true nobody listens true");
            assertThat(w.uncaught()).isEmpty();
        }
    }

    @Test
    void anUnhandledRejectionNobodyCancelsIsAnUncaughtError() {
        try (var w = new WorkerFixture(dir)) {
            w.run("Promise.reject(new TypeError('lost'));");
            assertThat(w.output()).singleElement().asString().startsWith("Uncaught (in promise) TypeError: lost");
            assertThat(w.uncaught()).singleElement().extracting(f -> f.name()).isEqualTo("TypeError");
        }
    }

    @Test
    void performanceNowIsMonotonicAndRelativeToTimeOrigin() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const a = performance.now();
                    const b = performance.now();
                    console.log(a >= 0, b >= a, Math.abs(performance.timeOrigin + b - Date.now()) < 1000,
                      JSON.stringify(performance.toJSON()) === JSON.stringify({timeOrigin: performance.timeOrigin}));
                    """);
            w.assertOutput("true true true true");
        }
    }
}
