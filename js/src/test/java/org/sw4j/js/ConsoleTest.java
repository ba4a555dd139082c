package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.js.ConsoleSink.Level;
import org.sw4j.js.WorkerFixture.Line;

/**
 * The console namespace: the Console Standard's methods and formatter, with Node's util.format and
 * util.inspect output (each expectation below is what Node 20 prints, except where a test says
 * otherwise).
 */
class ConsoleTest {
    @TempDir
    Path dir;

    /** Runs a worker script and returns its console messages; the script must not throw. */
    private List<Line> lines(String script) {
        try (var worker = new WorkerFixture(dir)) {
            worker.run(script);
            assertThat(worker.uncaught()).isEmpty();
            return worker.lines();
        }
    }

    private List<String> output(String script) {
        return lines(script).stream().map(Line::text).toList();
    }

    @Test
    void formatSpecifiersConsumeArguments() {
        assertThat(output("""
                console.log('%s is %d years', 'Bob', 42.9);
                console.log('%s|%s|%s|%s|%s', 42, -0, 7n, Symbol('s'), null);
                console.log('%s', { toString() { return 'custom'; } });
                console.log('%s', { a: { b: 1 } }, [1, [2, [3]]]);
                console.log('%s', [1, [2, [3]]]);
                console.log('%d|%i|%d|%i|%d|%d', '12abc', 3.9, 'abc', 7n, Symbol('x'), -1.5);
                console.log('%f|%f|%f', '1.5x', 2, 'pi');
                console.log('%j|%j|%j', { a: [1] }, 'str', undefined);
                const cyclic = {}; cyclic.self = cyclic;
                console.log('%j', cyclic);
                console.log('%o', { a: { b: { c: { d: { e: 1 } } } } });
                console.log('%O', { a: { b: { c: { d: 1 } } } });
                console.log('%cstyled%c text', 'color: red', 'font-weight: bold');
                console.log('100%% sure, %s', 'yes');
                console.log('%x is not a specifier, %s is', 'this');
                console.log('%s and %s', 'only one');
                console.log('extra', 'arguments', 1, { a: 1 }, ['s']);
                console.log(1, '%s', 'is not a format string here');
                """)).containsExactly(
                "Bob is 42 years",
                "42|-0|7n|Symbol(s)|null",
                "custom",
                // %s inspects shallowly; arguments left over are inspected in full.
                "{ a: [Object] } [ 1, [ 2, [ 3 ] ] ]",
                "[ 1, [Array] ]",
                // Node's %d would print 42.9 and -1.5; the Console Standard's %d is parseInt.
                "12|3|NaN|7n|NaN|-1",
                "1.5|2|NaN",
                "{\"a\":[1]}|\"str\"|undefined",
                "[Circular]",
                "{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}",
                "{ a: { b: { c: [Object] } } }",
                "styled text",
                "100% sure, yes",
                "%x is not a specifier, this is",
                "only one and %s",
                "extra arguments 1 { a: 1 } [ 's' ]",
                "1 %s is not a format string here");
    }

    @Test
    void stringsPrintRawAtTopLevelAndQuotedWhenNested() {
        assertThat(output("""
                console.log('plain', "it's");
                console.log(['str', "it's", 'say "hi"', `both ' and "`, 'a\\nb', 'tab\\there', 'x\\u0001', '\\ud800']);
                console.log({ 'key-with-dash': 1, valid_id: 2, 3: 'three', "it's": 4 });
                """)).containsExactly(
                "plain it's",
                "[\n  'str',\n  \"it's\",\n  'say \"hi\"',\n  `both ' and \"`,\n  'a\\nb',\n  'tab\\there',\n  'x\\x01',\n  '\\ud800'\n]",
                "{ '3': 'three', 'key-with-dash': 1, valid_id: 2, \"it's\": 4 }");
    }

    @Test
    void inspectsPrimitivesFunctionsAndClasses() {
        assertThat(output("""
                console.log(-0, 0, 1n, NaN, Infinity, Symbol('x'), Symbol(), undefined, null, true);
                function named() {}
                class Base {}
                class Derived extends Base {}
                console.log(named, () => {}, Base, Derived, class {});
                console.log(async function af() {}, function* gen() {}, async function* ag() {}, Math.max);
                console.log(Object.assign(function withProps() {}, { a: 1 }));
                """)).containsExactly(
                "-0 0 1n NaN Infinity Symbol(x) Symbol() undefined null true",
                "[Function: named] [Function (anonymous)] [class Base] [class Derived extends Base] [class (anonymous)]",
                "[AsyncFunction: af] [GeneratorFunction: gen] [AsyncGeneratorFunction: ag] [Function: max]",
                "[Function: withProps] { a: 1 }");
    }

