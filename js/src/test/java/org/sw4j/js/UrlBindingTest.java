package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlBindingTest {
    @TempDir
    Path dir;

    private List<String> output(String script) {
        return WorkerFixture.outputOf(dir, script);
    }

    @Test
    void smoke() {
        System.out.println(output("""
                const u = new URL('https://a.b/c?x=1&y=2#f');
                console.log(u.href, u.origin, u.search, u.searchParams.get('x'), u.searchParams.size);
                u.searchParams.append('z', 'a b');
                console.log(u.href, u.search);
                u.search = '?q=\\ud800';
                console.log(u.searchParams.get('q'), [...u.searchParams].join('|'));
                try { u.href = 'nope'; } catch (e) { console.log(e.constructor.name, e.message); }
                console.log(URL.canParse('x:'), URL.parse('nope'), String(URL.parse('a', 'http://x/')));
                const b = new Blob(['a\\r\\nb', new Uint8Array([65, 66]), new Blob(['xy'])], {type: 'Text/Plain', endings: 'native'});
                console.log(b.size, b.type, b.slice(-3).size, String(b), Object.prototype.toString.call(new File([], 'n')));
                b.text().then((t) => console.log(JSON.stringify(t)));
                const c = structuredClone(new File(['hi'], 'f.txt', {lastModified: 5}));
                console.log(c.name, c.lastModified, c.size, c instanceof File);
                c.text().then(console.log);
                console.log(typeof ReadableStream);
                """));
    }
}
