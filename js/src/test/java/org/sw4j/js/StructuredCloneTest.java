package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** structuredClone() and HTML's StructuredSerialize/StructuredDeserialize behind it. */
class StructuredCloneTest {
    /** Script helper: what a failed clone threw, as `Name code message`, or 'cloned'. */
    private static final String HELPERS = """
            const failure = (value, options) => {
              try {
                structuredClone(value, options);
                return 'cloned';
              } catch (e) {
                return e instanceof DOMException ? `${e.name} ${e.code} ${e.message}` : `${e.constructor.name}: ${e.message}`;
              }
            };
            """;

    @TempDir
    Path dir;

    /** Runs a worker script (after the helpers) and returns its console output; it must not throw. */
    private List<String> output(String script) {
        return WorkerFixture.outputOf(dir, HELPERS + script);
    }

    @Test
    void primitivesCloneAsThemselves() {
        assertThat(output("""
                const values = [-0, 0, NaN, Infinity, 1n, 2n ** 70n, 'text', '', undefined, null, true, false];
                const clones = values.map((value) => structuredClone(value));
                console.log(clones);
                console.log(clones.every((clone, i) => Object.is(clone, values[i])));
                """)).containsExactly(
                "[\n  -0,\n  0,\n  NaN,\n  Infinity,\n  1n,\n  1180591620717411303424n,\n  'text',\n  '',\n  undefined,\n  null,\n"
                        + "  true,\n  false\n]",
                "true");
    }

    @Test
    void wrappersDatesAndRegExpsCloneTheirValues() {
        assertThat(output("""
                const wrappers = [new Number(-0), new String('ab'), new Boolean(false), Object(5n)];
                const clones = structuredClone(wrappers);
                console.log(clones, clones.every((clone, i) => typeof clone === 'object' && clone !== wrappers[i]));
                console.log(Object.is(clones[0].valueOf(), -0));
                const date = new Date(Date.UTC(2020, 1, 29, 12));
                console.log(structuredClone(date), structuredClone(date) !== date, structuredClone(new Date(NaN)));
                const pattern = /a+b/giu; pattern.lastIndex = 3; pattern.extra = 'dropped';
                const clone = structuredClone(pattern);
                console.log(clone, clone.lastIndex, clone.extra, clone !== pattern);
                """)).containsExactly(
                "[ [Number: -0], [String: 'ab'], [Boolean: false], [BigInt: 5n] ] true",
                "true",
                "2020-02-29T12:00:00.000Z true Invalid Date",
                "/a+b/giu 0 undefined true");
    }

    @Test
    void buffersAndViewsAreCopiedAndKeepSharing() {
        assertThat(output("""
                const buffer = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer;
                const value = { buffer, head: new Uint8Array(buffer, 0, 2), tail: new DataView(buffer, 6), words: new Uint16Array(buffer, 2, 2) };
                const clone = structuredClone(value);
                console.log(clone.head, clone.tail.byteOffset, clone.tail.byteLength, clone.words.byteOffset, clone.words.length);
                console.log(clone.buffer !== buffer, clone.head.buffer === clone.buffer, clone.tail.buffer === clone.buffer,
                  clone.words.buffer === clone.buffer);
                clone.head[0] = 99;
                console.log(new Uint8Array(buffer)[0], new Uint8Array(clone.buffer)[0]);
                const kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
                  Float16Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
                console.log(kinds.map((Kind) => {
                  const original = new Kind(3).fill(Kind.name.startsWith('Big') ? 7n : 7);
                  const copy = structuredClone(original);
                  return `${Object.getPrototypeOf(copy) === Kind.prototype && copy.length === 3 && copy[2] == 7}`;
                }).join());
                console.log(structuredClone(new ArrayBuffer(0)).byteLength, structuredClone(new Float64Array([1.5, -0])));
                """)).containsExactly(
                "Uint8Array(2) [ 1, 2 ] 6 2 2 2",
                "true true true true",
                "1 99",
                "true,true,true,true,true,true,true,true,true,true,true,true",
                "0 Float64Array(2) [ 1.5, -0 ]");
    }