    @Test
    void inspectsArraysWithHolesExtraPropertiesAndLimits() {
        assertThat(output("""
                console.log([1, 2, 3], [], [1, , 3], new Array(5));
                const sparse = []; sparse[3] = 'a'; sparse[10] = 'b'; sparse.length = 15;
                console.log(sparse);
                console.log(Object.assign([1, 2], { extra: 'yes' }));
                console.log(Array.from({ length: 120 }, (_, i) => i % 10));
                console.log(Array.from({ length: 30 }, (_, i) => i * 1000));
                console.log(['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew']);
                """)).containsExactly(
                "[ 1, 2, 3 ] [] [ 1, <1 empty item>, 3 ] [ <5 empty items> ]",
                "[ <3 empty items>, 'a', <6 empty items>, 'b', <4 empty items> ]",
                "[ 1, 2, extra: 'yes' ]",
                """
                [
                  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,
                  2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,
                  4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,
                  6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7,
                  8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,
                  2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,
                  4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,
                  6, 7, 8, 9,
                  ... 20 more items
                ]""",
                """
                [
                      0,  1000,  2000,  3000,  4000,
                   5000,  6000,  7000,  8000,  9000,
                  10000, 11000, 12000, 13000, 14000,
                  15000, 16000, 17000, 18000, 19000,
                  20000, 21000, 22000, 23000, 24000,
                  25000, 26000, 27000, 28000, 29000
                ]""",
                """
                [
                  'apple',
                  'banana',
                  'cherry',
                  'date',
                  'elderberry',
                  'fig',
                  'grape',
                  'honeydew'
                ]""");
    }

    @Test
    void inspectsObjectsKeysPrototypesAndTags() {
        assertThat(output("""
                console.log({ a: 1, 'b-c': 2, [Symbol('s')]: 3 });
                console.log(JSON.parse('{"__proto__": 1}'));
                class Point { constructor() { this.x = 1; this.y = 2; } }
                console.log(new Point(), new (class {})());
                console.log(Object.create(null), Object.assign(Object.create(null), { k: 1 }));
                console.log({ [Symbol.toStringTag]: 'Own' });
                class Tagged { get [Symbol.toStringTag]() { return 'Tag'; } }
                console.log(new Tagged(), Object.create({ [Symbol.toStringTag]: 'Inherited' }));
                console.log({ get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} });
                console.log(Object.defineProperty({ visible: 1 }, 'hidden', { value: 2 }));
                """)).containsExactly(
                "{ a: 1, 'b-c': 2, [Symbol(s)]: 3 }",
                "{ ['__proto__']: 1 }",
                "Point { x: 1, y: 2 } {}",
                "[Object: null prototype] {} [Object: null prototype] { k: 1 }",
                "{ [Symbol(Symbol.toStringTag)]: 'Own' }",
                "Tagged [Tag] {} Object [Inherited] {}",
                "{ a: [Getter], b: [Setter], c: [Getter/Setter] }",
                "{ visible: 1 }");
    }

    @Test
    void limitsDepthAndMarksCircularReferences() {
        assertThat(output("""
                console.log({ a: { b: { c: { d: 1 } } } }, [[[[1]]]]);
                console.log({ a: { b: { c: new Map([[1, 2]]) } } });
                const node = { name: 'node' }; node.self = node; node.children = [node];
                console.log(node);
                const x = {}; const y = { x }; x.y = y;
                console.log([x, y]);
                """)).containsExactly(
                "{ a: { b: { c: [Object] } } } [ [ [ [Array] ] ] ]",
                "{ a: { b: { c: [Map] } } }",
                """
                <ref *1> {
                  name: 'node',
                  self: [Circular *1],
                  children: [ [Circular *1] ]
                }""",
                """
                [
                  <ref *1> { y: { x: [Circular *1] } },
                  <ref *2> { x: <ref *1> { y: [Circular *2] } }
                ]""");
    }

