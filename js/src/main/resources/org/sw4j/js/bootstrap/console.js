// The WHATWG Console Standard's `console` namespace. Messages are formatted the way Node's
// util.format and util.inspect format them (the output developers know from Node and Deno) and
// handed to the host one message at a time.
//
// Exports on `internals`:
//   inspect(value, options?)  Node-style printer; options: depth (null = unlimited), breakLength,
//                             maxArrayLength, maxStringLength.
//   formatArgs(args)          the Console Standard's Formatter plus Node's util.format rules.
//   kindOf(value)             the built-in kind of an object judged by its internal slots (see below).
(function (host, internals, config) {
  'use strict';

  // ------------------------------------------------------------------------------ intrinsics
  // Captured before any user script runs, so scripts that patch built-ins cannot break the console.

  const {
    Array, ArrayBuffer, Error, JSON, Map, Math, Number, Object, Promise, RegExp, Set, String, Symbol, TypeError,
    Uint8Array, WeakMap, WeakRef, WeakSet,
  } = globalThis;
  const { uncurry, getterOf } = internals;

  const ObjectPrototype = Object.prototype;
  const ErrorPrototype = Error.prototype;
  const PromisePrototype = Promise.prototype;
  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const AsyncFunctionPrototype = Object.getPrototypeOf(async function () {});
  const GeneratorFunctionPrototype = Object.getPrototypeOf(function* () {});
  const AsyncGeneratorFunctionPrototype = Object.getPrototypeOf(async function* () {});
  const SharedArrayBufferPrototype = globalThis.SharedArrayBuffer?.prototype;

  const {
    getPrototypeOf, getOwnPropertyDescriptor, getOwnPropertySymbols, keys: objectKeys, is: sameValue,
  } = Object;
  const { isArray } = Array;
  const { isView } = ArrayBuffer;
  const hasOwn = Object.hasOwn;
  const objectToString = uncurry(ObjectPrototype.toString);
  const propertyIsEnumerable = uncurry(ObjectPrototype.propertyIsEnumerable);
  const isPrototypeOf = uncurry(ObjectPrototype.isPrototypeOf);
  const functionToString = uncurry(Function.prototype.toString);
  const symbolToString = uncurry(Symbol.prototype.toString);
  const dateGetTime = uncurry(Date.prototype.getTime);
  const dateToISOString = uncurry(Date.prototype.toISOString);
  const regExpSource = getterOf(RegExp.prototype, 'source');
  const regExpFlags = getterOf(RegExp.prototype, 'flags');
  const mapSize = getterOf(Map.prototype, 'size');
  const mapEntries = uncurry(Map.prototype.entries);
  const mapIteratorNext = uncurry(getPrototypeOf(new Map().entries()).next);
  const setSize = getterOf(Set.prototype, 'size');
  const setValues = uncurry(Set.prototype.values);
  const setIteratorNext = uncurry(getPrototypeOf(new Set().values()).next);
  const weakMapHas = uncurry(WeakMap.prototype.has);
  const weakSetHas = uncurry(WeakSet.prototype.has);
  const weakRefDeref = uncurry(WeakRef.prototype.deref);
  const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength');
  const sharedArrayBufferByteLength = SharedArrayBufferPrototype === undefined
    ? undefined : getterOf(SharedArrayBufferPrototype, 'byteLength');
  const typedArrayName = getterOf(TypedArray.prototype, Symbol.toStringTag);
  const typedArrayLength = getterOf(TypedArray.prototype, 'length');
  const booleanValueOf = uncurry(Boolean.prototype.valueOf);
  const numberValueOf = uncurry(Number.prototype.valueOf);
  const stringValueOf = uncurry(String.prototype.valueOf);
  const bigIntValueOf = uncurry(BigInt.prototype.valueOf);
  const symbolValueOf = uncurry(Symbol.prototype.valueOf);
  const jsonStringify = JSON.stringify;
  const mathTrunc = Math.trunc;
  const numberParseFloat = Number.parseFloat;
  const numberParseInt = Number.parseInt;

  // ------------------------------------------------------------------------------ kinds

  /** A brand check built from a built-in method that throws unless its receiver has the slots it needs. */
  function throwsUnlessBranded(method) {
    return (value) => {
      try {
        method(value);
        return true;
      } catch {
        return false;
      }
    };
  }

  const isDate = throwsUnlessBranded(dateGetTime);
  // The source getter also accepts RegExp.prototype itself, which is no regular expression.
  const isRegExp = (value) => value !== RegExp.prototype && throwsUnlessBranded(regExpSource)(value);
  const isMap = throwsUnlessBranded(mapSize);
  const isSet = throwsUnlessBranded(setSize);
  const isWeakMap = throwsUnlessBranded((value) => weakMapHas(value, ObjectPrototype));
  const isWeakSet = throwsUnlessBranded((value) => weakSetHas(value, ObjectPrototype));
  const isWeakRef = throwsUnlessBranded(weakRefDeref);
  const isArrayBuffer = throwsUnlessBranded(arrayBufferByteLength);
  const isSharedArrayBuffer = sharedArrayBufferByteLength === undefined
    ? () => false : throwsUnlessBranded(sharedArrayBufferByteLength);
  const isBooleanObject = throwsUnlessBranded(booleanValueOf);
  const isNumberObject = throwsUnlessBranded(numberValueOf);
  const isStringObject = throwsUnlessBranded(stringValueOf);
  const isBigIntObject = throwsUnlessBranded(bigIntValueOf);
  const isSymbolObject = throwsUnlessBranded(symbolValueOf);
  // JavaScript has no brand check for [[ErrorData]]: Object.prototype.toString reports "Error"
  // for exactly the objects that have it, unless a Symbol.toStringTag hides it; then the
  // prototype chain decides.
  const isError = (value) => (typeof value[Symbol.toStringTag] === 'string'
    ? isPrototypeOf(ErrorPrototype, value) : objectToString(value) === '[object Error]');
  // Nor for [[PromiseState]]: every way to probe it without the prototype (then, resolve) would
  // subscribe to the promise and so mark a rejection as handled.
  const isPromise = (value) => isPrototypeOf(PromisePrototype, value);

  /** Checks for the kinds that an object's class string names; kinds are tried in this order. */
  const BRAND_CHECKS = new Map([
    ['Map', isMap], ['Set', isSet], ['Date', isDate], ['RegExp', isRegExp], ['Error', isError],
    ['ArrayBuffer', isArrayBuffer], ['SharedArrayBuffer', isSharedArrayBuffer], ['Promise', isPromise],
    ['Boolean', isBooleanObject], ['Number', isNumberObject], ['String', isStringObject],
    ['BigInt', isBigIntObject], ['Symbol', isSymbolObject],
    ['WeakMap', isWeakMap], ['WeakSet', isWeakSet], ['WeakRef', isWeakRef],
  ]);

  const TYPED_ARRAY_NAMES = new Set(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
    'Uint16Array', 'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array',
    'BigInt64Array', 'BigUint64Array']);

  /**
   * The built-in kind of an object, judged by its internal slots rather than its prototype, so
   * objects with a replaced prototype or a forged Symbol.toStringTag are still told apart:
   * 'Function', 'Array', a typed array's name, 'DataView', 'ArrayBuffer', 'SharedArrayBuffer',
   * 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Date', 'RegExp', 'Error', 'Promise', a boxed
   * primitive's 'Boolean'/'Number'/'String'/'BigInt'/'Symbol', or 'Object' for anything else.
   * ('Error' and 'Promise' fall back to the prototype chain where JavaScript offers no check.)
   */
  function kindOf(value) {
    if (typeof value === 'function') {
      return 'Function';
    }
    if (isArray(value)) {
      return 'Array';
    }
    if (isView(value)) {
      return typedArrayName(value) ?? 'DataView';
    }
    // The class string names the kind of nearly every object, so normally a single brand check
    // confirms it; only objects that are not what their class string says need every check.
    const claimed = objectToString(value).slice(8, -1);
    const check = BRAND_CHECKS.get(claimed);
    if (check !== undefined && check(value)) {
      return claimed;
    }
    if (claimed === 'Object' && getPrototypeOf(value) === ObjectPrototype) {
      return 'Object';
    }
    for (const [kind, brandCheck] of BRAND_CHECKS) {
      if (kind !== claimed && brandCheck(value)) {
        return kind;
      }
    }
    return 'Object';
  }

  // ------------------------------------------------------------------------------ inspect

  const INSPECT_DEFAULTS = { depth: 2, breakLength: 80, maxArrayLength: 100, maxStringLength: 10000 };
  /** Node's `compact: 3`: the innermost three levels of nesting may share a line. */
  const COMPACT = 3;
  /** Strings shorter than this are never split over lines. */
  const MIN_LINE_WIDTH = 16;

  /** How formatProperty prints an entry: `key: value`, or just the value for array elements. */
  const PROPERTY_ENTRY = 0;
  const ELEMENT_ENTRY = 1;

  const ESCAPE_TEST = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const ESCAPE_REPLACE = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  const ESCAPE_TEST_NO_QUOTE = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const ESCAPE_REPLACE_NO_QUOTE = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  const IDENTIFIER_KEY = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;
  const CLASS_SOURCE = /^class(?:\s|\{|\/[*/])/;

  /** Escapes for the code units inspect never prints raw (C0/C1 controls, quote, backslash). */
  const ESCAPES = (() => {
    const escapes = [];
    for (let code = 0; code < 0xa0; code++) {
      escapes.push(code < 0x20 || code >= 0x7f ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : '');
    }
    Object.assign(escapes, { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' });
    return escapes;
  })();

  const escapeCodeUnit = (unit) => {
    const code = unit.charCodeAt(0);
    return code < ESCAPES.length ? ESCAPES[code] : `\\u${code.toString(16)}`;
  };

  /**
   * Quotes a string as Node does: single quotes, or double quotes / backticks when that avoids
   * escaping a quote; control characters and lone surrogates escaped.
   */
  function quote(string) {
    let quoteChar = "'";
    let test = ESCAPE_TEST;
    let replace = ESCAPE_REPLACE;
    if (string.includes("'")) {
      if (!string.includes('"')) {
        quoteChar = '"';
      } else if (!string.includes('`') && !string.includes('${')) {
        quoteChar = '`';
      }
      if (quoteChar !== "'") {
        test = ESCAPE_TEST_NO_QUOTE;
        replace = ESCAPE_REPLACE_NO_QUOTE;
      }
    }
    const escaped = test.test(string) ? string.replace(replace, escapeCodeUnit) : string;
    return quoteChar + escaped + quoteChar;
  }

  function formatNumber(number) {
    return sameValue(number, -0) ? '-0' : `${number}`;
  }

  function formatPrimitive(ctx, value) {
    switch (typeof value) {
      case 'string': {
        let trailer = '';
        if (value.length > ctx.maxStringLength) {
          const remaining = value.length - ctx.maxStringLength;
          value = value.slice(0, ctx.maxStringLength);
          trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
        }
        // Long multi-line strings print one line per row, joined with +.
        if (value.length > MIN_LINE_WIDTH && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
          return value.split(/(?<=\n)/).map(quote).join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
        }
        return quote(value) + trailer;
      }
      case 'number':
        return formatNumber(value);
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return symbolToString(value);
      default:
        return String(value);
    }
  }

  function inspect(value, options = undefined) {
    const ctx = {
      ...INSPECT_DEFAULTS,
      seen: [],
      circular: undefined,
      indentationLvl: 0,
      currentDepth: 0,
    };
    if (options !== undefined) {
      for (const key of objectKeys(INSPECT_DEFAULTS)) {
        if (options[key] !== undefined) {
          ctx[key] = options[key] === null ? Infinity : options[key];
        }
      }
    }
    return formatValue(ctx, value, 0);
  }

  function formatValue(ctx, value, recurseTimes) {
    if (typeof value !== 'object' && typeof value !== 'function') {
      return formatPrimitive(ctx, value);
    }
    if (value === null) {
      return 'null';
    }
    if (ctx.seen.includes(value)) {
      ctx.circular ??= new Map();
      let index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
      return `[Circular *${index}]`;
    }
    return formatRaw(ctx, value, recurseTimes);
  }

  /** The name of the nearest constructor on the prototype chain; null for a null prototype. */
  function constructorNameOf(object) {
    const original = object;
    for (let current = object; current !== null; current = getPrototypeOf(current)) {
      const descriptor = getOwnPropertyDescriptor(current, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== ''
          && isInstance(original, descriptor.value)) {
        return String(descriptor.value.name);
      }
      if (getPrototypeOf(current) === null) {
        return current === original ? null : 'Object <Complex prototype>';
      }
    }
    return null;
  }

  function isInstance(object, constructor) {
    try {
      return object instanceof constructor;
    } catch {
      return false;
    }
  }

  /** `Foo [Tag] `, `[Map(2): null prototype] ` and the like, before an object's braces. */
  function prefixOf(constructor, tag, fallback, size = '') {
    if (constructor === null) {
      if (tag !== '' && fallback !== tag) {
        return `[${fallback}${size}: null prototype] [${tag}] `;
      }
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== '' && constructor !== tag) {
      return `${constructor}${size} [${tag}] `;
    }
    return `${constructor}${size} `;
  }

  /** Own enumerable string keys, then own enumerable symbols. */
  function keysOf(value) {
    const keys = objectKeys(value);
    for (const symbol of getOwnPropertySymbols(value)) {
      if (propertyIsEnumerable(value, symbol)) {
        keys.push(symbol);
      }
    }
    return keys;
  }

  /** keysOf without array indices. */
  function nonIndexKeysOf(value) {
    return keysOf(value).filter((key) => typeof key === 'symbol' || !isArrayIndex(key));
  }

  function isArrayIndex(key) {
    return ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1;
  }

  function formatRaw(ctx, value, recurseTimes) {
    const kind = kindOf(value);
    const constructor = constructorNameOf(value);
    let tag = value[Symbol.toStringTag];
    // A tag that is an own enumerable property is printed among the keys already.
    if (typeof tag !== 'string' || (tag !== '' && propertyIsEnumerable(value, Symbol.toStringTag))) {
      tag = '';
    }
    let keys;
    let base = '';
    let braces = ['{', '}'];
    let formatter = () => [];
    let isArrayLike = false;

    if (kind === 'Array') {
      // Only non-ordinary arrays ("Foo(2) [...]") name their constructor.
      const prefix = constructor !== 'Array' || tag !== '' ? prefixOf(constructor, tag, 'Array', `(${value.length})`) : '';
      keys = nonIndexKeysOf(value);
      braces = [`${prefix}[`, ']'];
      if (value.length === 0 && keys.length === 0) {
        return `${braces[0]}]`;
      }
      isArrayLike = true;
      formatter = formatArray;
    } else if (TYPED_ARRAY_NAMES.has(kind)) {
      const length = typedArrayLength(value);
      keys = nonIndexKeysOf(value);
      braces = [`${prefixOf(constructor, tag, kind, `(${length})`)}[`, ']'];
      if (length === 0 && keys.length === 0) {
        return `${braces[0]}]`;
      }
      isArrayLike = true;
      formatter = (ctx, value) => formatTypedArray(ctx, value, length);
    } else if (kind === 'Set') {
      const size = setSize(value);
      const prefix = prefixOf(constructor, tag, 'Set', `(${size})`);
      keys = keysOf(value);
      if (size === 0 && keys.length === 0) {
        return `${prefix}{}`;
      }
      braces = [`${prefix}{`, '}'];
      formatter = formatSet;
    } else if (kind === 'Map') {
      const size = mapSize(value);
      const prefix = prefixOf(constructor, tag, 'Map', `(${size})`);
      keys = keysOf(value);
      if (size === 0 && keys.length === 0) {
        return `${prefix}{}`;
      }
      braces = [`${prefix}{`, '}'];
      formatter = formatMap;
    } else {
      keys = keysOf(value);
      switch (kind) {
        case 'Function':
          base = functionBase(value, constructor, tag);
          if (keys.length === 0) {
            return base;
          }
          break;
        case 'RegExp':
        case 'Date': {
          base = kind === 'RegExp' ? `/${regExpSource(value)}/${regExpFlags(value)}`
            : Number.isNaN(dateGetTime(value)) ? 'Invalid Date' : dateToISOString(value);
          // Only subclasses, tags and null prototypes are named: `Foo [RegExp] /a/`.
          const prefix = prefixOf(constructor, tag, kind);
          if (prefix !== `${kind} `) {
            base = prefix + base;
          }
          if (keys.length === 0 || (kind === 'RegExp' && recurseTimes > ctx.depth)) {
            return base;
          }
          break;
        }
        case 'Error':
          base = formatError(ctx, value, constructor, tag, keys);
          if (keys.length === 0) {
            return base;
          }
          break;
        case 'ArrayBuffer':
        case 'SharedArrayBuffer':
          braces[0] = `${prefixOf(constructor, tag, kind)}{`;
          formatter = formatArrayBuffer;
          keys.unshift('byteLength');
          break;
        case 'DataView':
          braces[0] = `${prefixOf(constructor, tag, 'DataView')}{`;
          // The buffer goes last: it is not a primitive like the others.
          keys.unshift('byteLength', 'byteOffset', 'buffer');
          break;
        case 'Promise':
          braces[0] = `${prefixOf(constructor, tag, 'Promise')}{`;
          // JavaScript cannot read a promise's state or result without subscribing to it.
          formatter = () => ['<unknown>'];
          break;
        case 'WeakMap':
        case 'WeakSet':
          braces[0] = `${prefixOf(constructor, tag, kind)}{`;
          formatter = () => ['<items unknown>'];
          break;
        case 'Boolean':
        case 'Number':
        case 'String':
        case 'BigInt':
        case 'Symbol':
          base = boxedBase(ctx, value, kind, keys, constructor, tag);
          if (keys.length === 0) {
            return base;
          }
          break;
        default:
          if (constructor === 'Object' && tag === '' && objectToString(value) === '[object Arguments]') {
            braces[0] = '[Arguments] {';
          } else if (constructor !== 'Object' || tag !== '') {
            braces[0] = `${prefixOf(constructor, tag, 'Object')}{`;
          }
          if (keys.length === 0) {
            return `${braces[0]}}`;
          }
      }
    }

    if (recurseTimes > ctx.depth) {
      const name = prefixOf(constructor, tag, kind).slice(0, -1);
      return constructor === null ? name : `[${name}]`;
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    const output = formatter(ctx, value, recurseTimes);
    for (const key of keys) {
      output.push(formatProperty(ctx, value, recurseTimes, key, PROPERTY_ENTRY));
    }
    ctx.seen.pop();
    const reference = ctx.circular?.get(value);
    if (reference !== undefined) {
      base = base === '' ? `<ref *${reference}>` : `<ref *${reference}> ${base}`;
    }
    return reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value);
  }

  function formatArray(ctx, array, recurseTimes) {
    const length = array.length;
    const shown = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const output = [];
    for (let i = 0; i < shown; i++) {
      if (!hasOwn(array, i)) {
        return formatSparseArray(ctx, array, recurseTimes, shown, output, i);
      }
      output.push(formatProperty(ctx, array, recurseTimes, i, ELEMENT_ENTRY));
    }
    if (length > shown) {
      output.push(remainingText(length - shown));
    }
    return output;
  }

  /** Continues formatArray from the first hole: runs of holes print as `<N empty items>`. */
  function formatSparseArray(ctx, array, recurseTimes, maxEntries, output, firstHole) {
    const keys = objectKeys(array);
    let index = firstHole;
    for (let i = firstHole; i < keys.length && output.length < maxEntries; i++) {
      const key = keys[i];
      if (!isArrayIndex(key)) {
        break;
      }
      const keyIndex = Number(key);
      if (keyIndex !== index) {
        output.push(emptyItems(keyIndex - index));
        index = keyIndex;
        if (output.length === maxEntries) {
          break;
        }
      }
      output.push(formatProperty(ctx, array, recurseTimes, key, ELEMENT_ENTRY));
      index++;
    }
    const remaining = array.length - index;
    if (output.length !== maxEntries) {
      if (remaining > 0) {
        output.push(emptyItems(remaining));
      }
    } else if (remaining > 0) {
      output.push(remainingText(remaining));
    }
    return output;
  }

  const emptyItems = (count) => `<${count} empty item${count > 1 ? 's' : ''}>`;
  const remainingText = (count) => `... ${count} more item${count > 1 ? 's' : ''}`;

  function formatTypedArray(ctx, array, length) {
    const shown = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const output = [];
    for (let i = 0; i < shown; i++) {
      const element = array[i];
      output.push(typeof element === 'bigint' ? `${element}n` : formatNumber(element));
    }
    if (length > shown) {
      output.push(remainingText(length - shown));
    }
    return output;
  }

  function formatSet(ctx, set, recurseTimes) {
    const size = setSize(set);
    const shown = Math.min(Math.max(0, ctx.maxArrayLength), size);
    const output = [];
    ctx.indentationLvl += 2;
    const iterator = setValues(set);
    for (let i = 0; i < shown; i++) {
      const step = setIteratorNext(iterator);
      if (step.done) {
        break;
      }
      output.push(formatValue(ctx, step.value, recurseTimes));
    }
    if (size > shown) {
      output.push(remainingText(size - shown));
    }
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatMap(ctx, map, recurseTimes) {
    const size = mapSize(map);
    const shown = Math.min(Math.max(0, ctx.maxArrayLength), size);
    const output = [];
    ctx.indentationLvl += 2;
    const iterator = mapEntries(map);
    for (let i = 0; i < shown; i++) {
      const step = mapIteratorNext(iterator);
      if (step.done) {
        break;
      }
      const [key, entryValue] = step.value;
      output.push(`${formatValue(ctx, key, recurseTimes)} => ${formatValue(ctx, entryValue, recurseTimes)}`);
    }
    if (size > shown) {
      output.push(remainingText(size - shown));
    }
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatArrayBuffer(ctx, buffer) {
    let bytes;
    try {
      bytes = new Uint8Array(buffer);
    } catch {
      return ['(detached)'];
    }
    const shown = Math.min(ctx.maxArrayLength, bytes.length);
    const hex = [];
    for (let i = 0; i < shown; i++) {
      hex.push(bytes[i].toString(16).padStart(2, '0'));
    }
    let contents = hex.join(' ');
    const remaining = bytes.length - shown;
    if (remaining > 0) {
      contents += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
    }
    return [`[Uint8Contents]: <${contents}>`];
  }

  function functionBase(fn, constructor, tag) {
    if (CLASS_SOURCE.test(functionToString(fn))) {
      return classBase(fn, constructor, tag);
    }
    let type = 'Function';
    if (isPrototypeOf(AsyncGeneratorFunctionPrototype, fn)) {
      type = 'AsyncGeneratorFunction';
    } else if (isPrototypeOf(GeneratorFunctionPrototype, fn)) {
      type = 'GeneratorFunction';
    } else if (isPrototypeOf(AsyncFunctionPrototype, fn)) {
      type = 'AsyncFunction';
    }
    let base = `[${type}`;
    if (constructor === null) {
      base += ' (null prototype)';
    }
    base += fn.name === '' ? ' (anonymous)]' : `: ${fn.name}]`;
    if (constructor !== type && constructor !== null) {
      base += ` ${constructor}`;
    }
    if (tag !== '' && constructor !== tag) {
      base += ` [${tag}]`;
    }
    return base;
  }

  function classBase(cls, constructor, tag) {
    const name = (hasOwn(cls, 'name') && cls.name) || '(anonymous)';
    let base = `class ${name}`;
    if (constructor !== 'Function' && constructor !== null) {
      base += ` [${constructor}]`;
    }
    if (tag !== '' && constructor !== tag) {
      base += ` [${tag}]`;
    }
    if (constructor === null) {
      base += ' extends [null prototype]';
    } else {
      const superName = getPrototypeOf(cls).name;
      if (superName) {
        base += ` extends ${superName}`;
      }
    }
    return `[${base}]`;
  }

  function boxedBase(ctx, boxed, kind, keys, constructor, tag) {
    const primitive = {
      Boolean: booleanValueOf, Number: numberValueOf, String: stringValueOf, BigInt: bigIntValueOf, Symbol: symbolValueOf,
    }[kind](boxed);
    if (kind === 'String') {
      // A String object's index keys only repeat its value.
      keys.splice(0, primitive.length);
    }
    let base = `[${kind}`;
    if (kind !== constructor) {
      base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
    }
    base += `: ${formatPrimitive(ctx, primitive)}]`;
    if (tag !== '' && tag !== constructor) {
      base += ` [${tag}]`;
    }
    return base;
  }

  /** An error prints as its stack, named after its class, or as `[Name: message]` without a stack. */
  function formatError(ctx, error, constructor, tag, keys) {
    const name = error.name != null ? String(error.name) : 'Error';
    let stack = error.stack ? String(error.stack) : errorToString(error);
    // Own name/message/stack properties that the stack already shows are not repeated.
    for (const key of ['name', 'message', 'stack']) {
      const index = keys.indexOf(key);
      if (index !== -1 && stack.includes(error[key])) {
        keys.splice(index, 1);
      }
    }
    if ('cause' in error && !keys.includes('cause')) {
      keys.push('cause');
    }
    if (isArray(error.errors) && !keys.includes('errors')) {
      keys.push('errors');
    }
    stack = improveStack(stack, constructor, name, tag);
    const message = error.message;
    let position = (message && stack.indexOf(message)) || -1;
    if (position !== -1) {
      position += message.length;
    }
    if (stack.indexOf('\n    at', position) === -1) {
      stack = `[${stack}]`;
    }
    if (ctx.indentationLvl !== 0) {
      stack = stack.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
    }
    return stack;
  }

  function errorToString(error) {
    try {
      return Error.prototype.toString.call(error);
    } catch {
      return 'Error';
    }
  }

  /**
   * Names the error's class in its first line when the stack does not: `MyError: message` for
   * a subclass whose name is "Error", `DOMException [AbortError]: message` and the like.
   */
  function improveStack(stack, constructor, name, tag) {
    let length = name.length;
    if (constructor === null || (name.endsWith('Error') && stack.startsWith(name)
        && (stack.length === length || stack[length] === ':' || stack[length] === '\n'))) {
      let fallback = 'Error';
      if (constructor === null) {
        const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
        fallback = start?.[1] || '';
        length = fallback.length;
        fallback ||= 'Error';
      }
      const prefix = prefixOf(constructor, tag, fallback).slice(0, -1);
      if (name !== prefix) {
        if (prefix.includes(name)) {
          stack = length === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(length)}`;
        } else {
          stack = `${prefix} [${name}]${stack.slice(length)}`;
        }
      }
    }
    return stack;
  }

  function formatProperty(ctx, object, recurseTimes, key, entry) {
    const descriptor = getOwnPropertyDescriptor(object, key) ?? { value: object[key], enumerable: true };
    let text;
    if (descriptor.value !== undefined) {
      ctx.indentationLvl += 2;
      text = formatValue(ctx, descriptor.value, recurseTimes);
      ctx.indentationLvl -= 2;
    } else if (descriptor.get !== undefined) {
      text = descriptor.set !== undefined ? '[Getter/Setter]' : '[Getter]';
    } else if (descriptor.set !== undefined) {
      text = '[Setter]';
    } else {
      text = 'undefined';
    }
    if (entry === ELEMENT_ENTRY) {
      return text;
    }
    let name;
    if (typeof key === 'symbol') {
      name = `[${symbolToString(key).replace(ESCAPE_REPLACE, escapeCodeUnit)}]`;
    } else if (key === '__proto__') {
      name = "['__proto__']";
    } else if (descriptor.enumerable === false) {
      name = `[${key.replace(ESCAPE_REPLACE, escapeCodeUnit)}]`;
    } else if (IDENTIFIER_KEY.test(key)) {
      name = key;
    } else {
      name = quote(key);
    }
    return `${name}: ${text}`;
  }

  /**
   * Joins an object's entries on one line when they fit within breakLength and the object is
   * among the innermost COMPACT levels; otherwise one entry per line. Arrays of more than six
   * entries are first grouped into aligned columns.
   */
  function reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value) {
    const entries = output.length;
    if (isArrayLike && entries > 6) {
      output = groupArrayElements(ctx, output, value);
    }
    if (ctx.currentDepth - recurseTimes < COMPACT && entries === output.length) {
      // 10 approximates the space other factors (a key before the value, a comma) take.
      const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
      if (isBelowBreakLength(ctx, output, start, base)) {
        const joined = output.join(', ');
        if (!joined.includes('\n')) {
          return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
        }
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }

  function isBelowBreakLength(ctx, output, start, base) {
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) {
      return false;
    }
    for (const entry of output) {
      totalLength += entry.length;
      if (totalLength > ctx.breakLength) {
        return false;
      }
    }
    return base === '' || !base.includes('\n');
  }

  /** Node's column layout for long arrays: roughly square blocks, numbers right-aligned. */
  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) {
      // The "... more items" entry is not laid out in the columns.
      outputLength--;
    }
    const separatorSpace = 2;
    const dataLength = [];
    for (let i = 0; i < outputLength; i++) {
      const length = stringWidth(output[i]);
      dataLength.push(length);
      totalLength += length + separatorSpace;
      maxLength = Math.max(maxLength, length);
    }
    const actualMax = maxLength + separatorSpace;
    // At least three columns must fit, and no entry may dwarf the others.
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength
        && (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = Math.sqrt(actualMax - totalLength / output.length);
      const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      const columns = Math.min(
        // Characters are about 2.5 times as high as wide; aim for a square block.
        Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
        Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        COMPACT * 4,
        15,
      );
      if (columns <= 1) {
        return output;
      }
      const maxLineLength = [];
      for (let i = 0; i < columns; i++) {
        let lineLength = 0;
        for (let j = i; j < output.length; j += columns) {
          if (dataLength[j] > lineLength) {
            lineLength = dataLength[j];
          }
        }
        maxLineLength.push(lineLength + separatorSpace);
      }
      let padStart = true;
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
          padStart = false;
          break;
        }
      }
      const grouped = [];
      for (let i = 0; i < outputLength; i += columns) {
        const max = Math.min(i + columns, outputLength);
        let line = '';
        let j = i;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - i] + output[j].length - dataLength[j];
          line += padStart ? `${output[j]}, `.padStart(padding, ' ') : `${output[j]}, `.padEnd(padding, ' ');
        }
        if (padStart) {
          const padding = maxLineLength[j - i] + output[j].length - dataLength[j] - separatorSpace;
          line += output[j].padStart(padding, ' ');
        } else {
          line += output[j];
        }
        grouped.push(line);
      }
      if (ctx.maxArrayLength < output.length) {
        grouped.push(output[outputLength]);
      }
      return grouped;
    }
    return output;
  }

  /** Terminal columns a string takes: East Asian wide characters take two, combining marks none. */
  function stringWidth(string) {
    let width = 0;
    for (const char of string.normalize('NFC')) {
      const code = char.codePointAt(0);
      if (isFullWidth(code)) {
        width += 2;
      } else if (!isZeroWidth(code)) {
        width++;
      }
    }
    return width;
  }

  function isFullWidth(code) {
    return code >= 0x1100 && (code <= 0x115f || code === 0x2329 || code === 0x232a
      || (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) || (code >= 0x3250 && code <= 0x4dbf)
      || (code >= 0x4e00 && code <= 0xa4c6) || (code >= 0xa960 && code <= 0xa97c)
      || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff)
      || (code >= 0xfe10 && code <= 0xfe19) || (code >= 0xfe30 && code <= 0xfe6b)
      || (code >= 0xff01 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6)
      || (code >= 0x1b000 && code <= 0x1b001) || (code >= 0x1f200 && code <= 0x1f251)
      || (code >= 0x1f300 && code <= 0x1f64f) || (code >= 0x20000 && code <= 0x3fffd));
  }

  function isZeroWidth(code) {
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f)
      || (code >= 0x200b && code <= 0x200f) || (code >= 0x20d0 && code <= 0x20ff)
      || (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xfe20 && code <= 0xfe2f)
      || (code >= 0xe0100 && code <= 0xe01ef);
  }

  // ------------------------------------------------------------------------------ format

  /**
   * Formats a console call's arguments: a leading string's %s %d %i %f %j %o %O %c and %%
   * consume arguments (the Console Standard's Formatter, with Node's conversions), then the rest
   * follow separated by spaces, strings raw and everything else inspected.
   */
  function formatArgs(args) {
    const first = args[0];
    let next = 0;
    let text = '';
    let separator = '';
    if (typeof first === 'string') {
      if (args.length === 1) {
        return first;
      }
      let lastPosition = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 0x25 /* % */) {
          continue;
        }
        const specifier = first[++i];
        if (next + 1 === args.length) {
          if (specifier === '%') {
            text += first.slice(lastPosition, i);
            lastPosition = i + 1;
          }
          continue;
        }
        let replacement;
        switch (specifier) {
          case 's':
            replacement = formatString(args[++next]);
            break;
          case 'd':
          case 'i':
            replacement = formatInteger(args[++next]);
            break;
          case 'f': {
            const arg = args[++next];
            replacement = typeof arg === 'symbol' ? 'NaN' : formatNumber(numberParseFloat(arg));
            break;
          }
          case 'j':
            replacement = stringifyJson(args[++next]);
            break;
          case 'o':
            // Node's %o also lists hidden properties (showHidden); here it only looks deeper.
            replacement = inspect(args[++next], { depth: 4 });
            break;
          case 'O':
            replacement = inspect(args[++next]);
            break;
          case 'c':
            // CSS styling has no meaning on a terminal; the argument is consumed.
            next++;
            replacement = '';
            break;
          case '%':
            text += first.slice(lastPosition, i);
            lastPosition = i + 1;
            continue;
          default:
            continue;
        }
        text += first.slice(lastPosition, i - 1) + replacement;
        lastPosition = i + 1;
      }
      if (lastPosition !== 0) {
        next++;
        separator = ' ';
        text += first.slice(lastPosition);
      }
    }
    for (; next < args.length; next++) {
      const value = args[next];
      text += separator + (typeof value === 'string' ? value : inspect(value));
      separator = ' ';
    }
    return text;
  }

  /** %s: primitives as String() gives them; objects inspected shallowly unless they define toString. */
  function formatString(value) {
    if (typeof value === 'number') {
      return formatNumber(value);
    }
    if (typeof value === 'bigint') {
      return `${value}n`;
    }
    if (typeof value !== 'object' || value === null || !hasBuiltInToString(value)) {
      return String(value);
    }
    return inspect(value, { depth: 0 });
  }

  /** Whether an object's string conversion is a built-in one (so inspecting shows more). */
  function hasBuiltInToString(object) {
    let ownToString = hasOwn;
    let ownToPrimitive = hasOwn;
    if (typeof object.toString !== 'function') {
      if (typeof object[Symbol.toPrimitive] !== 'function') {
        return true;
      } else if (hasOwn(object, Symbol.toPrimitive)) {
        return false;
      }
      ownToString = () => false;
    } else if (hasOwn(object, 'toString')) {
      return false;
    } else if (typeof object[Symbol.toPrimitive] !== 'function') {
      ownToPrimitive = () => false;
    } else if (hasOwn(object, Symbol.toPrimitive)) {
      return false;
    }
    let holder = object;
    do {
      holder = getPrototypeOf(holder);
    } while (!ownToString(holder, 'toString') && !ownToPrimitive(holder, Symbol.toPrimitive));
    const constructor = getOwnPropertyDescriptor(holder, 'constructor')?.value;
    return typeof constructor === 'function' && BUILT_IN_CONSTRUCTORS.has(constructor);
  }

  const BUILT_IN_CONSTRUCTORS = new Set(['Object', 'Function', 'Array', 'Number', 'Boolean', 'String',
    'Symbol', 'BigInt', 'Date', 'RegExp', 'Error', 'AggregateError', 'EvalError', 'RangeError',
    'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'Map', 'Set', 'WeakMap', 'WeakSet',
    'WeakRef', 'Promise', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView', ...TYPED_ARRAY_NAMES]
    .map((name) => globalThis[name]).filter((constructor) => typeof constructor === 'function'));

  /** %d and %i: the Console Standard's parseInt(value, 10), but numbers merely truncated. */
  function formatInteger(value) {
    switch (typeof value) {
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return 'NaN';
      case 'number':
        return formatNumber(mathTrunc(value));
      default:
        return formatNumber(numberParseInt(value, 10));
    }
  }

  let circularJsonMessage;

  /** %j: JSON, or '[Circular]' for a cyclic value, as Node prints it. */
  function stringifyJson(value) {
    try {
      return String(jsonStringify(value));
    } catch (error) {
      if (circularJsonMessage === undefined) {
        const cyclic = {};
        cyclic.self = cyclic;
        try {
          jsonStringify(cyclic);
        } catch (circularError) {
          circularJsonMessage = String(circularError.message).split('\n')[0];
        }
      }
      if (error instanceof TypeError && String(error.message).split('\n')[0] === circularJsonMessage) {
        return '[Circular]';
      }
      throw error;
    }
  }

  // ------------------------------------------------------------------------------ console

  /** The indentation console.group adds to every line that follows. */
  let groupIndentation = '';
  const counts = new Map();
  const timers = new Map();

  function print(level, text) {
    if (groupIndentation !== '') {
      text = groupIndentation + text.replaceAll('\n', `\n${groupIndentation}`);
    }
    host.console(level, text);
  }

  /** Node's warning for misuse of labels (it prints them outside of the console's groups, too). */
  function warn(message) {
    host.console('WARN', `Warning: ${message}`);
  }

  /** Milliseconds as Node prints timer durations: 1.234ms, 1.500s, 1:02.000 (m:ss.mmm). */
  function formatDuration(ms) {
    const pad = (value) => `${value}`.padStart(2, '0');
    if (ms >= 60000) {
      const hours = Math.floor(ms / 3600000);
      const minutes = Math.floor((ms % 3600000) / 60000);
      const [seconds, millis] = ((ms % 60000) / 1000).toFixed(3).split('.');
      const clock = hours !== 0 ? `${hours}:${pad(minutes)}` : `${minutes}`;
      return `${clock}:${pad(seconds)}.${millis} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
    }
    if (ms >= 1000) {
      return `${(ms / 1000).toFixed(3)}s`;
    }
    return `${Number(ms.toFixed(3))}ms`;
  }

  /**
   * The caller's stack frames. Bootstrap sources are internal, so GraalJS leaves the console's
   * own frames (and every other bootstrap frame) out of stacks.
   */
  function callerFrames() {
    return String(new Error().stack).split('\n').slice(1);
  }

  /** Logs a timer's elapsed time; false when there is no such timer. */
  function logElapsed(method, label, data) {
    const start = timers.get(label);
    if (start === undefined) {
      warn(`No such label '${label}' for console.${method}()`);
      return false;
    }
    print('INFO', formatArgs(['%s: %s', label, formatDuration(host.now() - start), ...data]));
    return true;
  }

  /** console.table's cell text: shallow, one line, at most three array elements. */
  function tableCell(value) {
    const isObject = value !== null && typeof value === 'object';
    const depth = isObject && !isArray(value) && !isView(value) && objectKeys(value).length > 2 ? -1 : 0;
    return inspect(value, { depth, maxArrayLength: 3, breakLength: Infinity });
  }

  /** Node's box-drawing table: a header row, then one row per entry, cells left-aligned. */
  function renderTable(head, columns) {
    const widths = head.map(stringWidth);
    const rowCount = Math.max(...columns.map((column) => column.length));
    const rows = [];
    for (let j = 0; j < rowCount; j++) {
      const row = [];
      for (let i = 0; i < head.length; i++) {
        const cell = hasOwn(columns[i], j) ? columns[i][j] : '';
        row.push(cell);
        widths[i] = Math.max(widths[i], stringWidth(cell));
      }
      rows.push(row);
    }
    const renderRow = (row) => `│ ${row.map((cell, i) => cell + ' '.repeat(widths[i] - stringWidth(cell))).join(' │ ')} │`;
    const divider = widths.map((width) => '─'.repeat(width + 2));
    return [
      `┌${divider.join('┬')}┐`,
      renderRow(head),
      `├${divider.join('┼')}┤`,
      ...rows.map(renderRow),
      `└${divider.join('┴')}┘`,
    ].join('\n');
  }

  function table(data, properties) {
    const indexColumn = (length) => Array.from({ length }, (_, i) => tableCell(i));
    if (kindOf(data) === 'Map') {
      const keys = [];
      const values = [];
      const iterator = mapEntries(data);
      for (let step = mapIteratorNext(iterator); !step.done; step = mapIteratorNext(iterator)) {
        keys.push(tableCell(step.value[0]));
        values.push(tableCell(step.value[1]));
      }
      return renderTable(['(iteration index)', 'Key', 'Values'], [indexColumn(keys.length), keys, values]);
    }
    if (kindOf(data) === 'Set') {
      const values = [];
      const iterator = setValues(data);
      for (let step = setIteratorNext(iterator); !step.done; step = setIteratorNext(iterator)) {
        values.push(tableCell(step.value));
      }
      return renderTable(['(iteration index)', 'Values'], [indexColumn(values.length), values]);
    }
    // One column per property of the rows (or per requested property), in order of appearance,
    // then a Values column for rows that are primitives.
    const columns = new Map();
    const primitiveValues = [];
    let hasPrimitives = false;
    const rowKeys = objectKeys(data);
    rowKeys.forEach((rowKey, i) => {
      const row = data[rowKey];
      const primitive = row === null || (typeof row !== 'object' && typeof row !== 'function');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        primitiveValues[i] = tableCell(row);
        return;
      }
      for (const key of properties ?? objectKeys(row)) {
        if (!columns.has(key)) {
          columns.set(key, []);
        }
        columns.get(key)[i] = !primitive && hasOwn(row, key) ? tableCell(row[key]) : '';
      }
    });
    const head = ['(index)', ...columns.keys()];
    const values = [rowKeys, ...columns.values()];
    if (hasPrimitives) {
      head.push('Values');
      values.push(primitiveValues);
    }
    return renderTable(head, values);
  }

  // Namespace operations are enumerable, writable and configurable, and work without `this`, as
  // WebIDL has them; method syntax gives them their names and keeps them from being constructors.
  const operations = {
    log(...data) {
      print('LOG', formatArgs(data));
    },
    info(...data) {
      print('INFO', formatArgs(data));
    },
    debug(...data) {
      print('DEBUG', formatArgs(data));
    },
    warn(...data) {
      print('WARN', formatArgs(data));
    },
    error(...data) {
      print('ERROR', formatArgs(data));
    },
    dirxml(...data) {
      print('LOG', formatArgs(data));
    },
    assert(condition = false, ...data) {
      if (condition) {
        return;
      }
      if (data.length === 0) {
        print('ERROR', 'Assertion failed');
      } else if (typeof data[0] === 'string') {
        print('ERROR', formatArgs([`Assertion failed: ${data[0]}`, ...data.slice(1)]));
      } else {
        print('ERROR', formatArgs(['Assertion failed:', ...data]));
      }
    },
    trace(...data) {
      const message = formatArgs(data);
      const header = message === '' ? 'Trace' : `Trace: ${message}`;
      print('ERROR', [header, ...callerFrames()].join('\n'));
    },
    dir(item = undefined, options = undefined) {
      const depth = options !== null && typeof options === 'object' ? options.depth : undefined;
      print('LOG', inspect(item, { depth }));
    },
    table(tabularData = undefined, properties = undefined) {
      let columns;
      if (properties !== undefined) {
        // WebIDL sequence<DOMString>: any iterable object, its items converted to strings.
        if (properties === null || typeof properties !== 'object' || typeof properties[Symbol.iterator] !== 'function') {
          throw new TypeError("Failed to execute 'table' on 'console': The provided value cannot be converted to a sequence.");
        }
        columns = Array.from(properties, (property) => `${property}`);
      }
      if (tabularData === null || typeof tabularData !== 'object') {
        print('LOG', formatArgs([tabularData]));
        return;
      }
      print('LOG', table(tabularData, columns));
    },
    count(label = 'default') {
      label = `${label}`;
      const count = (counts.get(label) ?? 0) + 1;
      counts.set(label, count);
      print('INFO', `${label}: ${count}`);
    },
    countReset(label = 'default') {
      label = `${label}`;
      if (counts.has(label)) {
        counts.delete(label);
      } else {
        warn(`Count for '${label}' does not exist`);
      }
    },
    group(...data) {
      if (data.length > 0) {
        print('LOG', formatArgs(data));
      }
      groupIndentation += '  ';
    },
    groupCollapsed(...data) {
      if (data.length > 0) {
        print('LOG', formatArgs(data));
      }
      groupIndentation += '  ';
    },
    groupEnd() {
      groupIndentation = groupIndentation.slice(2);
    },
    time(label = 'default') {
      label = `${label}`;
      if (timers.has(label)) {
        warn(`Label '${label}' already exists for console.time()`);
        return;
      }
      timers.set(label, host.now());
    },
    timeLog(label = 'default', ...data) {
      logElapsed('timeLog', `${label}`, data);
    },
    timeEnd(label = 'default') {
      label = `${label}`;
      if (logElapsed('timeEnd', label, [])) {
        timers.delete(label);
      }
    },
  };

  // WebIDL: the console namespace object's [[Prototype]] is an empty object whose [[Prototype]]
  // is %Object.prototype%, and its class string is "console".
  const console = Object.create({});
  Object.defineProperties(console, Object.getOwnPropertyDescriptors(operations));
  Object.defineProperty(console, Symbol.toStringTag, { value: 'console', configurable: true });
  internals.defineGlobal('console', console);

  Object.assign(internals, { inspect, formatArgs, kindOf });
})