    @Test
    void resizableBuffersStayResizableAndLengthTrackingViewsKeepTracking() {
        assertThat(output("""
                const buffer = new ArrayBuffer(4, { maxByteLength: 16 });
                const tracking = new Uint16Array(buffer);
                const fixed = new Uint8Array(buffer, 0, 2);
                const trackingView = new DataView(buffer, 1);
                const clone = structuredClone({ buffer, tracking, fixed, trackingView });
                console.log(clone.buffer.resizable, clone.buffer.maxByteLength, buffer.byteLength);
                clone.buffer.resize(10);
                console.log(clone.tracking.length, clone.fixed.length, clone.trackingView.byteLength);
                const full = new ArrayBuffer(2, { maxByteLength: 2 });
                console.log(structuredClone(new Uint8Array(full)).length);
                """)).containsExactly(
                "true 16 4",
                "5 2 9",
                "2");
    }

    @Test
    void mapsAndSetsCloneTheirEntriesInOrder() {
        assertThat(output("""
                const key = { k: 1 };
                const map = new Map([[key, new Set([1, 'x', key])], ['b', 2], [NaN, -0]]);
                const clone = structuredClone(map);
                console.log(clone);
                const [clonedKey, clonedSet] = clone.entries().next().value;
                console.log(clonedKey !== key, clonedSet.has(clonedKey), Object.is(clone.get(NaN), -0));
                class Registry extends Map {}
                const sub = structuredClone(new Registry([[1, 1]]));
                console.log(Object.getPrototypeOf(sub) === Map.prototype, sub.get(1));
                """)).containsExactly(
                "Map(3) { { k: 1 } => Set(3) { 1, 'x', { k: 1 } }, 'b' => 2, NaN => -0 }",
                "true true true",
                "true 1");
    }

    @Test
    void errorsKeepTheirTypeMessageStackAndCause() {
        assertThat(output("""
                const errors = [new Error('e'), new EvalError('ev'), new RangeError('r'), new ReferenceError('rf'),
                  new SyntaxError('s'), new TypeError('t'), new URIError('u')];
                const clones = structuredClone(errors);
                console.log(clones.map((clone, i) => `${Object.getPrototypeOf(clone) === Object.getPrototypeOf(errors[i])}`
                  + ` ${clone.name} ${clone.message} ${clone.stack === errors[i].stack}`).join(' | '));
                console.log(clones[0] !== errors[0], Object.getOwnPropertyDescriptor(clones[0], 'message').enumerable);
                const renamed = new Error('r'); renamed.name = 'TypeError';
                const custom = new RangeError('c'); custom.name = 'CustomError';
                class AppError extends Error { constructor() { super('app'); this.code = 7; } }
                const [a, b, c] = structuredClone([renamed, custom, new AppError()]);
                console.log(a instanceof TypeError, b.constructor.name, b.name, c.constructor.name, c.message, c.code);
                const withCause = new Error('outer', { cause: { reason: 'inner' } });
                console.log(structuredClone(withCause).cause, Object.getOwnPropertyNames(structuredClone(new Error())).join());
                const cyclic = new Error('self'); cyclic.cause = cyclic;
                const cyclicClone = structuredClone(cyclic);
                console.log(cyclicClone.cause === cyclicClone);
                """)).containsExactly(
                "true Error e true | true EvalError ev true | true RangeError r true | true ReferenceError rf true"
                        + " | true SyntaxError s true | true TypeError t true | true URIError u true",
                "true false",
                "true Error Error Error app undefined",
                "{ reason: 'inner' } stack",
                "true");
    }

    @Test
    void domExceptionsKeepNameAndMessage() {
        assertThat(output("""
                const original = new DOMException('stopped', 'AbortError');
                const clone = structuredClone(original);
                console.log(clone instanceof DOMException, clone !== original, clone.name, clone.message, clone.code);
                console.log(Object.prototype.toString.call(clone), structuredClone(new DOMException()).name);
                """)).containsExactly(
                "true true AbortError stopped 20",
                "[object DOMException] Error");
    }