    @Test
    void inspectsCollectionsAndObjectsWhoseStateIsHidden() {
        assertThat(output("""
                console.log(new Map([['a', 1], ['b', 2]]), new Set([1]), new Map(), new Set());
                console.log(new Map([[{ k: 1 }, [1, 2]], ['s', new Set(['x'])]]));
                console.log(new WeakMap(), new WeakSet());
                // JavaScript cannot see a promise's state without subscribing to it.
                console.log(Promise.resolve(1), new Promise(() => {}));
                class Registry extends Map {}
                console.log(new Registry([[1, 2]]));
                """)).containsExactly(
                "Map(2) { 'a' => 1, 'b' => 2 } Set(1) { 1 } Map(0) {} Set(0) {}",
                "Map(2) { { k: 1 } => [ 1, 2 ], 's' => Set(1) { 'x' } }",
                "WeakMap { <items unknown> } WeakSet { <items unknown> }",
                "Promise { <unknown> } Promise { <unknown> }",
                "Registry(1) [Map] { 1 => 2 }");
    }

    @Test
    void inspectsDatesRegExpsBoxedPrimitivesAndBinaryData() {
        assertThat(output("""
                console.log(new Date(0), new Date(NaN), /a+b/gi);
                console.log(new Number(3), new String('ab'), new Boolean(false), Object(1n), Object(Symbol('q')));
                console.log(new Uint8Array([1, 2, 3]), new Float64Array([1.5, -0]), new BigInt64Array([1n, -2n]));
                console.log(new Uint8Array([1, 2]).buffer);
                console.log(new DataView(new ArrayBuffer(2)));
                const detached = new ArrayBuffer(4); detached.transfer();
                console.log(detached);
                """)).containsExactly(
                "1970-01-01T00:00:00.000Z Invalid Date /a+b/gi",
                "[Number: 3] [String: 'ab'] [Boolean: false] [BigInt: 1n] [Symbol: Symbol(q)]",
                "Uint8Array(3) [ 1, 2, 3 ] Float64Array(2) [ 1.5, -0 ] BigInt64Array(2) [ 1n, -2n ]",
                "ArrayBuffer { [Uint8Contents]: <01 02>, byteLength: 2 }",
                """
                DataView {
                  byteLength: 2,
                  byteOffset: 0,
                  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }
                }""",
                "ArrayBuffer { (detached), byteLength: 0 }");
    }

    @Test
    void inspectsErrorsAsTheirStacks() {
        List<String> output = output("""
                console.log(new Error('boom'));
                console.log({ nested: new TypeError('inner') });
                const withCode = new RangeError('bad'); withCode.code = 'E_BAD';
                console.log(withCode);
                const bare = new Error('no frames'); bare.stack = 'Error: no frames';
                console.log(bare);
                class MyError extends Error {}
                console.log(new MyError('sub').stack.split('\\n')[0], '|', String(new MyError('sub')));
                const sub = new MyError('sub'); sub.stack = 'Error: sub';
                console.log(sub);
                const caused = new Error('outer', { cause: 'why' }); caused.stack = 'Error: outer';
                console.log(caused);
                """);
        assertThat(output).hasSize(7);
        assertThat(output.get(0)).matches("Error: boom\n    at http://localhost/sw\\.js:1:13");
        assertThat(output.get(1)).matches("\\{\n  nested: TypeError: inner\n      at http://localhost/sw\\.js:2:23\n}");
        assertThat(output.get(2)).matches("RangeError: bad\n    at http://localhost/sw\\.js:3:18 \\{\n  code: 'E_BAD'\n}");
        assertThat(output.subList(3, 7)).containsExactly(
                "[Error: no frames]",
                "Error: sub | Error: sub",
                // The class name replaces the inherited name "Error".
                "[MyError: sub]",
                "[Error: outer] { [cause]: 'why' }");
    }

    @Test
    void breaksLinesLikeNode() {
        assertThat(output("""
                console.log({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 });
                console.log({ averyverylongpropertyname: 'some long string value', another: 'and another long value', third: 3 });
                console.log({ text: 'line one is here\\nline two is here and it goes on and on\\nline three is the last one' });
                """)).containsExactly(
                "{ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 }",
                """
                {
                  averyverylongpropertyname: 'some long string value',
                  another: 'and another long value',
                  third: 3
                }""",
                """
                {
                  text: 'line one is here\\n' +
                    'line two is here and it goes on and on\\n' +
                    'line three is the last one'
                }""");
    }

