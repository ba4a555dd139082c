package org.sw4j.js;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs a streams test script: the body runs inside an async function after the helpers below, and
 * prints {@code done} when it finishes (or {@code FAILED} and the error), so a test that stops
 * early cannot pass.
 */
final class StreamScripts {
    /**
     * {@code tick()} waits one task (every pending microtask has run); {@code why(e)} names a
     * rejection: a plain Error by its message, a DOMException by its name, other errors by their
     * constructor; {@code settled(p)} describes how a promise settles; {@code collect(stream)}
     * reads a stream to its end; {@code hex(bytes)}; {@code attempt(fn)} is 'ok' or what fn threw.
     */
    static final String HELPERS = """
            const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
            const why = (e) => {
              if (e === null || (typeof e !== 'object' && typeof e !== 'function')) return String(e);
              if (e instanceof DOMException) return e.name;
              if (e instanceof Error && e.constructor === Error) return e.message;
              return e.constructor.name;
            };
            const settled = (p) => p.then(
              (v) => `fulfilled ${v !== null && typeof v === 'object' ? JSON.stringify(v) : v}`,
              (e) => `rejected ${why(e)}`);
            const collect = async (stream) => { const out = []; for await (const chunk of stream) out.push(chunk); return out; };
            const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
            const attempt = (fn) => { try { fn(); return 'ok'; } catch (e) { return why(e); } };
            const error1 = new Error('error1');
            const error2 = new Error('error2');
            """;

    private StreamScripts() {}

    /** The console output of {@code body}, run as an async function in a worker; ends with "done". */
    static List<String> run(Path dir, String body) {
        return WorkerFixture.outputOf(dir, HELPERS + "(async () => {\n" + body
                + "\n})().then(() => console.log('done'), (e) => console.log('FAILED', e && e.stack || e));\n");
    }
}