    @Test
    void arraysKeepLengthHolesAndExtraProperties() {
        assertThat(output("""
                const sparse = [1, , 3]; sparse[6] = 'z'; sparse.x = 'e'; sparse[-1] = 'n';
                const clone = structuredClone(sparse);
                console.log(clone, clone.length, 1 in clone, Array.isArray(clone));
                const long = []; long.length = 5;
                console.log(structuredClone(long).length, Object.keys(structuredClone(long)).length);
                """)).containsExactly(
                "[ 1, <1 empty item>, 3, <3 empty items>, 'z', x: 'e', '-1': 'n' ] 7 false true",
                "5 0");
    }

    @Test
    void objectsCloneTheirOwnEnumerableStringKeyedProperties() {
        assertThat(output("""
                let reads = 0;
                const source = { b: 1, a: 2, 1: 'one', get computed() { reads++; return 'got'; }, [Symbol('s')]: 'dropped' };
                Object.defineProperty(source, 'hidden', { value: 'dropped', enumerable: false });
                const clone = structuredClone(source);
                console.log(clone, reads, Object.keys(clone).join());
                console.log(Object.getOwnPropertyDescriptor(clone, 'computed').value);
                class Point { constructor() { this.x = 1; } get length() { return 1; } move() {} }
                const point = structuredClone(new Point());
                console.log(point, Object.getPrototypeOf(point) === Object.prototype);
                const proto = structuredClone(JSON.parse('{"__proto__": {"polluted": true}}'));
                console.log(Object.keys(proto).join(), Object.getPrototypeOf(proto) === Object.prototype, {}.polluted);
                const deleting = { get first() { delete this.second; return 1; }, second: 2, third: 3 };
                console.log(structuredClone(deleting));
                console.log(structuredClone(Object.create(null, { k: { value: 1, enumerable: true } })));
                """)).containsExactly(
                "{ '1': 'one', b: 1, a: 2, computed: 'got' } 1 1,b,a,computed",
                "got",
                "{ x: 1 } true",
                "__proto__ true undefined",
                "{ first: 1, third: 3 }",
                "{ k: 1 }");
    }

    @Test
    void cyclesAndSharedReferencesArePreserved() {
        assertThat(output("""
                const shared = { id: 'shared' };
                const root = { left: shared, right: shared, list: [shared] };
                root.self = root;
                root.list.push(root.list);
                const clone = structuredClone(root);
                console.log(clone !== root, clone.self === clone, clone.left === clone.right, clone.list[0] === clone.left);
                console.log(clone.list[1] === clone.list, clone.left !== shared);
                const map = new Map(); map.set(map, map);
                const mapClone = structuredClone(map);
                console.log(mapClone.get(mapClone) === mapClone);
                """)).containsExactly("true true true true", "true true", "true");
    }

    @Test
    void uncloneableValuesThrowDataCloneError() {
        assertThat(output("""
                function named() {}
                for (const value of [named, () => {}, class {}, Symbol('s'), Object(Symbol('boxed')), Promise.resolve(),
                  new WeakMap(), new WeakSet(), new WeakRef({}), new TextEncoder(), new AbortController().signal,
                  [1].values(), (function* () {})(), self, { nested: { fn() {} } }, [Symbol.iterator]]) {
                  console.log(failure(value));
                }
                """)).containsExactly(
                "DataCloneError 25 [Function: named] could not be cloned.",
                "DataCloneError 25 [Function (anonymous)] could not be cloned.",
                "DataCloneError 25 [class (anonymous)] could not be cloned.",
                "DataCloneError 25 Symbol(s) could not be cloned.",
                "DataCloneError 25 #<Symbol> could not be cloned.",
                "DataCloneError 25 #<Promise> could not be cloned.",
                "DataCloneError 25 #<WeakMap> could not be cloned.",
                "DataCloneError 25 #<WeakSet> could not be cloned.",
                "DataCloneError 25 #<WeakRef> could not be cloned.",
                "DataCloneError 25 #<TextEncoder> could not be cloned.",
                "DataCloneError 25 #<AbortSignal> could not be cloned.",
                "DataCloneError 25 #<Array Iterator> could not be cloned.",
                "DataCloneError 25 #<Generator> could not be cloned.",
                "DataCloneError 25 #<ServiceWorkerGlobalScope> could not be cloned.",
                "DataCloneError 25 [Function: fn] could not be cloned.",
                "DataCloneError 25 Symbol(Symbol.iterator) could not be cloned.");
    }