    @Test
    void methodsWriteAtTheirLevels() {
        assertThat(lines("""
                console.log('log'); console.info('info'); console.debug('debug');
                console.warn('warn'); console.error('error'); console.dirxml('dirxml');
                console.assert(false, 'assert'); console.trace('trace');
                """).stream().map(line -> line.level() + " " + line.text().split("\n")[0]).toList()).containsExactly(
                "LOG log", "INFO info", "DEBUG debug", "WARN warn", "ERROR error", "LOG dirxml",
                "ERROR Assertion failed: assert", "ERROR Trace: trace");
        assertThat(Level.WARN.isError()).isTrue();
        assertThat(Level.DEBUG.isError()).isFalse();
    }

    @Test
    void assertPrintsOnlyWhenFalsy() {
        assertThat(output("""
                console.assert(true, 'never printed');
                console.assert(1);
                console.assert(false);
                console.assert(0, 'x is %d', 5, 'and more');
                console.assert(null, { a: 1 }, 2);
                console.assert();
                """)).containsExactly(
                "Assertion failed",
                "Assertion failed: x is 5 and more",
                "Assertion failed: { a: 1 } 2",
                "Assertion failed");
    }

    @Test
    void traceHeadsTheCallersStack() {
        List<String> output = output("""
                function inner() { console.trace('at %s', 'inner'); }
                function outer() { inner(); }
                outer();
                console.trace();
                """);
        assertThat(output.get(0)).isEqualTo("""
                Trace: at inner
                    at inner (http://localhost/sw.js:1:28)
                    at outer (http://localhost/sw.js:2:20)
                    at http://localhost/sw.js:3:1""");
        assertThat(output.get(1)).isEqualTo("Trace\n    at http://localhost/sw.js:4:9");
    }

    @Test
    void tablesDrawBoxesAroundRowsAndColumns() {
        assertThat(output("""
                console.table([{ a: 1, b: 'Y' }, { a: 'Z', b: 2 }]);
                console.table([1, 'x', { a: 1 }]);
                console.table({ r1: { c: 1, x: 0 }, r2: { d: [1, 2, 3, 4, 5] } }, ['c', 'd']);
                console.table(new Map([['k', { v: 1 }]]));
                console.table(new Set(['a']));
                console.table([{ name: '日本' }]);
                console.table('not tabular');
                """)).containsExactly("""
                ┌─────────┬─────┬─────┐
                │ (index) │ a   │ b   │
                ├─────────┼─────┼─────┤
                │ 0       │ 1   │ 'Y' │
                │ 1       │ 'Z' │ 2   │
                └─────────┴─────┴─────┘""", """
                ┌─────────┬───┬────────┐
                │ (index) │ a │ Values │
                ├─────────┼───┼────────┤
                │ 0       │   │ 1      │
                │ 1       │   │ 'x'    │
                │ 2       │ 1 │        │
                └─────────┴───┴────────┘""", """
                ┌─────────┬───┬───────────────────────────────┐
                │ (index) │ c │ d                             │
                ├─────────┼───┼───────────────────────────────┤
                │ r1      │ 1 │                               │
                │ r2      │   │ [ 1, 2, 3, ... 2 more items ] │
                └─────────┴───┴───────────────────────────────┘""", """
                ┌───────────────────┬─────┬──────────┐
                │ (iteration index) │ Key │ Values   │
                ├───────────────────┼─────┼──────────┤
                │ 0                 │ 'k' │ { v: 1 } │
                └───────────────────┴─────┴──────────┘""", """
                ┌───────────────────┬────────┐
                │ (iteration index) │ Values │
                ├───────────────────┼────────┤
                │ 0                 │ 'a'    │
                └───────────────────┴────────┘""", """
                ┌─────────┬────────┐
                │ (index) │ name   │
                ├─────────┼────────┤
                │ 0       │ '日本' │
                └─────────┴────────┘""",
                "not tabular");
    }

