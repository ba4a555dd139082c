// HTML's structured clone: StructuredSerializeWithTransfer / StructuredDeserializeWithTransfer and
// the structuredClone() global.
//
// A serialized record is engine-independent: only plain objects, arrays, primitives (including
// bigint, -0 and NaN) and ArrayBuffers, so that it can later be written out as bytes (postMessage,
// IndexedDB) or deserialized in another context.
//
//   record = { root: node, transfers: [transferred ArrayBuffer node, ...] }
//   node   = undefined | null | boolean | number | bigint | string    a primitive stands for itself
//          | { type: 'ref', id }                 an object serialized earlier in this record
//          | { type: 'transferred', index }      the ArrayBuffer in record.transfers[index]
//          | { type, id, ...fields }             an object; `id` numbers objects in the order they
//                                                are first met (0, 1, 2, ...), which 'ref' uses
//   type and fields:
//     'Boolean' | 'Number' | 'BigInt' | 'String'   value          a primitive wrapper object
//     'Date'                                        time           NaN for an invalid date
//     'RegExp'                                      source, flags  (lastIndex is not kept)
//     'ArrayBuffer'                                 data           a copy of the bytes, an ArrayBuffer
//                                                   maxByteLength  only for a resizable buffer
//     'ArrayBufferView'                             constructor    'Uint8Array', ..., 'DataView'
//                                                   buffer         the viewed ArrayBuffer's node
//                                                   byteOffset
//                                                   byteLength     'auto' for a length-tracking view
//                                                   length         typed arrays only; 'auto' likewise
//     'Map'                                         entries        [[key node, value node], ...]
//     'Set'                                         values         [node, ...]
//     'Error'                                       name           'Error', 'EvalError', 'RangeError',
//                                                                  'ReferenceError', 'SyntaxError',
//                                                                  'TypeError' or 'URIError'
//                                                   message        absent without an own data property
//                                                   stack, cause   only when the error has them as own
//                                                                  data properties (as V8 keeps them)
//     'DOMException'                                name, message, stack
//     'Array'                                       length, properties: [[key, node], ...]
//     'Object'                                      properties: [[key, node], ...]
//     a type registered with registerSerializable   the fields its serialize steps return (blob.js
//                                                   registers 'Blob' and 'File')
//   Transferred ArrayBuffer nodes are { type: 'ArrayBuffer', data, maxByteLength? } without an id;
//   their data is the transferred buffer itself, which deserializing moves out again, so a record
//   with transfers can be deserialized only once. Other records can be deserialized any number of
//   times: deserializing copies bytes out of the record rather than sharing them.
//
// Exports on `internals`:
//   structuredSerialize(value, transferList = []) → record   throws a DataCloneError DOMException
//   structuredDeserialize(record) → value
//   registerTransferable(type, { is, isDetached, transfer, receive })
//       makes the platform objects for which is(value) holds transferable (messaging.js registers
//       'MessagePort'): transfer(value) detaches it and returns the fields of its node in
//       record.transfers ({ type, ...fields }; they may hold host objects, so such a record stays in
//       its realm until the host converts it), receive(node) makes the new object.
//   transferListOf(optionsOrSequence, what, allowSequence) → the transfer list of a
//       StructuredSerializeOptions argument (or, when allowSequence, of a sequence<object> argument)
//   registerSerializable(type, { is, serialize, deserialize })
//       makes the platform objects for which is(value) holds serializable: serialize(value) returns
//       the node's fields (engine-independent, as above), deserialize(node) the new object. Types
//       are tried in the order they were registered.
(function (host, internals, config) {
  'use strict';
  const { defineGlobal, requiredArguments, domException, isDOMException, kindOf } = internals;

  // The built-ins this file uses, captured before user scripts can replace them.
  const {
    Array, ArrayBuffer, DataView, Date, Error, Map, Object, RegExp, Set, String, Symbol, TypeError, Uint8Array,
  } = globalThis;
  const { uncurry, getterOf } = internals;
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const { getPrototypeOf, getOwnPropertyDescriptor, defineProperty, keys: objectKeys } = Object;
  const hasOwn = Object.hasOwn;
  const objectToString = uncurry(Object.prototype.toString);
  const booleanValueOf = uncurry(Boolean.prototype.valueOf);
  const numberValueOf = uncurry(Number.prototype.valueOf);
  const stringValueOf = uncurry(String.prototype.valueOf);
  const bigIntValueOf = uncurry(BigInt.prototype.valueOf);
  const dateGetTime = uncurry(Date.prototype.getTime);
  const regExpSource = getterOf(RegExp.prototype, 'source');
  const regExpFlags = getterOf(RegExp.prototype, 'flags');
  const mapForEach = uncurry(Map.prototype.forEach);
  const mapSet = uncurry(Map.prototype.set);
  const setForEach = uncurry(Set.prototype.forEach);
  const setAdd = uncurry(Set.prototype.add);
  const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength');
  const arrayBufferMaxByteLength = getterOf(ArrayBuffer.prototype, 'maxByteLength');
  const arrayBufferResizable = getterOf(ArrayBuffer.prototype, 'resizable');
  const arrayBufferDetached = getterOf(ArrayBuffer.prototype, 'detached');
  const arrayBufferResize = uncurry(ArrayBuffer.prototype.resize);
  const arrayBufferTransfer = uncurry(ArrayBuffer.prototype.transfer);
  const typedArrayBuffer = getterOf(TypedArrayPrototype, 'buffer');
  const typedArrayByteOffset = getterOf(TypedArrayPrototype, 'byteOffset');
  const typedArrayByteLength = getterOf(TypedArrayPrototype, 'byteLength');
  const typedArrayLength = getterOf(TypedArrayPrototype, 'length');
  const typedArrayEntries = uncurry(TypedArrayPrototype.entries);
  const dataViewBuffer = getterOf(DataView.prototype, 'buffer');
  const dataViewByteOffset = getterOf(DataView.prototype, 'byteOffset');
  const dataViewByteLength = getterOf(DataView.prototype, 'byteLength');

  /** Constructors of the views a record can name, by name. */
  const VIEW_CONSTRUCTORS = new Map(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array',
    'BigUint64Array', 'DataView']
    .filter((name) => typeof globalThis[name] === 'function')
    .map((name) => [name, globalThis[name]]));

  /** The error constructors HTML serializes by name; any other name deserializes as Error. */
  const ERROR_CONSTRUCTORS = new Map([Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]
    .map((constructor) => [constructor.name, constructor]));

  /** The registered serializable platform objects: [{ type, is, serialize, deserialize }, ...]. */
  const serializables = [];
  const serializablesByType = new Map();

  function registerSerializable(type, { is, serialize, deserialize }) {
    const steps = { type, is, serialize, deserialize };
    serializables[serializables.length] = steps;
    mapSet(serializablesByType, type, steps);
  }

  /** The registered transferables besides ArrayBuffer: [{ type, is, isDetached, transfer, receive }, ...]. */
  const transferables = [];
  const transferablesByType = new Map();

  function registerTransferable(type, { is, isDetached, transfer, receive }) {
    const steps = { type, is, isDetached, transfer, receive };
    transferables[transferables.length] = steps;
    mapSet(transferablesByType, type, steps);
  }

  function transferableSteps(value) {
    for (let i = 0; i < transferables.length; i++) {
      if (transferables[i].is(value)) {
        return transferables[i];
      }
    }
    return null;
  }

  function dataCloneError(message) {
    return domException('DataCloneError', message);
  }

  /** How error messages name a value that cannot be cloned, after V8: `#<Promise>`, `Symbol(x)`. */
  function describe(value) {
    if (typeof value === 'symbol') {
      return String(value);
    }
    if (typeof value === 'function') {
      return internals.inspect(value);
    }
    return `#<${objectToString(value).slice(8, -1)}>`;
  }

  function notCloneable(value) {
    return dataCloneError(`${describe(value)} could not be cloned.`);
  }

  /**
   * Whether an object is a platform object (an instance of a WebIDL interface, such as a
   * TextEncoder or the global scope) or an instance of another built-in class whose internal
   * state cannot be serialized (a generator, an iterator, an Intl object). Neither has anything
   * JavaScript can tell apart from an ordinary object but one sign: a prototype carrying a
   * non-writable, non-enumerable Symbol.toStringTag data property, which WebIDL gives every
   * interface prototype (internals.brand) and ECMAScript every such built-in prototype. User
   * classes rarely look like that: their tags are getters.
   */
  function isPlatformObject(value) {
    for (let proto = getPrototypeOf(value); proto !== null; proto = getPrototypeOf(proto)) {
      const tag = getOwnPropertyDescriptor(proto, Symbol.toStringTag);
      if (tag !== undefined && hasOwn(tag, 'value') && !tag.writable && !tag.enumerable) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------ serialize

  /** StructuredSerializeWithTransfer, for ArrayBuffers and the registered transferables. */
  function structuredSerialize(value, transferList = []) {
    const transferIndexes = new Map();
    const stepsList = transferList.map((transferable, index) => {
      const steps = kindOf(transferable) === 'ArrayBuffer' ? null : transferableSteps(transferable);
      if (steps === null && kindOf(transferable) !== 'ArrayBuffer') {
        throw dataCloneError(`Value at index ${index} of the transfer list does not have a transferable type.`);
      }
      const type = steps === null ? 'ArrayBuffer' : steps.type;
      if (transferIndexes.has(transferable)) {
        throw dataCloneError(`${type} at index ${index} of the transfer list is a duplicate of an earlier ${type}.`);
      }
      transferIndexes.set(transferable, index);
      return steps;
    });
    // HTML's "memory": the ids of the objects serialized so far, and the transferred buffers.
    const root = serializeValue(value, { ids: new Map(), transferIndexes });
    // All checks come before the first buffer is detached, so a failure leaves every buffer usable.
    transferList.forEach((transferable, index) => {
      const steps = stepsList[index];
      if (steps === null ? arrayBufferDetached(transferable) : steps.isDetached(transferable)) {
        throw dataCloneError(`${steps === null ? 'ArrayBuffer' : steps.type} at index ${index} of the transfer list is already detached.`);
      }
    });
    const transfers = transferList.map((buffer, index) => {
      const steps = stepsList[index];
      if (steps !== null) {
        return { ...steps.transfer(buffer), type: steps.type };
      }
      const resizable = arrayBufferResizable(buffer);
      let data;
      try {
        data = arrayBufferTransfer(buffer);
      } catch {
        throw dataCloneError(`ArrayBuffer at index ${index} of the transfer list cannot be detached.`);
      }
      return resizable ? { type: 'ArrayBuffer', data, maxByteLength: arrayBufferMaxByteLength(data) }
        : { type: 'ArrayBuffer', data };
    });
    return { root, transfers };
  }

  /** StructuredSerializeInternal. */
  function serializeValue(value, state) {
    if (typeof value === 'symbol') {
      throw notCloneable(value);
    }
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      return value;
    }
    const knownId = state.ids.get(value);
    if (knownId !== undefined) {
      return { type: 'ref', id: knownId };
    }
    const transferIndex = state.transferIndexes.get(value);
    if (transferIndex !== undefined) {
      return { type: 'transferred', index: transferIndex };
    }
    for (let i = 0; i < serializables.length; i++) {
      const steps = serializables[i];
      if (steps.is(value)) {
        const id = state.ids.size;
        state.ids.set(value, id);
        return { ...steps.serialize(value), type: steps.type, id };
      }
    }
    const kind = kindOf(value);
    // DOMException is the one serializable platform object; other platform objects, functions and
    // objects with internal state beyond what the cases below copy cannot be cloned.
    if (kind === 'Function' || kind === 'Symbol' || kind === 'SharedArrayBuffer' || kind === 'Promise'
        || kind === 'WeakMap' || kind === 'WeakSet' || kind === 'WeakRef'
        || (kind === 'Object' && isPlatformObject(value))
        || (kind === 'Error' && isPlatformObject(value) && !isDOMException(value))) {
      throw notCloneable(value);
    }
    const id = state.ids.size;
    state.ids.set(value, id);
    switch (kind) {
      case 'Boolean':
        return { type: kind, id, value: booleanValueOf(value) };
      case 'Number':
        return { type: kind, id, value: numberValueOf(value) };
      case 'String':
        return { type: kind, id, value: stringValueOf(value) };
      case 'BigInt':
        return { type: kind, id, value: bigIntValueOf(value) };
      case 'Date':
        return { type: kind, id, time: dateGetTime(value) };
      case 'RegExp':
        return { type: kind, id, source: regExpSource(value), flags: regExpFlags(value) };
      case 'ArrayBuffer':
        return serializeArrayBuffer(value, id);
      case 'Map': {
        // The entries are copied first, so getters that run while serializing cannot change them.
        const copied = [];
        mapForEach(value, (entryValue, key) => copied.push([key, entryValue]));
        return {
          type: kind, id, entries: copied.map(([key, entryValue]) => [serializeValue(key, state), serializeValue(entryValue, state)]),
        };
      }
      case 'Set': {
        const copied = [];
        setForEach(value, (entry) => copied.push(entry));
        return { type: kind, id, values: copied.map((entry) => serializeValue(entry, state)) };
      }
      case 'Error':
        return isDOMException(value) ? serializeDOMException(value, id) : serializeError(value, id, state);
      case 'Array':
        return { type: kind, id, length: value.length, properties: serializeProperties(value, state) };
      case 'Object':
        return { type: kind, id, properties: serializeProperties(value, state) };
      default:
        // The remaining kinds are the views: typed arrays and DataView.
        return serializeView(value, kind, id, state);
    }
  }

  function serializeArrayBuffer(buffer, id) {
    if (arrayBufferDetached(buffer)) {
      throw dataCloneError('A detached ArrayBuffer could not be cloned.');
    }
    const byteLength = arrayBufferByteLength(buffer);
    const data = new ArrayBuffer(byteLength);
    new Uint8Array(data).set(new Uint8Array(buffer, 0, byteLength));
    return arrayBufferResizable(buffer)
      ? { type: 'ArrayBuffer', id, data, maxByteLength: arrayBufferMaxByteLength(buffer) }
      : { type: 'ArrayBuffer', id, data };
  }

  function serializeView(view, kind, id, state) {
    const isDataView = kind === 'DataView';
    const buffer = isDataView ? dataViewBuffer(view) : typedArrayBuffer(view);
    let byteOffset;
    let byteLength;
    try {
      if (!isDataView) {
        // The typed array getters answer 0 for a view out of bounds; validation throws instead.
        typedArrayEntries(view);
      }
      byteOffset = isDataView ? dataViewByteOffset(view) : typedArrayByteOffset(view);
      byteLength = isDataView ? dataViewByteLength(view) : typedArrayByteLength(view);
    } catch {
      throw dataCloneError(`A ${kind} whose buffer is detached or too small for it could not be cloned.`);
    }
    const tracking = isLengthTracking(view, buffer, kind);
    const node = {
      type: 'ArrayBufferView',
      id,
      constructorName: kind,
      buffer: serializeValue(buffer, state),
      byteOffset,
      byteLength: tracking ? 'auto' : byteLength,
    };
    if (!isDataView) {
      node.length = tracking ? 'auto' : typedArrayLength(view);
    }
    return node;
  }

  /**
   * Whether a view follows its resizable buffer's length. JavaScript cannot read that directly,
   * so the buffer grows by one element and back: only a length-tracking view grows with it. The
   * buffer is not shared (SharedArrayBuffers are refused), so no other code can observe the brief
   * resize. A buffer already at its maximum cannot grow; its views count as fixed-length.
   */
  function isLengthTracking(view, buffer, kind) {
    if (kindOf(buffer) !== 'ArrayBuffer' || !arrayBufferResizable(buffer)) {
      return false;
    }
    const isDataView = kind === 'DataView';
    const byteLength = arrayBufferByteLength(buffer);
    const step = isDataView ? 1 : VIEW_CONSTRUCTORS.get(kind).BYTES_PER_ELEMENT;
    if (arrayBufferMaxByteLength(buffer) - byteLength < step) {
      return false;
    }
    const viewLength = () => (isDataView ? dataViewByteLength(view) : typedArrayByteLength(view));
    const before = viewLength();
    arrayBufferResize(buffer, byteLength + step);
    const after = viewLength();
    arrayBufferResize(buffer, byteLength);
    return after !== before;
  }

  function serializeError(error, id, state) {
    let name = error.name;
    if (!ERROR_CONSTRUCTORS.has(name)) {
      name = 'Error';
    }
    const node = { type: 'Error', id, name };
    const message = getOwnPropertyDescriptor(error, 'message');
    if (message !== undefined && hasOwn(message, 'value')) {
      node.message = `${message.value}`;
    }
    const stack = getOwnPropertyDescriptor(error, 'stack');
    if (stack !== undefined && typeof stack.value === 'string') {
      node.stack = stack.value;
    }
    const cause = getOwnPropertyDescriptor(error, 'cause');
    if (cause !== undefined && hasOwn(cause, 'value')) {
      node.cause = serializeValue(cause.value, state);
    }
    return node;
  }

  function serializeDOMException(exception, id) {
    const node = { type: 'DOMException', id, name: exception.name, message: exception.message };
    const stack = getOwnPropertyDescriptor(exception, 'stack');
    if (stack !== undefined && typeof stack.value === 'string') {
      node.stack = stack.value;
    }
    return node;
  }

  /** An object's own enumerable string-keyed properties, read (getters run) and serialized in order. */
  function serializeProperties(object, state) {
    const properties = [];
    for (const key of objectKeys(object)) {
      // A getter that ran earlier may have deleted the property.
      if (hasOwn(object, key)) {
        properties.push([key, serializeValue(object[key], state)]);
      }
    }
    return properties;
  }

  // ------------------------------------------------------------------------------ deserialize

  /** StructuredDeserializeWithTransfer. */
  function structuredDeserialize(record) {
    const transferred = record.transfers.map((node) => (node.type === 'ArrayBuffer' ? arrayBufferTransfer(node.data)
      : serializablesOrTransferable(node.type).receive(node)));
    return deserializeValue(record.root, { memory: [], transferred });
  }

  /** StructuredDeserialize; state.memory holds the objects made so far, by id. */
  function deserializeValue(node, state) {
    if (node === null || typeof node !== 'object') {
      return node;
    }
    switch (node.type) {
      case 'ref':
        return state.memory[node.id];
      case 'transferred':
        return state.transferred[node.index];
      case 'Boolean':
      case 'Number':
      case 'String':
      case 'BigInt':
        return remember(state, node, Object(node.value));
      case 'Date':
        return remember(state, node, new Date(node.time));
      case 'RegExp':
        return remember(state, node, new RegExp(node.source, node.flags));
      case 'ArrayBuffer': {
        const byteLength = arrayBufferByteLength(node.data);
        const buffer = node.maxByteLength === undefined ? new ArrayBuffer(byteLength)
          : new ArrayBuffer(byteLength, { maxByteLength: node.maxByteLength });
        new Uint8Array(buffer).set(new Uint8Array(node.data));
        return remember(state, node, buffer);
      }
      case 'ArrayBufferView': {
        const buffer = deserializeValue(node.buffer, state);
        const Constructor = VIEW_CONSTRUCTORS.get(node.constructorName);
        const length = node.constructorName === 'DataView' ? node.byteLength : node.length;
        const view = length === 'auto' ? new Constructor(buffer, node.byteOffset)
          : new Constructor(buffer, node.byteOffset, length);
        return remember(state, node, view);
      }
      case 'Map': {
        const map = remember(state, node, new Map());
        for (const [key, value] of node.entries) {
          mapSet(map, deserializeValue(key, state), deserializeValue(value, state));
        }
        return map;
      }
      case 'Set': {
        const set = remember(state, node, new Set());
        for (const value of node.values) {
          setAdd(set, deserializeValue(value, state));
        }
        return set;
      }
      case 'Error': {
        const Constructor = ERROR_CONSTRUCTORS.get(node.name) ?? Error;
        const error = remember(state, node, node.message === undefined ? new Constructor() : new Constructor(node.message));
        restoreStack(error, node.stack);
        if (hasOwn(node, 'cause')) {
          defineProperty(error, 'cause', {
            value: deserializeValue(node.cause, state), writable: true, enumerable: false, configurable: true,
          });
        }
        return error;
      }
      case 'DOMException': {
        const exception = remember(state, node, domException(node.name, node.message));
        restoreStack(exception, node.stack);
        return exception;
      }
      case 'Array':
        return deserializeProperties(remember(state, node, new Array(node.length)), node.properties, state);
      case 'Object':
        return deserializeProperties(remember(state, node, {}), node.properties, state);
      default: {
        const steps = serializablesByType.get(node.type);
        if (steps === undefined) {
          throw dataCloneError(`Unknown serialized type '${node.type}'.`);
        }
        return remember(state, node, steps.deserialize(node));
      }
    }
  }

  function serializablesOrTransferable(type) {
    const steps = transferablesByType.get(type);
    if (steps === undefined) {
      throw dataCloneError(`Unknown transferred type '${type}'.`);
    }
    return steps;
  }

  function remember(state, node, value) {
    state.memory[node.id] = value;
    return value;
  }

  /** Gives a deserialized error its original stack (or none), not the one made while deserializing. */
  function restoreStack(error, stack) {
    if (stack === undefined) {
      delete error.stack;
    } else {
      defineProperty(error, 'stack', { value: stack, writable: true, enumerable: false, configurable: true });
    }
  }

  function deserializeProperties(object, properties, state) {
    for (const [key, value] of properties) {
      // CreateDataProperty: a '__proto__' key becomes an own property, and no setter runs.
      defineProperty(object, key, {
        value: deserializeValue(value, state), writable: true, enumerable: true, configurable: true,
      });
    }
    return object;
  }

  // ------------------------------------------------------------------------------ structuredClone

  /**
   * The transfer member of a StructuredSerializeOptions dictionary, as a WebIDL sequence<object>;
   * with `allowSequence`, the overload postMessage(message, transfer) has too: an iterable
   * argument is the transfer list itself.
   */
  function transferListOf(options, what, allowSequence = false) {
    if (options === undefined || options === null) {
      return [];
    }
    if (typeof options !== 'object' && typeof options !== 'function') {
      throw new TypeError(`${what}: The provided value is not of type 'StructuredSerializeOptions'.`);
    }
    const isSequence = allowSequence && typeof options[Symbol.iterator] === 'function';
    const transfer = isSequence ? options : options.transfer;
    if (transfer === undefined) {
      return [];
    }
    if (transfer === null || typeof transfer !== 'object' || typeof transfer[Symbol.iterator] !== 'function') {
      throw new TypeError(`${what}: Failed to read the 'transfer' property from 'StructuredSerializeOptions': `
        + 'The provided value cannot be converted to a sequence.');
    }
    const list = [...transfer];
    for (const item of list) {
      if (item === null || (typeof item !== 'object' && typeof item !== 'function')) {
        throw new TypeError(`${what}: Failed to read the 'transfer' property from 'StructuredSerializeOptions': `
          + 'Failed to convert value to \'object\'.');
      }
    }
    return list;
  }

  const { structuredClone } = {
    // Method syntax: an operation, not a constructor.
    structuredClone(value, options = undefined) {
      const what = "Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope'";
      requiredArguments(arguments.length, 1, what);
      return structuredDeserialize(structuredSerialize(value, transferListOf(options, what)));
    },
  };

  defineGlobal('structuredClone', structuredClone);

  Object.assign(internals, {
    structuredSerialize, structuredDeserialize, registerSerializable, registerTransferable, transferListOf,
  });
})