    @Test
    void detachedBuffersCannotBeCloned() {
        assertThat(output("""
                const buffer = new ArrayBuffer(4);
                const view = new Uint8Array(buffer);
                buffer.transfer();
                console.log(failure(buffer));
                console.log(failure(view));
                const resizable = new ArrayBuffer(8, { maxByteLength: 8 });
                const outOfBounds = new Uint8Array(resizable, 4, 4);
                resizable.resize(2);
                console.log(failure(outOfBounds));
                """)).containsExactly(
                "DataCloneError 25 A detached ArrayBuffer could not be cloned.",
                "DataCloneError 25 A Uint8Array whose buffer is detached or too small for it could not be cloned.",
                "DataCloneError 25 A Uint8Array whose buffer is detached or too small for it could not be cloned.");
    }

    @Test
    void transferredBuffersMoveIntoTheClone() {
        assertThat(output("""
                const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
                const view = new Uint8Array(buffer, 1, 2);
                const clone = structuredClone({ buffer, view, again: buffer }, { transfer: [buffer] });
                console.log(buffer.detached, buffer.byteLength, view.length);
                console.log(clone.buffer.byteLength, clone.view, clone.view.buffer === clone.buffer, clone.again === clone.buffer);
                const resizable = new ArrayBuffer(2, { maxByteLength: 8 });
                const moved = structuredClone(resizable, { transfer: [resizable] });
                console.log(resizable.detached, moved.resizable, moved.maxByteLength);
                const unused = new ArrayBuffer(3);
                console.log(structuredClone('other', { transfer: new Set([unused]) }), unused.detached);
                console.log(structuredClone(1, {}), structuredClone(1, null), structuredClone(1, { transfer: undefined }));
                """)).containsExactly(
                "true 0 0",
                "4 Uint8Array(2) [ 2, 3 ] true true",
                "true true 8",
                "other true",
                "1 1 1");
    }

    @Test
    void invalidTransferListsAreRejectedBeforeAnythingIsDetached() {
        assertThat(output("""
                const detached = new ArrayBuffer(1); detached.transfer();
                const kept = new ArrayBuffer(1);
                console.log(failure(1, { transfer: [kept, detached] }), kept.detached);
                const duplicate = new ArrayBuffer(1);
                console.log(failure(1, { transfer: [duplicate, duplicate] }), duplicate.detached);
                console.log(failure(1, { transfer: [{}] }));
                console.log(failure(1, { transfer: [new Uint8Array(1)] }));
                console.log(failure(1, { transfer: ['string'] }));
                console.log(failure(1, { transfer: 5 }));
                console.log(failure(1, 5));
                console.log(failure(() => {}, { transfer: [kept] }), kept.detached);
                """)).containsExactly(
                "DataCloneError 25 ArrayBuffer at index 1 of the transfer list is already detached. false",
                "DataCloneError 25 ArrayBuffer at index 1 of the transfer list is a duplicate of an earlier ArrayBuffer. false",
                "DataCloneError 25 Value at index 0 of the transfer list does not have a transferable type.",
                "DataCloneError 25 Value at index 0 of the transfer list does not have a transferable type.",
                "TypeError: Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope': Failed to read the 'transfer'"
                        + " property from 'StructuredSerializeOptions': Failed to convert value to 'object'.",
                "TypeError: Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope': Failed to read the 'transfer'"
                        + " property from 'StructuredSerializeOptions': The provided value cannot be converted to a sequence.",
                "TypeError: Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope': The provided value is not of type"
                        + " 'StructuredSerializeOptions'.",
                "DataCloneError 25 [Function (anonymous)] could not be cloned. false");
    }

    @Test
    void structuredCloneIsAnOperationOfTheGlobalScope() {
        assertThat(output("""
                try { structuredClone(); } catch (e) { console.log(e.constructor.name, e.message); }
                console.log(structuredClone.length, structuredClone.name, 'prototype' in structuredClone);
                const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'structuredClone');
                console.log(descriptor.writable, descriptor.configurable, typeof descriptor.value);
                """)).containsExactly(
                "TypeError Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope': 1 argument required, but only 0"
                        + " present.",
                "1 structuredClone false",
                "true true function");
    }
}