    @Test
    void timersMeasureAndWarnAboutUnknownOrDuplicateLabels() {
        List<Line> lines = lines("""
                console.time();
                console.time();
                console.timeLog(undefined, 'extra', { a: 1 });
                console.timeEnd();
                console.timeEnd();
                console.time('task');
                const until = performance.now() + 20; while (performance.now() < until) {}
                console.timeEnd('task');
                console.timeLog('nope');
                """);
        assertThat(lines).extracting(Line::level).containsExactly(
                Level.WARN, Level.INFO, Level.INFO, Level.WARN, Level.INFO, Level.WARN);
        List<String> texts = lines.stream().map(Line::text).toList();
        assertThat(texts.get(0)).isEqualTo("Warning: Label 'default' already exists for console.time()");
        assertThat(texts.get(1)).matches("default: \\d+(\\.\\d{1,3})?ms extra \\{ a: 1 }");
        assertThat(texts.get(2)).matches("default: \\d+(\\.\\d{1,3})?ms");
        assertThat(texts.get(3)).isEqualTo("Warning: No such label 'default' for console.timeEnd()");
        assertThat(texts.get(4)).matches("task: \\d+(\\.\\d{1,3})?ms");
        assertThat(Double.parseDouble(texts.get(4).replaceAll("[^0-9.]", ""))).isGreaterThanOrEqualTo(20);
        assertThat(texts.get(5)).isEqualTo("Warning: No such label 'nope' for console.timeLog()");
    }

    @Test
    void countersCountPerLabel() {
        assertThat(output("""
                console.count(); console.count(); console.count('x'); console.count(undefined);
                console.countReset(); console.count();
                console.countReset('never');
                """)).containsExactly(
                "default: 1", "default: 2", "x: 1", "default: 3", "default: 1",
                "Warning: Count for 'never' does not exist");
    }

    @Test
    void groupsIndentEverythingInside() {
        assertThat(output("""
                console.group('Level 1', { a: 1 });
                console.log('inside');
                console.groupCollapsed();
                console.warn('two\\nlines');
                console.log({ multi: 'x'.repeat(40), line: 'y'.repeat(40) });
                console.groupEnd();
                console.groupEnd();
                console.groupEnd();
                console.log('outside');
                """)).containsExactly(
                "Level 1 { a: 1 }",
                "  inside",
                "    two\n    lines",
                "    {\n      multi: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',\n"
                        + "      line: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'\n    }",
                "outside");
    }

    @Test
    void dirInspectsItsArgumentWithOptions() {
        assertThat(output("""
                console.dir('str');
                console.dir({ a: { b: { c: { d: 1 } } } });
                console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
                console.dir({ a: { b: { c: { d: 1 } } } }, { depth: null });
                console.dirxml('dirxml', 'logs', { like: 'log' });
                """)).containsExactly(
                "'str'",
                "{ a: { b: { c: [Object] } } }",
                "{ a: [Object] }",
                "{\n  a: { b: { c: { d: 1 } } }\n}",
                "dirxml logs { like: 'log' }");
    }

    @Test
    void consoleIsAWebIdlNamespace() {
        assertThat(output("""
                console.log(Object.prototype.toString.call(console));
                console.log(Object.keys(console).join());
                const protoOfConsole = Object.getPrototypeOf(console);
                console.log(protoOfConsole !== Object.prototype, Object.getPrototypeOf(protoOfConsole) === Object.prototype);
                console.log(console.log.name, console.log.length, 'prototype' in console.log);
                try { new console.log(); } catch (e) { console.log(e.constructor.name); }
                const { info } = console; info('works unbound');
                try { console.count(Symbol('label')); } catch (e) { console.log(e.constructor.name); }
                try { console.table([], 'a'); } catch (e) { console.log(e.constructor.name); }
                """)).containsExactly(
                "[object console]",
                "log,info,debug,warn,error,dirxml,assert,trace,dir,table,count,countReset,group,groupCollapsed,"
                        + "groupEnd,time,timeLog,timeEnd",
                "true true",
                "log 0 false",
                "TypeError",
                "works unbound",
                "TypeError",
                "TypeError");
    }

    @Test
    void uncaughtValuesAreReportedWithInspect() {
        try (var worker = new WorkerFixture(dir)) {
            worker.run("throw { code: 42, detail: [1, 2] };");
            assertThat(worker.output()).containsExactly("Uncaught { code: 42, detail: [ 1, 2 ] }");
        }
    }
}
