package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * URL and URLSearchParams as WebIDL interfaces, and URLSearchParams' behaviour after WPT's
 * {@code url/urlsearchparams-*.any.js}. The parsing and setter vectors run in {@link UrlBindingWptTest}.
 */
class UrlBindingTest {
    /** Script helpers: `attempt(fn)` prints an exception's constructor; `pairs(params)` prints its list. */
    private static final String HELPERS = """
            const attempt = (fn) => { try { return fn(); } catch (e) { return `${e.constructor.name}`; } };
            const pairs = (params) => JSON.stringify([...params]);
            """;

    @TempDir
    Path dir;

    private List<String> output(String script) {
        return WorkerFixture.outputOf(dir, HELPERS + script);
    }

    @Test
    void interfacesLookAsWebIdlDefinesThem() {
        assertThat(output("""
                const url = new URL('http://example.com/?a=1');
                const params = url.searchParams;
                const iterator = params.entries();
                console.log(String(url), Object.prototype.toString.call(url), Object.prototype.toString.call(params),
                  Object.prototype.toString.call(iterator));
                console.log(URL.length, URL.parse.length, URL.canParse.length, URLSearchParams.length);
                console.log(['append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'forEach', 'keys', 'values',
                  'entries', 'toString'].map((name) => `${name}:${URLSearchParams.prototype[name].length}`).join(' '));
                console.log(Object.keys(URL.prototype).join());
                console.log(Object.keys(URL).join());
                console.log(Object.keys(URLSearchParams.prototype).join());
                console.log(URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries,
                  Object.getOwnPropertyDescriptor(URLSearchParams.prototype, Symbol.iterator).enumerable);
                const iteratorPrototype = Object.getPrototypeOf(iterator);
                console.log(Object.getPrototypeOf(iteratorPrototype) === Object.getPrototypeOf(Object.getPrototypeOf([].keys())),
                  Object.getOwnPropertyNames(iteratorPrototype).join(), Object.keys(iteratorPrototype).join(),
                  iteratorPrototype.next.length);
                console.log(url instanceof URL, params instanceof URLSearchParams, URL.parse('http://a/') instanceof URL,
                  Object.getOwnPropertyDescriptor(globalThis, 'URL').enumerable);
                """)).containsExactly(
                "http://example.com/?a=1 [object URL] [object URLSearchParams] [object URLSearchParams Iterator]",
                "1 1 1 0",
                "append:2 delete:1 get:1 getAll:1 has:1 set:2 sort:0 forEach:1 keys:0 values:0 entries:0 toString:0",
                "href,origin,protocol,username,password,host,hostname,port,pathname,search,searchParams,hash,toJSON,toString",
                "parse,canParse",
                "size,append,delete,get,getAll,has,set,sort,forEach,keys,values,entries,toString",
                "true false",
                "true next next 0",
                "true true true false");
    }

    @Test
    void wrongReceiversAndMissingArgumentsAreTypeErrors() {
        assertThat(output("""
                const href = Object.getOwnPropertyDescriptor(URL.prototype, 'href');
                const params = new URLSearchParams('a=1');
                console.log([
                  () => URL('http://a/'),
                  () => new URL(),
                  () => new URL('relative'),
                  () => new URL('/path', 'not a base'),
                  () => new URL(Symbol()),
                  () => URL.canParse(),
                  () => URL.parse(),
                  () => href.get.call({}),
                  () => href.set.call(params, 'http://a/'),
                  () => URL.prototype.toJSON.call(params),
                  () => URLSearchParams.prototype.get.call(new URL('http://a/'), 'a'),
                  () => URLSearchParams.prototype.keys.call({}),
                  () => Object.getOwnPropertyDescriptor(URLSearchParams.prototype, 'size').get.call({}),
                  () => params.append('a'),
                  () => params.get(),
                  () => params.set('a'),
                  () => params.forEach(),
                  () => params.forEach({}),
                  () => params.entries().next.call({}),
                  () => new URLSearchParams([['a']]),
                  () => new URLSearchParams([['a', 'b', 'c']]),
                  () => new URLSearchParams(['ab']),
                  () => new URLSearchParams([1]),
                  () => new URLSearchParams({ [Symbol()]: 'x' }),
                  () => new URLSearchParams({ [Symbol.iterator]: 1 }),
                ].map(attempt).join());
                // A missing base is no base; a null base is the string "null".
                console.log(new URL('http://a/', undefined).href, attempt(() => new URL('/p', null)),
                  URL.canParse('/p', undefined), URL.canParse('/p', 'http://h'), URL.parse('/p', 'http://h').href);
                """)).containsExactly(
                String.join(",", java.util.Collections.nCopies(25, "TypeError")),
                "http://a/ TypeError false true http://h/p");
    }

    @Test
    void urlAndItsSearchParamsStayInStepBothWays() {
        assertThat(output("""
                const url = new URL('http://example.com/path?a=1&b=2#frag');
                const params = url.searchParams;
                console.log(params === url.searchParams, params.size, params.get('a'));
                params.append('c', 'x y');
                console.log(url.href, url.search);
                url.search = '?d=4';
                console.log(pairs(params), params.size, params.toString());
                url.href = 'http://example.org/?e=5&e=6';
                console.log(params.getAll('e').join(), params === url.searchParams);
                params.set('e', '7');
                console.log(url.href, url.origin);
                params.delete('e');
                console.log(url.href, JSON.stringify(url.search), params.size);
                url.search = '';
                params.append('f', '');
                console.log(url.href);
                url.hash = 'h';
                url.port = '8080';
                console.log(url.href, url.host, url.origin, pairs(params));
                const empty = new URL('http://a/?');
                empty.searchParams.sort();
                console.log(empty.href);
                // The opaque path's last space is escaped once the query is gone (WPT's setters_tests.json agrees).
                const opaque = new URL('data:space    ?test');
                opaque.searchParams.delete('test');
                console.log(JSON.stringify(opaque.href));
                console.log(JSON.stringify({ url: new URL('http://a/b') }), `${new URL('http://a/\\ud800')}`);
                """)).containsExactly(
                "true 2 1",
                "http://example.com/path?a=1&b=2&c=x+y#frag ?a=1&b=2&c=x+y",
                "[[\"d\",\"4\"]] 1 d=4",
                "5,6 true",
                "http://example.org/?e=7 http://example.org",
                "http://example.org/ \"\" 0",
                "http://example.org/?f=",
                "http://example.org:8080/?f=#h example.org:8080 http://example.org:8080 [[\"f\",\"\"]]",
                "http://a/",
                "\"data:space   %20\"",
                "{\"url\":\"http://a/b\"} http://a/%EF%BF%BD");
    }

    @Test
    void constructorAcceptsStringsSequencesAndRecords() {
        assertThat(output("""
                console.log(pairs(new URLSearchParams()), pairs(new URLSearchParams('')), pairs(new URLSearchParams(undefined)));
                console.log(pairs(new URLSearchParams('?a=b&c=d')), pairs(new URLSearchParams('??a=b')), pairs(new URLSearchParams('a=b&&=&c')));
                console.log(new URLSearchParams(null).toString(), new URLSearchParams(12).toString());
                console.log(pairs(new URLSearchParams([['a', 'b'], ['c', 'd'], ['a', 'e']])), pairs(new URLSearchParams([])));
                console.log(pairs(new URLSearchParams([new Set(['x', 'y'])])), pairs(new URLSearchParams([[1, null]])));
                console.log(pairs(new URLSearchParams({ a: '1', b: 2, c: undefined })));
                const other = new URLSearchParams('x=1&y=2');
                const copy = new URLSearchParams(other);
                copy.append('z', '3');
                console.log(pairs(copy), other.toString());
                // Two keys converting to the same USVString: one entry, at the first key's place, with the last value.
                const collapsed = new URLSearchParams({ '\\ud835x': '1', y: '2', '\\ufffdx': '3' });
                console.log(pairs(collapsed), collapsed.size);
                const hidden = Object.create({ inherited: 'no' }, { own: { value: 'yes', enumerable: true },
                  hiddenOwn: { value: 'no', enumerable: false } });
                console.log(pairs(new URLSearchParams(hidden)));
                console.log(pairs(new URLSearchParams([['\\ud800', '\\udc00x']])));
                """)).containsExactly(
                "[] [] []",
                "[[\"a\",\"b\"],[\"c\",\"d\"]] [[\"?a\",\"b\"]] [[\"a\",\"b\"],[\"\",\"\"],[\"c\",\"\"]]",
                "null= 12=",
                "[[\"a\",\"b\"],[\"c\",\"d\"],[\"a\",\"e\"]] []",
                "[[\"x\",\"y\"]] [[\"1\",\"null\"]]",
                "[[\"a\",\"1\"],[\"b\",\"2\"],[\"c\",\"undefined\"]]",
                "[[\"x\",\"1\"],[\"y\",\"2\"],[\"z\",\"3\"]] x=1&y=2",
                "[[\"\uFFFDx\",\"3\"],[\"y\",\"2\"]] 2",
                "[[\"own\",\"yes\"]]",
                "[[\"\uFFFD\",\"\uFFFDx\"]]");
    }

    @Test
    void plusAndPercentTwentyAreSpacesAndSerializationEscapes() {
        assertThat(output("""
                const params = new URLSearchParams('a=b+c&d=e%20f&g=h%2Bi&j=%zz&k=%C3%A9&l=%FF');
                console.log(JSON.stringify([params.get('a'), params.get('d'), params.get('g'), params.get('j'),
                  params.get('k'), params.get('l')]));
                const built = new URLSearchParams();
                built.append('a b', 'c&d');
                built.append('=', '~*-._+');
                built.append('é', '😀');
                console.log(built.toString());
                const url = new URL('http://a/?q=a%20b');
                url.searchParams.append('r', 'c d');
                console.log(url.search);
                """)).containsExactly(
                "[\"b c\",\"e f\",\"h+i\",\"%zz\",\"é\",\"\uFFFD\"]",
                "a+b=c%26d&%3D=%7E*-._%2B&%C3%A9=%F0%9F%98%80",
                "?q=a+b&r=c+d");
    }

    @Test
    void accessorsFollowTheStandard() {
        assertThat(output("""
                const params = new URLSearchParams('a=1&b=2&a=3&c');
                console.log(params.get('a'), params.get('z'), JSON.stringify(params.getAll('a')), params.getAll('z').length);
                console.log(params.has('a'), params.has('a', '3'), params.has('a', '2'), params.has('a', undefined), params.has('z'));
                params.delete('a', '3');
                console.log(params.toString());
                params.delete('a', undefined);
                console.log(params.toString());
                params.append('b', '4');
                params.append('d', '5');
                params.set('b', '6');
                console.log(params.toString(), params.size);
                params.set('e', '7');
                console.log(params.toString(), params.size);
                """)).containsExactly(
                "1 null [\"1\",\"3\"] 0",
                "true true false true false",
                "a=1&b=2&c=",
                "b=2&c=",
                "b=6&c=&d=5 3",
                "b=6&c=&d=5&e=7 4");
    }

    @Test
    void sortIsStableAndComparesCodeUnits() {
        assertThat(output("""
                for (const input of ['z=b&a=b&z=a&a=a', '\\ufffd=x&\\ufffc&\\ufffd=a', 'ﬃ&🌈', 'é&e\\ufffd&e\\u0301',
                  'z=z&a=a&z=y&a=b&z=x&a=c&z=w&a=d&z=v&a=e&z=u&a=f&z=t&a=g', 'bbb&bb&aaa&aa=x&aa=y']) {
                  const params = new URLSearchParams(input);
                  params.sort();
                  console.log(pairs(params));
                }
                const url = new URL('http://example.com/?z=1&a=2#x');
                url.searchParams.sort();
                console.log(url.href);
                """)).containsExactly(
                "[[\"a\",\"b\"],[\"a\",\"a\"],[\"z\",\"b\"],[\"z\",\"a\"]]",
                "[[\"\uFFFC\",\"\"],[\"\uFFFD\",\"x\"],[\"\uFFFD\",\"a\"]]",
                "[[\"🌈\",\"\"],[\"ﬃ\",\"\"]]",
                "[[\"e\u0301\",\"\"],[\"e\uFFFD\",\"\"],[\"é\",\"\"]]",
                "[[\"a\",\"a\"],[\"a\",\"b\"],[\"a\",\"c\"],[\"a\",\"d\"],[\"a\",\"e\"],[\"a\",\"f\"],[\"a\",\"g\"],"
                        + "[\"z\",\"z\"],[\"z\",\"y\"],[\"z\",\"x\"],[\"z\",\"w\"],[\"z\",\"v\"],[\"z\",\"u\"],[\"z\",\"t\"]]",
                "[[\"aa\",\"x\"],[\"aa\",\"y\"],[\"aaa\",\"\"],[\"bb\",\"\"],[\"bbb\",\"\"]]",
                "http://example.com/?a=2&z=1#x");
    }

    @Test
    void iteratorsAndForEachSeeChangesMadeWhileIterating() {
        assertThat(output("""
                const params = new URLSearchParams('a=1&b=2&c=3');
                console.log([...params.keys()].join(), [...params.values()].join(), JSON.stringify([...params.entries()]));
                // Deleting the current entry skips the next one, as WPT's "delete current param during iteration".
                const url = new URL('http://localhost/query?param0=0&param1=1&param2=2');
                const seen = [];
                for (const [name] of url.searchParams) {
                  seen.push(name);
                  url.searchParams.delete(name);
                }
                console.log(seen.join(), url.search);
                // A URL setter replaces the list under a running iterator.
                const other = new URL('http://a.b/c?a=1&b=2&c=3&d=4');
                const visited = [];
                for (const entry of other.searchParams) {
                  other.search = 'x=1&y=2&z=3';
                  visited.push(entry.join('='));
                }
                console.log(visited.join());
                // An exhausted iterator is not closed: entries appended later are still returned.
                const iterator = params.keys();
                console.log([...iterator].join(), JSON.stringify(iterator.next()));
                params.append('d', '4');
                console.log(JSON.stringify(iterator.next()), JSON.stringify(iterator.next()));
                const calls = [];
                const receiver = {};
                params.forEach(function (value, name, target) {
                  calls.push(`${name}=${value}`);
                  if (this !== receiver || target !== params) {
                    calls.push('wrong this or target');
                  }
                  if (name === 'a') {
                    params.append('e', '5');
                  }
                }, receiver);
                console.log(calls.join());
                """)).containsExactly(
                "a,b,c 1,2,3 [[\"a\",\"1\"],[\"b\",\"2\"],[\"c\",\"3\"]]",
                "param0,param2 ?param1=1",
                "a=1,y=2,z=3",
                "a,b,c {\"done\":true}",
                "{\"value\":\"d\",\"done\":false} {\"done\":true}",
                "a=1,b=2,c=3,d=4,e=5");
    }
}
