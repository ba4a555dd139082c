// The WHATWG Streams Standard (https://streams.spec.whatwg.org/): ReadableStream (default and
// byte streams, default and BYOB readers, tee, pipeTo/pipeThrough, async iteration, from()),
// WritableStream, TransformStream and the queuing strategies; the Encoding Standard's
// TextEncoderStream and TextDecoderStream; the Compression Standard's CompressionStream and
// DecompressionStream, whose (de)compression runs in Java (StreamsBinding).
//
// Every function named after one of the spec's abstract operations (ReadableStreamCancel,
// ReadableByteStreamControllerRespondInternal, ...) implements that operation, step by step.
// The spec's internal slots live in plain "records" (one per stream, reader, controller, BYOB
// request and writer) held in a private field of the public object; the abstract operations work
// on records, so nothing here goes through properties a script can patch. Queues are linked lists
// (Queue), not arrays, for the same reason.
//
// Exports on `internals.streams`, for the fetch and blob bindings (all take and return the public
// objects; none goes through user-patchable globals or prototypes):
//   ReadableStream, WritableStream, TransformStream      the interface objects as first defined
//   isReadableStream(value) → boolean
//   isDisturbed(stream) / isLocked(stream) / isErrored(stream) / isClosed(stream) → boolean
//   storedError(stream) → any                             the error of an errored stream
//   createByteStream({ pull, cancel, highWaterMark = 0 }) → ReadableStream
//       the spec's "set up with byte reading support". pull(controller) and cancel(reason) may
//       return promises (or throw); pull is called whenever the stream wants more (desiredSize > 0
//       or a read is waiting) and not again until its promise settles. `controller` is an
//       internal object: enqueue(Uint8Array) (takes over the chunk's buffer), close(), error(e),
//       desiredSize (getter), byobRequestView() → the view a waiting BYOB read wants filled, or null.
//   fromBytes(Uint8Array) → ReadableStream                a byte stream of a copy of the bytes, closed
//   createStream({ start, pull, cancel, highWaterMark = 1, size }) → ReadableStream
//       CreateReadableStream with the same controller object as createByteStream (enqueue(any)).
//   readAllBytes(stream) → Promise<Uint8Array>            "read all bytes" through a new reader;
//       throws a TypeError if the stream is locked; rejects if a chunk is not a Uint8Array (and
//       cancels the stream); the stream stays locked and disturbed afterwards, as a consumed body is
//   tee(stream, cloneForBranch2 = false) → [branch1, branch2]   ReadableStreamTee (Response.clone())
//   cancel(stream, reason) → Promise<undefined>           ReadableStreamCancel
//   acquireReader(stream) → ReadableStreamDefaultReader   throws a TypeError if locked
//   readChunk(reader) → Promise<{ value, done }>          ReadableStreamDefaultReaderRead
//   releaseReader(reader)                                 ReadableStreamDefaultReaderRelease
//   pipeTo(source, dest, { preventClose, preventAbort, preventCancel, signal } = {}) → Promise
//   errorStream(stream, e)                                errors a readable stream (any controller)
(function (host, internals, config) {
  'use strict';
  const {
    defineGlobal, brand, enumerableMembers, requiredArguments, uncurry, getterOf, kindOf,
    isAbortSignal, signalAbort, addAbortAlgorithm, removeAbortAlgorithm, structuredSerialize, structuredDeserialize,
  } = internals;

  // The built-ins this file uses, captured before user scripts can replace them.
  const {
    AbortController, AbortSignal, ArrayBuffer, Boolean, DataView, Math, Number, Object, Promise, RangeError, Reflect,
    String, Symbol, TextDecoder, TypeError, Uint8Array,
  } = globalThis;
  const reflectApply = Reflect.apply;
  const promiseThen = uncurry(Promise.prototype.then);
  const promiseResolveFunction = Promise.resolve;
  const promiseRejectFunction = Promise.reject;
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const typedArrayBuffer = getterOf(TypedArrayPrototype, 'buffer');
  const typedArrayByteOffset = getterOf(TypedArrayPrototype, 'byteOffset');
  const typedArrayByteLength = getterOf(TypedArrayPrototype, 'byteLength');
  const typedArrayLength = getterOf(TypedArrayPrototype, 'length');
  const typedArrayName = getterOf(TypedArrayPrototype, Symbol.toStringTag);
  const typedArraySet = uncurry(TypedArrayPrototype.set);
  const dataViewBuffer = getterOf(DataView.prototype, 'buffer');
  const dataViewByteOffset = getterOf(DataView.prototype, 'byteOffset');
  const dataViewByteLength = getterOf(DataView.prototype, 'byteLength');
  const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength');
  const arrayBufferDetached = getterOf(ArrayBuffer.prototype, 'detached');
  const arrayBufferTransfer = uncurry(ArrayBuffer.prototype.transfer);
  const SharedArrayBuffer = globalThis.SharedArrayBuffer;
  const sharedArrayBufferByteLength = SharedArrayBuffer ? getterOf(SharedArrayBuffer.prototype, 'byteLength') : undefined;
  const { isView } = ArrayBuffer;
  const abortControllerSignal = getterOf(AbortController.prototype, 'signal');
  const abortSignalAborted = getterOf(AbortSignal.prototype, 'aborted');
  const abortSignalReason = getterOf(AbortSignal.prototype, 'reason');
  const textDecoderDecode = uncurry(TextDecoder.prototype.decode);
  const textDecoderEncoding = getterOf(TextDecoder.prototype, 'encoding');
  const textDecoderFatal = getterOf(TextDecoder.prototype, 'fatal');
  const textDecoderIgnoreBOM = getterOf(TextDecoder.prototype, 'ignoreBOM');
  const { utf8Encode } = internals;
  const stringCharCodeAt = uncurry(String.prototype.charCodeAt);
  const stringSlice = uncurry(String.prototype.slice);
  const symbolIterator = Symbol.iterator;
  const symbolAsyncIterator = Symbol.asyncIterator;
  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

  /** The typed array constructors by name, with their element sizes (the spec's table). */
  const TYPED_ARRAYS = new Map();
  for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
    'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    const constructor = globalThis[name];
    if (typeof constructor === 'function') {
      TYPED_ARRAYS.set(name, { constructor, elementSize: constructor.BYTES_PER_ELEMENT });
    }
  }
  const mapGet = uncurry(Map.prototype.get);

  /** Module-private key that lets this file construct objects whose constructors are illegal to scripts. */
  const KEY = Symbol('streams');
  const noop = () => {};

  // ------------------------------------------------------------------------------ promises

  const promiseResolve = (value) => reflectApply(promiseResolveFunction, Promise, [value]);
  const promiseReject = (reason) => reflectApply(promiseRejectFunction, Promise, [reason]);
  const resolvedUndefined = () => promiseResolve(undefined);

  /** A promise with its resolving functions; `pending` until one of them is called through settle*. */
  function newDeferred() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject, pending: true };
  }

  function resolveDeferred(deferred, value) {
    if (deferred.pending) {
      deferred.pending = false;
      deferred.resolve(value);
    }
  }

  function rejectDeferred(deferred, reason) {
    if (deferred.pending) {
      deferred.pending = false;
      deferred.reject(reason);
    }
  }

  function resolvedDeferred(value) {
    const deferred = newDeferred();
    resolveDeferred(deferred, value);
    return deferred;
  }

  function rejectedDeferred(reason) {
    const deferred = newDeferred();
    rejectDeferred(deferred, reason);
    markHandled(deferred.promise);
    return deferred;
  }

  /** WebIDL's "mark as handled": the rejection is never reported as unhandled. */
  function markHandled(promise) {
    promiseThen(promise, undefined, noop);
  }

  /** WebIDL's "react to" / "upon fulfillment" / "upon rejection"; returns the derived promise. */
  function react(promise, onFulfilled, onRejected) {
    return promiseThen(promise, onFulfilled, onRejected);
  }

  /** "Upon settlement", where the derived promise is of no interest (it never rejects unhandled). */
  function upon(promise, onFulfilled, onRejected) {
    markHandled(promiseThen(promise, onFulfilled, onRejected));
  }

  /** Runs `fn` as a microtask. */
  function queueMicrotask(fn) {
    upon(resolvedUndefined(), fn);
  }

  /** WebIDL: an exception thrown by a promise-returning operation becomes a rejected promise. */
  function promiseCall(fn) {
    try {
      return fn();
    } catch (error) {
      return promiseReject(error);
    }
  }

  /** Waits for every promise; rejects with the first rejection (Promise.all without patchable lookups). */
  function waitForAll(promises, onSettled) {
    let remaining = promises.size;
    let failed = false;
    if (remaining === 0) {
      return resolvedUndefined();
    }
    const result = newDeferred();
    for (let node = promises.head; node !== null; node = node.next) {
      upon(node.value, () => {
        if (--remaining === 0 && !failed) {
          resolveDeferred(result, undefined);
        }
      }, (reason) => {
        if (!failed) {
          failed = true;
          rejectDeferred(result, reason);
        }
      });
    }
    return result.promise;
  }

  // ------------------------------------------------------------------------------ queues

  /** A FIFO; a linked list so that neither Array.prototype nor index setters are involved. */
  class Queue {
    head = null;
    tail = null;
    size = 0;

    push(value) {
      const node = { value, next: null };
      if (this.tail === null) {
        this.head = node;
      } else {
        this.tail.next = node;
      }
      this.tail = node;
      this.size++;
    }

    shift() {
      const node = this.head;
      this.head = node.next;
      if (this.head === null) {
        this.tail = null;
      }
      this.size--;
      return node.value;
    }

    peek() {
      return this.head.value;
    }

    /** Removes every element, returning them as a new queue. */
    takeAll() {
      const taken = new Queue();
      taken.head = this.head;
      taken.tail = this.tail;
      taken.size = this.size;
      this.head = this.tail = null;
      this.size = 0;
      return taken;
    }

    forEach(fn) {
      for (let node = this.head; node !== null; node = node.next) {
        fn(node.value);
      }
    }
  }

  // Queue-with-sizes (#queue-with-sizes): a container has `queue` and `queueTotalSize`.

  /** IsNonNegativeNumber */
  const IsNonNegativeNumber = (v) => typeof v === 'number' && !Number.isNaN(v) && v >= 0;

  /** EnqueueValueWithSize */
  function EnqueueValueWithSize(container, value, size) {
    if (!IsNonNegativeNumber(size) || size === Infinity) {
      throw new RangeError('The return value of a queuing strategy\'s size function must be a finite, non-NaN, non-negative number.');
    }
    container.queue.push({ value, size });
    container.queueTotalSize += size;
  }

  /** DequeueValue */
  function DequeueValue(container) {
    const pair = container.queue.shift();
    container.queueTotalSize -= pair.size;
    if (container.queueTotalSize < 0) {
      container.queueTotalSize = 0; // rounding errors
    }
    return pair.value;
  }

  /** PeekQueueValue */
  const PeekQueueValue = (container) => container.queue.peek().value;

  /** ResetQueue */
  function ResetQueue(container) {
    container.queue = new Queue();
    container.queueTotalSize = 0;
  }

  // ------------------------------------------------------------------------------ WebIDL conversions and buffers

  /** A dictionary argument: undefined and null are empty; other non-objects are TypeErrors. */
  function dictionary(value, what) {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'object' && typeof value !== 'function') {
      throw new TypeError(`${what} is not an object.`);
    }
    return value;
  }

  /** The `object` type: present arguments must be objects (null is not). */
  function optionalObject(value, what) {
    if (value !== undefined && (value === null || (typeof value !== 'object' && typeof value !== 'function'))) {
      throw new TypeError(`${what} is not an object.`);
    }
    return value;
  }

  function callbackMember(dict, name, what) {
    const value = dict === undefined ? undefined : dict[name];
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'function') {
      throw new TypeError(`${what}: '${name}' is not a function.`);
    }
    return value;
  }

  /** WebIDL unrestricted double (ToNumber, which rejects symbols and bigints). */
  const toDouble = (value) => +value;

  /** WebIDL [EnforceRange] unsigned long long. */
  function toEnforcedUnsigned(value, what) {
    let x = +value;
    if (!Number.isFinite(x)) {
      throw new TypeError(`${what} is not a finite number.`);
    }
    x = Math.trunc(x);
    if (x < 0 || x > Number.MAX_SAFE_INTEGER) {
      throw new TypeError(`${what} is outside the accepted range.`);
    }
    return x === 0 ? 0 : x;
  }

  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

  /** IsDetachedBuffer, for ArrayBuffers and SharedArrayBuffers alike. */
  function IsDetachedBuffer(buffer) {
    try {
      return arrayBufferDetached(buffer);
    } catch (e) {
      return false; // a SharedArrayBuffer is never detached
    }
  }

  function bufferByteLength(buffer) {
    try {
      return arrayBufferByteLength(buffer);
    } catch (e) {
      return sharedArrayBufferByteLength(buffer);
    }
  }

  /** TransferArrayBuffer: throws a TypeError for detached and shared buffers. */
  function TransferArrayBuffer(buffer) {
    if (IsDetachedBuffer(buffer)) {
      throw new TypeError('The ArrayBuffer is detached.');
    }
    return arrayBufferTransfer(buffer);
  }

  /** CanTransferArrayBuffer */
  const CanTransferArrayBuffer = (buffer) => kindOf(buffer) === 'ArrayBuffer' && !IsDetachedBuffer(buffer);

  /** The [[ViewedArrayBuffer]], byte offset and length and element info of an ArrayBufferView. */
  function viewInfo(view) {
    const name = typedArrayName(view);
    if (name === undefined) {
      return {
        buffer: dataViewBuffer(view), byteOffset: dataViewByteOffset(view), byteLength: dataViewByteLength(view),
        elementSize: 1, constructor: DataView, length: undefined,
      };
    }
    const { constructor, elementSize } = mapGet(TYPED_ARRAYS, name);
    return {
      buffer: typedArrayBuffer(view), byteOffset: typedArrayByteOffset(view), byteLength: typedArrayByteLength(view),
      elementSize, constructor, length: typedArrayLength(view),
    };
  }

  function requireView(value, what) {
    if (!isView(value)) {
      throw new TypeError(`${what} is not an ArrayBufferView.`);
    }
    return value;
  }

  /** CopyDataBlockBytes between two buffers. */
  function CopyDataBlockBytes(toBuffer, toIndex, fromBuffer, fromIndex, count) {
    typedArraySet(new Uint8Array(toBuffer, toIndex, count), new Uint8Array(fromBuffer, fromIndex, count));
  }

  /** CloneArrayBuffer (without ArrayBuffer.prototype.slice, whose species lookup scripts could hijack). */
  function CloneArrayBuffer(buffer, byteOffset, byteLength) {
    const clone = new ArrayBuffer(byteLength);
    CopyDataBlockBytes(clone, 0, buffer, byteOffset, byteLength);
    return clone;
  }

  /** CloneAsUint8Array */
  function CloneAsUint8Array(view) {
    const info = viewInfo(view);
    return new Uint8Array(CloneArrayBuffer(info.buffer, info.byteOffset, info.byteLength));
  }

  /** StructuredClone, for ReadableStreamDefaultTee's cloneForBranch2. */
  const StructuredClone = (value) => structuredDeserialize(structuredSerialize(value));

  // ------------------------------------------------------------------------------ queuing strategies

  /** The QueuingStrategy dictionary, converted (members in WebIDL's lexicographic order). */
  function queuingStrategy(strategy, what) {
    const dict = dictionary(strategy, what);
    let highWaterMark = dict === undefined ? undefined : dict.highWaterMark;
    if (highWaterMark !== undefined) {
      highWaterMark = toDouble(highWaterMark);
    }
    const size = callbackMember(dict, 'size', what);
    return { highWaterMark, size };
  }

  /** ExtractHighWaterMark */
  function ExtractHighWaterMark(strategy, defaultHWM) {
    if (strategy.highWaterMark === undefined) {
      return defaultHWM;
    }
    const highWaterMark = strategy.highWaterMark;
    if (Number.isNaN(highWaterMark) || highWaterMark < 0) {
      throw new RangeError('The highWaterMark must be a non-negative number.');
    }
    return highWaterMark;
  }

  /** ExtractSizeAlgorithm */
  function ExtractSizeAlgorithm(strategy) {
    const size = strategy.size;
    if (size === undefined) {
      return () => 1;
    }
    return (chunk) => toDouble(reflectApply(size, undefined, [chunk]));
  }

  /** Algorithms that call an underlying object's method: "invoke" with a promise result. */
  function promiseInvoker(method, thisArg) {
    return (...args) => {
      try {
        return promiseResolve(reflectApply(method, thisArg, args));
      } catch (error) {
        return promiseReject(error);
      }
    };
  }

  // ------------------------------------------------------------------------------ ReadableStream

  let readableStreamRecord; // value → record or undefined
  let readerRecord;
  let defaultControllerRecord;
  let byteControllerRecord;
  let byobRequestRecord;

  class ReadableStream {
    #record;

    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === KEY) {
        this.#record = newReadableStreamRecord(this);
        return;
      }
      const what = "Failed to construct 'ReadableStream'";
      optionalObject(underlyingSource, `${what}: underlyingSource`);
      const strategyDict = queuingStrategy(strategy, `${what}: strategy`);
      const source = underlyingSource === undefined ? null : underlyingSource;
      const sourceDict = underlyingSourceDictionary(underlyingSource, what);
      const stream = this.#record = newReadableStreamRecord(this);
      if (sourceDict.type === 'bytes') {
        if (strategyDict.size !== undefined) {
          throw new RangeError(`${what}: a byte stream's strategy cannot have a size function.`);
        }
        const highWaterMark = ExtractHighWaterMark(strategyDict, 0);
        SetUpReadableByteStreamControllerFromUnderlyingSource(stream, source, sourceDict, highWaterMark);
      } else {
        const sizeAlgorithm = ExtractSizeAlgorithm(strategyDict);
        const highWaterMark = ExtractHighWaterMark(strategyDict, 1);
        SetUpReadableStreamDefaultControllerFromUnderlyingSource(stream, source, sourceDict, highWaterMark, sizeAlgorithm);
      }
    }

    static {
      readableStreamRecord = (value) => (isObject(value) && #record in value ? value.#record : undefined);
    }

    get locked() {
      return IsReadableStreamLocked(thisStream(this));
    }

    cancel(reason = undefined) {
      return promiseCall(() => {
        const stream = thisStream(this);
        if (IsReadableStreamLocked(stream)) {
          throw new TypeError("Failed to execute 'cancel' on 'ReadableStream': the stream is locked.");
        }
        return ReadableStreamCancel(stream, reason);
      });
    }

    getReader(options = undefined) {
      const stream = thisStream(this);
      const dict = dictionary(options, "Failed to execute 'getReader' on 'ReadableStream': options");
      let mode = dict === undefined ? undefined : dict.mode;
      if (mode !== undefined) {
        mode = `${mode}`;
        if (mode !== 'byob') {
          throw new TypeError(`Failed to execute 'getReader' on 'ReadableStream': '${mode}' is not a valid ReadableStreamReaderMode.`);
        }
      }
      return mode === undefined ? AcquireReadableStreamDefaultReader(stream).wrapper
        : AcquireReadableStreamBYOBReader(stream).wrapper;
    }

    pipeThrough(transform, options = undefined) {
      const stream = thisStream(this);
      const what = "Failed to execute 'pipeThrough' on 'ReadableStream'";
      requiredArguments(arguments.length, 1, what);
      const pair = dictionary(transform, `${what}: transform`);
      const readable = readableStreamRecord(pair === undefined ? undefined : pair.readable);
      if (readable === undefined) {
        throw new TypeError(`${what}: transform.readable is not a ReadableStream.`);
      }
      const writable = writableStreamRecord(pair.writable);
      if (writable === undefined) {
        throw new TypeError(`${what}: transform.writable is not a WritableStream.`);
      }
      const { preventAbort, preventCancel, preventClose, signal } = pipeOptions(options, what);
      if (IsReadableStreamLocked(stream)) {
        throw new TypeError(`${what}: the stream is locked.`);
      }
      if (IsWritableStreamLocked(writable)) {
        throw new TypeError(`${what}: transform.writable is locked.`);
      }
      const promise = ReadableStreamPipeTo(stream, writable, preventClose, preventAbort, preventCancel, signal);
      markHandled(promise);
      return readable.wrapper;
    }

    pipeTo(destination, options = undefined) {
      return promiseCall(() => {
        const stream = thisStream(this);
        const what = "Failed to execute 'pipeTo' on 'ReadableStream'";
        requiredArguments(arguments.length, 1, what);
        const dest = writableStreamRecord(destination);
        if (dest === undefined) {
          throw new TypeError(`${what}: parameter 1 is not a WritableStream.`);
        }
        const { preventAbort, preventCancel, preventClose, signal } = pipeOptions(options, what);
        if (IsReadableStreamLocked(stream)) {
          throw new TypeError(`${what}: the stream is locked.`);
        }
        if (IsWritableStreamLocked(dest)) {
          throw new TypeError(`${what}: the destination is locked.`);
        }
        return ReadableStreamPipeTo(stream, dest, preventClose, preventAbort, preventCancel, signal);
      });
    }

    tee() {
      const branches = ReadableStreamTee(thisStream(this), false);
      return [branches[0].wrapper, branches[1].wrapper];
    }

    values(options = undefined) {
      const stream = thisStream(this);
      const dict = dictionary(options, "Failed to execute 'values' on 'ReadableStream': options");
      const preventCancel = Boolean(dict === undefined ? undefined : dict.preventCancel);
      const reader = AcquireReadableStreamDefaultReader(stream);
      return new ReadableStreamAsyncIterator(KEY, reader, preventCancel);
    }

    static from(asyncIterable) {
      requiredArguments(arguments.length, 1, "Failed to execute 'from' on 'ReadableStream'");
      return ReadableStreamFromIterable(asyncIterable).wrapper;
    }
  }
  Object.defineProperty(ReadableStream.prototype, symbolAsyncIterator, {
    value: ReadableStream.prototype.values, writable: true, configurable: true, enumerable: false,
  });
  enumerableMembers(ReadableStream, ['locked', 'cancel', 'getReader', 'pipeThrough', 'pipeTo', 'tee', 'values']);
  Object.defineProperty(ReadableStream, 'from', { enumerable: true });
  brand(ReadableStream);

  function thisStream(value) {
    const record = readableStreamRecord(value);
    if (record === undefined) {
      throw new TypeError('Illegal invocation: not a ReadableStream.');
    }
    return record;
  }

  /** The UnderlyingSource dictionary (members in lexicographic order). */
  function underlyingSourceDictionary(source, what) {
    const dict = source === undefined ? undefined : source;
    let autoAllocateChunkSize = dict === undefined ? undefined : dict.autoAllocateChunkSize;
    if (autoAllocateChunkSize !== undefined) {
      autoAllocateChunkSize = toEnforcedUnsigned(autoAllocateChunkSize, `${what}: autoAllocateChunkSize`);
    }
    const cancel = callbackMember(dict, 'cancel', what);
    const pull = callbackMember(dict, 'pull', what);
    const start = callbackMember(dict, 'start', what);
    let type = dict === undefined ? undefined : dict.type;
    if (type !== undefined) {
      type = `${type}`;
      if (type !== 'bytes') {
        throw new TypeError(`${what}: '${type}' is not a valid ReadableStreamType.`);
      }
    }
    return { autoAllocateChunkSize, cancel, pull, start, type };
  }

  /** The StreamPipeOptions dictionary. */
  function pipeOptions(options, what) {
    const dict = dictionary(options, `${what}: options`);
    if (dict === undefined) {
      return { preventAbort: false, preventCancel: false, preventClose: false, signal: undefined };
    }
    const preventAbort = Boolean(dict.preventAbort);
    const preventCancel = Boolean(dict.preventCancel);
    const preventClose = Boolean(dict.preventClose);
    const signal = dict.signal;
    if (signal !== undefined && !isAbortSignal(signal)) {
      throw new TypeError(`${what}: options.signal is not an AbortSignal.`);
    }
    return { preventAbort, preventCancel, preventClose, signal };
  }

  /** InitializeReadableStream, on a new record. */
  function newReadableStreamRecord(wrapper) {
    return {
      wrapper, state: 'readable', reader: undefined, storedError: undefined, disturbed: false, controller: undefined,
    };
  }

  /** CreateReadableStream */
  function CreateReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = () => 1) {
    const stream = readableStreamRecord(new ReadableStream(KEY));
    const controller = newDefaultControllerRecord();
    SetUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm,
      highWaterMark, sizeAlgorithm);
    return stream;
  }

  /** CreateReadableByteStream */
  function CreateReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 0) {
    const stream = readableStreamRecord(new ReadableStream(KEY));
    const controller = newByteControllerRecord();
    SetUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm,
      highWaterMark, undefined);
    return stream;
  }

  /** IsReadableStreamLocked */
  const IsReadableStreamLocked = (stream) => stream.reader !== undefined;

  /** ReadableStreamFromIterable */
  function ReadableStreamFromIterable(asyncIterable) {
    const iteratorRecord = GetAsyncIterator(asyncIterable);
    let stream;
    const startAlgorithm = () => undefined;
    const pullAlgorithm = () => {
      let nextResult;
      try {
        nextResult = reflectApply(iteratorRecord.nextMethod, iteratorRecord.iterator, []);
      } catch (error) {
        return promiseReject(error);
      }
      return react(promiseResolve(nextResult), (iterResult) => {
        if (!isObject(iterResult)) {
          throw new TypeError('The iterator\'s next() result is not an object.');
        }
        if (iterResult.done) {
          ReadableStreamDefaultControllerClose(stream.controller);
        } else {
          ReadableStreamDefaultControllerEnqueue(stream.controller, iterResult.value);
        }
      });
    };
    const cancelAlgorithm = (reason) => {
      const iterator = iteratorRecord.iterator;
      let returnResult;
      try {
        const returnMethod = iterator.return;
        if (returnMethod === undefined || returnMethod === null) {
          return resolvedUndefined();
        }
        if (typeof returnMethod !== 'function') {
          throw new TypeError('The iterator\'s return is not a function.');
        }
        returnResult = reflectApply(returnMethod, iterator, [reason]);
      } catch (error) {
        return promiseReject(error);
      }
      return react(promiseResolve(returnResult), (iterResult) => {
        if (!isObject(iterResult)) {
          throw new TypeError('The iterator\'s return() result is not an object.');
        }
      });
    };
    stream = CreateReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, 0);
    return stream;
  }

  /** GetIterator(obj, async), with CreateAsyncFromSyncIterator for sync iterables. */
  function GetAsyncIterator(obj) {
    let method = obj === undefined || obj === null ? undefined : obj[symbolAsyncIterator];
    if (method === undefined || method === null) {
      const syncMethod = obj === undefined || obj === null ? undefined : obj[symbolIterator];
      if (syncMethod === undefined || syncMethod === null) {
        throw new TypeError("Failed to execute 'from' on 'ReadableStream': the argument is not async iterable.");
      }
      if (typeof syncMethod !== 'function') {
        throw new TypeError("Failed to execute 'from' on 'ReadableStream': Symbol.iterator is not a function.");
      }
      const syncIterator = reflectApply(syncMethod, obj, []);
      if (!isObject(syncIterator)) {
        throw new TypeError("Failed to execute 'from' on 'ReadableStream': the iterator is not an object.");
      }
      return CreateAsyncFromSyncIterator({ iterator: syncIterator, nextMethod: syncIterator.next });
    }
    if (typeof method !== 'function') {
      throw new TypeError("Failed to execute 'from' on 'ReadableStream': Symbol.asyncIterator is not a function.");
    }
    const iterator = reflectApply(method, obj, []);
    if (!isObject(iterator)) {
      throw new TypeError("Failed to execute 'from' on 'ReadableStream': the async iterator is not an object.");
    }
    return { iterator, nextMethod: iterator.next };
  }

  /** CreateAsyncFromSyncIterator (ECMAScript), reduced to next() and return(). */
  function CreateAsyncFromSyncIterator(syncRecord) {
    /** AsyncFromSyncIteratorContinuation */
    const continuation = (result) => {
      const done = Boolean(result.done);
      const valueWrapper = promiseResolve(result.value);
      return react(valueWrapper, (value) => ({ value, done }));
    };
    const iterator = {
      next(value) {
        return promiseCall(() => {
          const result = reflectApply(syncRecord.nextMethod, syncRecord.iterator, [value]);
          if (!isObject(result)) {
            throw new TypeError('The iterator\'s next() result is not an object.');
          }
          return continuation(result);
        });
      },
      return(value) {
        return promiseCall(() => {
          const returnMethod = syncRecord.iterator.return;
          if (returnMethod === undefined || returnMethod === null) {
            return promiseResolve({ value, done: true });
          }
          const result = reflectApply(returnMethod, syncRecord.iterator, [value]);
          if (!isObject(result)) {
            throw new TypeError('The iterator\'s return() result is not an object.');
          }
          return continuation(result);
        });
      },
    };
    return { iterator, nextMethod: iterator.next };
  }

  // Interfacing with controllers (#rs-abstract-ops-used-by-controllers)

  /** ReadableStreamAddReadIntoRequest */
  function ReadableStreamAddReadIntoRequest(stream, readIntoRequest) {
    stream.reader.requests.push(readIntoRequest);
  }

  /** ReadableStreamAddReadRequest */
  function ReadableStreamAddReadRequest(stream, readRequest) {
    stream.reader.requests.push(readRequest);
  }

  /** ReadableStreamCancel */
  function ReadableStreamCancel(stream, reason) {
    stream.disturbed = true;
    if (stream.state === 'closed') {
      return resolvedUndefined();
    }
    if (stream.state === 'errored') {
      return promiseReject(stream.storedError);
    }
    ReadableStreamClose(stream);
    const reader = stream.reader;
    if (reader !== undefined && reader.byob) {
      const readIntoRequests = reader.requests.takeAll();
      readIntoRequests.forEach((readIntoRequest) => readIntoRequest.closeSteps(undefined));
    }
    const sourceCancelPromise = stream.controller.byte
      ? ReadableByteStreamControllerCancelSteps(stream.controller, reason)
      : ReadableStreamDefaultControllerCancelSteps(stream.controller, reason);
    return react(sourceCancelPromise, () => undefined);
  }

  /** ReadableStreamClose */
  function ReadableStreamClose(stream) {
    stream.state = 'closed';
    const reader = stream.reader;
    if (reader === undefined) {
      return;
    }
    resolveDeferred(reader.closed, undefined);
    if (!reader.byob) {
      const readRequests = reader.requests.takeAll();
      readRequests.forEach((readRequest) => readRequest.closeSteps());
    }
  }

  /** ReadableStreamError */
  function ReadableStreamError(stream, e) {
    stream.state = 'errored';
    stream.storedError = e;
    const reader = stream.reader;
    if (reader === undefined) {
      return;
    }
    rejectDeferred(reader.closed, e);
    markHandled(reader.closed.promise);
    if (reader.byob) {
      ReadableStreamBYOBReaderErrorReadIntoRequests(reader, e);
    } else {
      ReadableStreamDefaultReaderErrorReadRequests(reader, e);
    }
  }

  /** ReadableStreamFulfillReadIntoRequest */
  function ReadableStreamFulfillReadIntoRequest(stream, chunk, done) {
    const readIntoRequest = stream.reader.requests.shift();
    if (done) {
      readIntoRequest.closeSteps(chunk);
    } else {
      readIntoRequest.chunkSteps(chunk);
    }
  }

  /** ReadableStreamFulfillReadRequest */
  function ReadableStreamFulfillReadRequest(stream, chunk, done) {
    const readRequest = stream.reader.requests.shift();
    if (done) {
      readRequest.closeSteps();
    } else {
      readRequest.chunkSteps(chunk);
    }
  }

  /** ReadableStreamGetNumReadIntoRequests, ReadableStreamGetNumReadRequests */
  const ReadableStreamGetNumRequests = (stream) => stream.reader.requests.size;

  /** ReadableStreamHasBYOBReader */
  const ReadableStreamHasBYOBReader = (stream) => stream.reader !== undefined && stream.reader.byob;

  /** ReadableStreamHasDefaultReader */
  const ReadableStreamHasDefaultReader = (stream) => stream.reader !== undefined && !stream.reader.byob;

  // ------------------------------------------------------------------------------ readers

  /** A reader record: `requests` holds read requests (default) or read-into requests (BYOB). */
  function newReaderRecord(wrapper, byob) {
    return { wrapper, byob, stream: undefined, closed: undefined, requests: new Queue() };
  }

  function thisReader(value, byob, method) {
    const record = readerRecord(value);
    if (record === undefined || record.byob !== byob) {
      const name = byob ? 'ReadableStreamBYOBReader' : 'ReadableStreamDefaultReader';
      throw new TypeError(`Illegal invocation: '${method}' called on an object that is not a ${name}.`);
    }
    return record;
  }

  /** The members both reader classes share (ReadableStreamGenericReader). */
  function closedOf(reader) {
    return reader.closed.promise;
  }

  function genericCancel(reader, reason, name) {
    if (reader.stream === undefined) {
      throw new TypeError(`Failed to execute 'cancel' on '${name}': the reader has been released.`);
    }
    return ReadableStreamReaderGenericCancel(reader, reason);
  }

  class ReadableStreamDefaultReader {
    #record;

    constructor(stream) {
      requiredArguments(arguments.length, 1, "Failed to construct 'ReadableStreamDefaultReader'");
      const streamRecord = readableStreamRecord(stream);
      if (streamRecord === undefined) {
        throw new TypeError("Failed to construct 'ReadableStreamDefaultReader': parameter 1 is not a ReadableStream.");
      }
      this.#record = newReaderRecord(this, false);
      SetUpReadableStreamDefaultReader(this.#record, streamRecord);
    }

    static {
      readerRecord = (value) => (isObject(value) && #record in value ? value.#record : undefined);
    }

    get closed() {
      return promiseCall(() => closedOf(thisReader(this, false, 'closed')));
    }

    cancel(reason = undefined) {
      return promiseCall(() => genericCancel(thisReader(this, false, 'cancel'), reason, 'ReadableStreamDefaultReader'));
    }

    read() {
      return promiseCall(() => {
        const reader = thisReader(this, false, 'read');
        if (reader.stream === undefined) {
          throw new TypeError("Failed to execute 'read' on 'ReadableStreamDefaultReader': the reader has been released.");
        }
        return readResultPromise(reader);
      });
    }

    releaseLock() {
      const reader = thisReader(this, false, 'releaseLock');
      if (reader.stream === undefined) {
        return;
      }
      ReadableStreamDefaultReaderRelease(reader);
    }
  }
  enumerableMembers(ReadableStreamDefaultReader, ['closed', 'cancel', 'read', 'releaseLock']);
  brand(ReadableStreamDefaultReader);

  /** A read through ReadableStreamDefaultReaderRead, as a promise of { value, done }. */
  function readResultPromise(reader) {
    const deferred = newDeferred();
    ReadableStreamDefaultReaderRead(reader, {
      chunkSteps: (chunk) => resolveDeferred(deferred, { value: chunk, done: false }),
      closeSteps: () => resolveDeferred(deferred, { value: undefined, done: true }),
      errorSteps: (e) => rejectDeferred(deferred, e),
    });
    return deferred.promise;
  }

  class ReadableStreamBYOBReader {
    #record;

    constructor(stream) {
      requiredArguments(arguments.length, 1, "Failed to construct 'ReadableStreamBYOBReader'");
      const streamRecord = readableStreamRecord(stream);
      if (streamRecord === undefined) {
        throw new TypeError("Failed to construct 'ReadableStreamBYOBReader': parameter 1 is not a ReadableStream.");
      }
      this.#record = newReaderRecord(this, true);
      SetUpReadableStreamBYOBReader(this.#record, streamRecord);
    }

    static {
      const previous = readerRecord;
      readerRecord = (value) => {
        if (isObject(value) && #record in value) {
          return value.#record;
        }
        return previous(value);
      };
    }

    get closed() {
      return promiseCall(() => closedOf(thisReader(this, true, 'closed')));
    }

    cancel(reason = undefined) {
      return promiseCall(() => genericCancel(thisReader(this, true, 'cancel'), reason, 'ReadableStreamBYOBReader'));
    }

    read(view, options = undefined) {
      return promiseCall(() => {
        const reader = thisReader(this, true, 'read');
        const what = "Failed to execute 'read' on 'ReadableStreamBYOBReader'";
        requiredArguments(arguments.length, 1, what);
        requireView(view, `${what}: parameter 1`);
        const dict = dictionary(options, `${what}: options`);
        const minValue = dict === undefined ? undefined : dict.min;
        const min = minValue === undefined ? 1 : toEnforcedUnsigned(minValue, `${what}: options.min`);
        const info = viewInfo(view);
        if (info.byteLength === 0) {
          throw new TypeError(`${what}: the view is empty.`);
        }
        if (bufferByteLength(info.buffer) === 0) {
          throw new TypeError(`${what}: the view's buffer is empty.`);
        }
        if (IsDetachedBuffer(info.buffer)) {
          throw new TypeError(`${what}: the view's buffer is detached.`);
        }
        if (min === 0) {
          throw new TypeError(`${what}: options.min must be greater than 0.`);
        }
        if (info.length !== undefined ? min > info.length : min > info.byteLength) {
          throw new RangeError(`${what}: options.min is greater than the view's length.`);
        }
        if (reader.stream === undefined) {
          throw new TypeError(`${what}: the reader has been released.`);
        }
        const deferred = newDeferred();
        ReadableStreamBYOBReaderRead(reader, view, min, {
          chunkSteps: (chunk) => resolveDeferred(deferred, { value: chunk, done: false }),
          closeSteps: (chunk) => resolveDeferred(deferred, { value: chunk, done: true }),
          errorSteps: (e) => rejectDeferred(deferred, e),
        });
        return deferred.promise;
      });
    }

    releaseLock() {
      const reader = thisReader(this, true, 'releaseLock');
      if (reader.stream === undefined) {
        return;
      }
      ReadableStreamBYOBReaderRelease(reader);
    }
  }
  enumerableMembers(ReadableStreamBYOBReader, ['closed', 'cancel', 'read', 'releaseLock']);
  brand(ReadableStreamBYOBReader);

  /** AcquireReadableStreamBYOBReader */
  function AcquireReadableStreamBYOBReader(stream) {
    return readerRecord(new ReadableStreamBYOBReader(stream.wrapper));
  }

  /** AcquireReadableStreamDefaultReader */
  function AcquireReadableStreamDefaultReader(stream) {
    return readerRecord(new ReadableStreamDefaultReader(stream.wrapper));
  }

  /** ReadableStreamReaderGenericCancel */
  const ReadableStreamReaderGenericCancel = (reader, reason) => ReadableStreamCancel(reader.stream, reason);

  /** ReadableStreamReaderGenericInitialize */
  function ReadableStreamReaderGenericInitialize(reader, stream) {
    reader.stream = stream;
    stream.reader = reader;
    if (stream.state === 'readable') {
      reader.closed = newDeferred();
    } else if (stream.state === 'closed') {
      reader.closed = resolvedDeferred(undefined);
    } else {
      reader.closed = rejectedDeferred(stream.storedError);
    }
  }

  /** ReadableStreamReaderGenericRelease */
  function ReadableStreamReaderGenericRelease(reader) {
    const stream = reader.stream;
    const error = new TypeError('The reader was released.');
    if (stream.state === 'readable') {
      rejectDeferred(reader.closed, error);
    } else {
      reader.closed = rejectedDeferred(error);
    }
    markHandled(reader.closed.promise);
    if (stream.controller.byte) {
      ReadableByteStreamControllerReleaseSteps(stream.controller);
    }
    stream.reader = undefined;
    reader.stream = undefined;
  }

  /** ReadableStreamBYOBReaderErrorReadIntoRequests */
  function ReadableStreamBYOBReaderErrorReadIntoRequests(reader, e) {
    const readIntoRequests = reader.requests.takeAll();
    readIntoRequests.forEach((readIntoRequest) => readIntoRequest.errorSteps(e));
  }

  /** ReadableStreamBYOBReaderRead */
  function ReadableStreamBYOBReaderRead(reader, view, min, readIntoRequest) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === 'errored') {
      readIntoRequest.errorSteps(stream.storedError);
    } else {
      ReadableByteStreamControllerPullInto(stream.controller, view, min, readIntoRequest);
    }
  }

  /** ReadableStreamBYOBReaderRelease */
  function ReadableStreamBYOBReaderRelease(reader) {
    ReadableStreamReaderGenericRelease(reader);
    ReadableStreamBYOBReaderErrorReadIntoRequests(reader, new TypeError('The reader was released.'));
  }

  /** ReadableStreamDefaultReaderErrorReadRequests */
  function ReadableStreamDefaultReaderErrorReadRequests(reader, e) {
    const readRequests = reader.requests.takeAll();
    readRequests.forEach((readRequest) => readRequest.errorSteps(e));
  }

  /** ReadableStreamDefaultReaderRead */
  function ReadableStreamDefaultReaderRead(reader, readRequest) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === 'closed') {
      readRequest.closeSteps();
    } else if (stream.state === 'errored') {
      readRequest.errorSteps(stream.storedError);
    } else if (stream.controller.byte) {
      ReadableByteStreamControllerPullSteps(stream.controller, readRequest);
    } else {
      ReadableStreamDefaultControllerPullSteps(stream.controller, readRequest);
    }
  }

  /** ReadableStreamDefaultReaderRelease */
  function ReadableStreamDefaultReaderRelease(reader) {
    ReadableStreamReaderGenericRelease(reader);
    ReadableStreamDefaultReaderErrorReadRequests(reader, new TypeError('The reader was released.'));
  }

  /** SetUpReadableStreamBYOBReader */
  function SetUpReadableStreamBYOBReader(reader, stream) {
    if (IsReadableStreamLocked(stream)) {
      throw new TypeError("Failed to construct 'ReadableStreamBYOBReader': the stream is locked.");
    }
    if (!stream.controller.byte) {
      throw new TypeError("Failed to construct 'ReadableStreamBYOBReader': the stream is not a byte stream.");
    }
    ReadableStreamReaderGenericInitialize(reader, stream);
    reader.requests = new Queue();
  }

  /** SetUpReadableStreamDefaultReader */
  function SetUpReadableStreamDefaultReader(reader, stream) {
    if (IsReadableStreamLocked(stream)) {
      throw new TypeError("Failed to construct 'ReadableStreamDefaultReader': the stream is locked.");
    }
    ReadableStreamReaderGenericInitialize(reader, stream);
    reader.requests = new Queue();
  }

  // ------------------------------------------------------------------------------ async iteration

  /** WebIDL's asynchronous iterator over a ReadableStream, with the Streams spec's steps. */
  class ReadableStreamAsyncIterator {
    #reader;
    #preventCancel;
    #ongoingPromise = undefined;
    #isFinished = false;

    constructor(key, reader, preventCancel) {
      if (key !== KEY) {
        throw new TypeError('Illegal constructor');
      }
      this.#reader = reader;
      this.#preventCancel = preventCancel;
    }

    static #check(value) {
      if (!isObject(value) || !(#reader in value)) {
        throw new TypeError("Illegal invocation: not a ReadableStream async iterator.");
      }
      return value;
    }

    next() {
      return promiseCall(() => {
        const iterator = ReadableStreamAsyncIterator.#check(this);
        const nextSteps = () => {
          if (iterator.#isFinished) {
            return promiseResolve({ value: undefined, done: true });
          }
          const nextPromise = iterator.#getNextIterationResult();
          return react(nextPromise, (next) => {
            iterator.#ongoingPromise = undefined;
            if (next === END_OF_ITERATION) {
              iterator.#isFinished = true;
              return { value: undefined, done: true };
            }
            return { value: next, done: false };
          }, (reason) => {
            iterator.#ongoingPromise = undefined;
            iterator.#isFinished = true;
            throw reason;
          });
        };
        iterator.#ongoingPromise = iterator.#ongoingPromise === undefined ? nextSteps()
          : react(iterator.#ongoingPromise, nextSteps, nextSteps);
        return iterator.#ongoingPromise;
      });
    }

    return(value = undefined) {
      return promiseCall(() => {
        const iterator = ReadableStreamAsyncIterator.#check(this);
        const returnSteps = () => {
          if (iterator.#isFinished) {
            return promiseResolve({ value, done: true });
          }
          iterator.#isFinished = true;
          return iterator.#returnSteps(value);
        };
        iterator.#ongoingPromise = iterator.#ongoingPromise === undefined ? returnSteps()
          : react(iterator.#ongoingPromise, returnSteps, returnSteps);
        return react(iterator.#ongoingPromise, () => ({ value, done: true }));
      });
    }

    /** The Streams spec's "get the next iteration result" for ReadableStream. */
    #getNextIterationResult() {
      const reader = this.#reader;
      const deferred = newDeferred();
      ReadableStreamDefaultReaderRead(reader, {
        chunkSteps: (chunk) => resolveDeferred(deferred, chunk),
        closeSteps: () => {
          ReadableStreamDefaultReaderRelease(reader);
          resolveDeferred(deferred, END_OF_ITERATION);
        },
        errorSteps: (e) => {
          ReadableStreamDefaultReaderRelease(reader);
          rejectDeferred(deferred, e);
        },
      });
      return deferred.promise;
    }

    /** The Streams spec's "asynchronous iterator return" for ReadableStream. */
    #returnSteps(arg) {
      const reader = this.#reader;
      if (reader.stream === undefined) {
        return resolvedUndefined();
      }
      if (!this.#preventCancel) {
        const result = ReadableStreamCancel(reader.stream, arg);
        ReadableStreamDefaultReaderRelease(reader);
        return result;
      }
      ReadableStreamDefaultReaderRelease(reader);
      return resolvedUndefined();
    }
  }
  const END_OF_ITERATION = Symbol('end of iteration');
  const ReadableStreamAsyncIteratorPrototype = ReadableStreamAsyncIterator.prototype;
  delete ReadableStreamAsyncIteratorPrototype.constructor;
  Object.setPrototypeOf(ReadableStreamAsyncIteratorPrototype, AsyncIteratorPrototype);
  enumerableMembers(ReadableStreamAsyncIterator, ['next', 'return']);
  brand(ReadableStreamAsyncIterator, 'ReadableStream AsyncIterator');

  // ------------------------------------------------------------------------------ ReadableStreamDefaultController

  function newDefaultControllerRecord() {
    const record = {
      wrapper: undefined, byte: false, stream: undefined, queue: new Queue(), queueTotalSize: 0, started: false,
      closeRequested: false, pullAgain: false, pulling: false, strategySizeAlgorithm: undefined,
      strategyHWM: 0, pullAlgorithm: undefined, cancelAlgorithm: undefined,
    };
    record.wrapper = new ReadableStreamDefaultController(KEY, record);
    return record;
  }

  class ReadableStreamDefaultController {
    #record;

    constructor(key = undefined, record = undefined) {
      if (key !== KEY) {
        throw new TypeError("Failed to construct 'ReadableStreamDefaultController': Illegal constructor");
      }
      this.#record = record;
    }

    static {
      defaultControllerRecord = (value) => (isObject(value) && #record in value ? value.#record : undefined);
    }

    static #this(value) {
      const record = defaultControllerRecord(value);
      if (record === undefined) {
        throw new TypeError('Illegal invocation: not a ReadableStreamDefaultController.');
      }
      return record;
    }

    get desiredSize() {
      return ReadableStreamDefaultControllerGetDesiredSize(ReadableStreamDefaultController.#this(this));
    }

    close() {
      const controller = ReadableStreamDefaultController.#this(this);
      if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(controller)) {
        throw new TypeError("Failed to execute 'close' on 'ReadableStreamDefaultController': the stream is closed or closing.");
      }
      ReadableStreamDefaultControllerClose(controller);
    }

    enqueue(chunk = undefined) {
      const controller = ReadableStreamDefaultController.#this(this);
      if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(controller)) {
        throw new TypeError("Failed to execute 'enqueue' on 'ReadableStreamDefaultController': the stream is closed or closing.");
      }
      ReadableStreamDefaultControllerEnqueue(controller, chunk);
    }

    error(e = undefined) {
      ReadableStreamDefaultControllerError(ReadableStreamDefaultController.#this(this), e);
    }
  }
  enumerableMembers(ReadableStreamDefaultController, ['desiredSize', 'close', 'enqueue', 'error']);
  brand(ReadableStreamDefaultController);

  /** ReadableStreamDefaultController's [[CancelSteps]] */
  function ReadableStreamDefaultControllerCancelSteps(controller, reason) {
    ResetQueue(controller);
    const result = controller.cancelAlgorithm(reason);
    ReadableStreamDefaultControllerClearAlgorithms(controller);
    return result;
  }

  /** ReadableStreamDefaultController's [[PullSteps]] */
  function ReadableStreamDefaultControllerPullSteps(controller, readRequest) {
    const stream = controller.stream;
    if (controller.queue.size > 0) {
      const chunk = DequeueValue(controller);
      if (controller.closeRequested && controller.queue.size === 0) {
        ReadableStreamDefaultControllerClearAlgorithms(controller);
        ReadableStreamClose(stream);
      } else {
        ReadableStreamDefaultControllerCallPullIfNeeded(controller);
      }
      readRequest.chunkSteps(chunk);
    } else {
      ReadableStreamAddReadRequest(stream, readRequest);
      ReadableStreamDefaultControllerCallPullIfNeeded(controller);
    }
  }

  /** ReadableStreamDefaultControllerCallPullIfNeeded */
  function ReadableStreamDefaultControllerCallPullIfNeeded(controller) {
    if (!ReadableStreamDefaultControllerShouldCallPull(controller)) {
      return;
    }
    if (controller.pulling) {
      controller.pullAgain = true;
      return;
    }
    controller.pulling = true;
    const pullPromise = controller.pullAlgorithm();
    upon(pullPromise, () => {
      controller.pulling = false;
      if (controller.pullAgain) {
        controller.pullAgain = false;
        ReadableStreamDefaultControllerCallPullIfNeeded(controller);
      }
    }, (e) => {
      ReadableStreamDefaultControllerError(controller, e);
    });
  }

  /** ReadableStreamDefaultControllerShouldCallPull */
  function ReadableStreamDefaultControllerShouldCallPull(controller) {
    const stream = controller.stream;
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(controller)) {
      return false;
    }
    if (!controller.started) {
      return false;
    }
    if (IsReadableStreamLocked(stream) && ReadableStreamGetNumRequests(stream) > 0) {
      return true;
    }
    return ReadableStreamDefaultControllerGetDesiredSize(controller) > 0;
  }

  /** ReadableStreamDefaultControllerClearAlgorithms */
  function ReadableStreamDefaultControllerClearAlgorithms(controller) {
    controller.pullAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }

  /** ReadableStreamDefaultControllerClose */
  function ReadableStreamDefaultControllerClose(controller) {
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(controller)) {
      return;
    }
    controller.closeRequested = true;
    if (controller.queue.size === 0) {
      ReadableStreamDefaultControllerClearAlgorithms(controller);
      ReadableStreamClose(controller.stream);
    }
  }

  /** ReadableStreamDefaultControllerEnqueue */
  function ReadableStreamDefaultControllerEnqueue(controller, chunk) {
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(controller)) {
      return;
    }
    const stream = controller.stream;
    if (IsReadableStreamLocked(stream) && ReadableStreamGetNumRequests(stream) > 0) {
      ReadableStreamFulfillReadRequest(stream, chunk, false);
    } else {
      let chunkSize;
      try {
        chunkSize = controller.strategySizeAlgorithm(chunk);
      } catch (error) {
        ReadableStreamDefaultControllerError(controller, error);
        throw error;
      }
      try {
        EnqueueValueWithSize(controller, chunk, chunkSize);
      } catch (error) {
        ReadableStreamDefaultControllerError(controller, error);
        throw error;
      }
    }
    ReadableStreamDefaultControllerCallPullIfNeeded(controller);
  }

  /** ReadableStreamDefaultControllerError */
  function ReadableStreamDefaultControllerError(controller, e) {
    const stream = controller.stream;
    if (stream.state !== 'readable') {
      return;
    }
    ResetQueue(controller);
    ReadableStreamDefaultControllerClearAlgorithms(controller);
    ReadableStreamError(stream, e);
  }

  /** ReadableStreamDefaultControllerGetDesiredSize */
  function ReadableStreamDefaultControllerGetDesiredSize(controller) {
    const state = controller.stream.state;
    if (state === 'errored') {
      return null;
    }
    if (state === 'closed') {
      return 0;
    }
    return controller.strategyHWM - controller.queueTotalSize;
  }

  /** ReadableStreamDefaultControllerHasBackpressure */
  const ReadableStreamDefaultControllerHasBackpressure = (controller) =>
    !ReadableStreamDefaultControllerShouldCallPull(controller);

  /** ReadableStreamDefaultControllerCanCloseOrEnqueue */
  const ReadableStreamDefaultControllerCanCloseOrEnqueue = (controller) =>
    !controller.closeRequested && controller.stream.state === 'readable';

  /** SetUpReadableStreamDefaultController */
  function SetUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm,
    highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    ResetQueue(controller);
    controller.started = controller.closeRequested = controller.pullAgain = controller.pulling = false;
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.pullAlgorithm = pullAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
    stream.controller = controller;
    const startResult = startAlgorithm();
    upon(promiseResolve(startResult), () => {
      controller.started = true;
      ReadableStreamDefaultControllerCallPullIfNeeded(controller);
    }, (r) => {
      ReadableStreamDefaultControllerError(controller, r);
    });
  }

  /** SetUpReadableStreamDefaultControllerFromUnderlyingSource */
  function SetUpReadableStreamDefaultControllerFromUnderlyingSource(stream, underlyingSource, dict, highWaterMark,
    sizeAlgorithm) {
    const controller = newDefaultControllerRecord();
    const { start, pull, cancel } = dict;
    const startAlgorithm = start === undefined ? () => undefined
      : () => reflectApply(start, underlyingSource, [controller.wrapper]);
    const pullAlgorithm = pull === undefined ? resolvedUndefined
      : (() => {
        const invoke = promiseInvoker(pull, underlyingSource);
        return () => invoke(controller.wrapper);
      })();
    const cancelAlgorithm = cancel === undefined ? resolvedUndefined : promiseInvoker(cancel, underlyingSource);
    SetUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm,
      highWaterMark, sizeAlgorithm);
  }
  // ------------------------------------------------------------------------------ ReadableStreamBYOBRequest

  class ReadableStreamBYOBRequest {
    #record;

    constructor(key = undefined, record = undefined) {
      if (key !== KEY) {
        throw new TypeError("Failed to construct 'ReadableStreamBYOBRequest': Illegal constructor");
      }
      this.#record = record;
    }

    static {
      byobRequestRecord = (value) => (isObject(value) && #record in value ? value.#record : undefined);
    }

    static #this(value) {
      const record = byobRequestRecord(value);
      if (record === undefined) {
        throw new TypeError('Illegal invocation: not a ReadableStreamBYOBRequest.');
      }
      return record;
    }

    get view() {
      return ReadableStreamBYOBRequest.#this(this).view;
    }

    respond(bytesWritten) {
      const request = ReadableStreamBYOBRequest.#this(this);
      const what = "Failed to execute 'respond' on 'ReadableStreamBYOBRequest'";
      requiredArguments(arguments.length, 1, what);
      const written = toEnforcedUnsigned(bytesWritten, `${what}: bytesWritten`);
      if (request.controller === undefined) {
        throw new TypeError(`${what}: the request has been invalidated.`);
      }
      if (IsDetachedBuffer(viewInfo(request.view).buffer)) {
        throw new TypeError(`${what}: the view's buffer is detached.`);
      }
      ReadableByteStreamControllerRespond(request.controller, written);
    }

    respondWithNewView(view) {
      const request = ReadableStreamBYOBRequest.#this(this);
      const what = "Failed to execute 'respondWithNewView' on 'ReadableStreamBYOBRequest'";
      requiredArguments(arguments.length, 1, what);
      requireView(view, `${what}: parameter 1`);
      if (request.controller === undefined) {
        throw new TypeError(`${what}: the request has been invalidated.`);
      }
      if (IsDetachedBuffer(viewInfo(view).buffer)) {
        throw new TypeError(`${what}: the view's buffer is detached.`);
      }
      ReadableByteStreamControllerRespondWithNewView(request.controller, view);
    }
  }
  enumerableMembers(ReadableStreamBYOBRequest, ['view', 'respond', 'respondWithNewView']);
  brand(ReadableStreamBYOBRequest);

  // ------------------------------------------------------------------------------ ReadableByteStreamController

  function newByteControllerRecord() {
    const record = {
      wrapper: undefined, byte: true, stream: undefined, queue: new Queue(), queueTotalSize: 0, started: false,
      closeRequested: false, pullAgain: false, pulling: false, strategyHWM: 0, pullAlgorithm: undefined,
      cancelAlgorithm: undefined, autoAllocateChunkSize: undefined, byobRequest: null, pendingPullIntos: new Queue(),
    };
    record.wrapper = new ReadableByteStreamController(KEY, record);
    return record;
  }

  class ReadableByteStreamController {
    #record;

    constructor(key = undefined, record = undefined) {
      if (key !== KEY) {
        throw new TypeError("Failed to construct 'ReadableByteStreamController': Illegal constructor");
      }
      this.#record = record;
    }

    static {
      byteControllerRecord = (value) => (isObject(value) && #record in value ? value.#record : undefined);
    }

    static #this(value) {
      const record = byteControllerRecord(value);
      if (record === undefined) {
        throw new TypeError('Illegal invocation: not a ReadableByteStreamController.');
      }
      return record;
    }

    get byobRequest() {
      const request = ReadableByteStreamControllerGetBYOBRequest(ReadableByteStreamController.#this(this));
      return request === null ? null : request.wrapper;
    }

    get desiredSize() {
      return ReadableByteStreamControllerGetDesiredSize(ReadableByteStreamController.#this(this));
    }

    close() {
      const controller = ReadableByteStreamController.#this(this);
      const what = "Failed to execute 'close' on 'ReadableByteStreamController'";
      if (controller.closeRequested) {
        throw new TypeError(`${what}: the stream is already closing.`);
      }
      if (controller.stream.state !== 'readable') {
        throw new TypeError(`${what}: the stream is not readable.`);
      }
      ReadableByteStreamControllerClose(controller);
    }

    enqueue(chunk) {
      const controller = ReadableByteStreamController.#this(this);
      const what = "Failed to execute 'enqueue' on 'ReadableByteStreamController'";
      requiredArguments(arguments.length, 1, what);
      requireView(chunk, `${what}: parameter 1`);
      const info = viewInfo(chunk);
      if (info.byteLength === 0) {
        throw new TypeError(`${what}: the chunk is empty.`);
      }
      if (bufferByteLength(info.buffer) === 0) {
        throw new TypeError(`${what}: the chunk's buffer is empty.`);
      }
      if (controller.closeRequested) {
        throw new TypeError(`${what}: the stream is closing.`);
      }
      if (controller.stream.state !== 'readable') {
        throw new TypeError(`${what}: the stream is not readable.`);
      }
      ReadableByteStreamControllerEnqueue(controller, chunk);
    }

    error(e = undefined) {
      ReadableByteStreamControllerError(ReadableByteStreamController.#this(this), e);
    }
  }
  enumerableMembers(ReadableByteStreamController, ['byobRequest', 'desiredSize', 'close', 'enqueue', 'error']);
  brand(ReadableByteStreamController);

  /** ReadableByteStreamController's [[CancelSteps]] */
  function ReadableByteStreamControllerCancelSteps(controller, reason) {
    ReadableByteStreamControllerClearPendingPullIntos(controller);
    ResetQueue(controller);
    const result = controller.cancelAlgorithm(reason);
    ReadableByteStreamControllerClearAlgorithms(controller);
    return result;
  }

  /** ReadableByteStreamController's [[PullSteps]] */
  function ReadableByteStreamControllerPullSteps(controller, readRequest) {
    const stream = controller.stream;
    if (controller.queueTotalSize > 0) {
      ReadableByteStreamControllerFillReadRequestFromQueue(controller, readRequest);
      return;
    }
    const autoAllocateChunkSize = controller.autoAllocateChunkSize;
    if (autoAllocateChunkSize !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBuffer(autoAllocateChunkSize);
      } catch (error) {
        readRequest.errorSteps(error);
        return;
      }
      controller.pendingPullIntos.push({
        buffer, bufferByteLength: autoAllocateChunkSize, byteOffset: 0, byteLength: autoAllocateChunkSize,
        bytesFilled: 0, minimumFill: 1, elementSize: 1, viewConstructor: Uint8Array, readerType: 'default',
      });
    }
    ReadableStreamAddReadRequest(stream, readRequest);
    ReadableByteStreamControllerCallPullIfNeeded(controller);
  }

  /** ReadableByteStreamController's [[ReleaseSteps]] */
  function ReadableByteStreamControllerReleaseSteps(controller) {
    if (controller.pendingPullIntos.size > 0) {
      const firstPendingPullInto = controller.pendingPullIntos.peek();
      firstPendingPullInto.readerType = 'none';
      controller.pendingPullIntos = new Queue();
      controller.pendingPullIntos.push(firstPendingPullInto);
    }
  }

  /** ReadableByteStreamControllerCallPullIfNeeded */
  function ReadableByteStreamControllerCallPullIfNeeded(controller) {
    if (!ReadableByteStreamControllerShouldCallPull(controller)) {
      return;
    }
    if (controller.pulling) {
      controller.pullAgain = true;
      return;
    }
    controller.pulling = true;
    const pullPromise = controller.pullAlgorithm();
    upon(pullPromise, () => {
      controller.pulling = false;
      if (controller.pullAgain) {
        controller.pullAgain = false;
        ReadableByteStreamControllerCallPullIfNeeded(controller);
      }
    }, (e) => {
      ReadableByteStreamControllerError(controller, e);
    });
  }

  /** ReadableByteStreamControllerClearAlgorithms */
  function ReadableByteStreamControllerClearAlgorithms(controller) {
    controller.pullAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
  }

  /** ReadableByteStreamControllerClearPendingPullIntos */
  function ReadableByteStreamControllerClearPendingPullIntos(controller) {
    ReadableByteStreamControllerInvalidateBYOBRequest(controller);
    controller.pendingPullIntos = new Queue();
  }

  /** ReadableByteStreamControllerClose */
  function ReadableByteStreamControllerClose(controller) {
    const stream = controller.stream;
    if (controller.closeRequested || stream.state !== 'readable') {
      return;
    }
    if (controller.queueTotalSize > 0) {
      controller.closeRequested = true;
      return;
    }
    if (controller.pendingPullIntos.size > 0) {
      const firstPendingPullInto = controller.pendingPullIntos.peek();
      if (firstPendingPullInto.bytesFilled % firstPendingPullInto.elementSize !== 0) {
        const e = new TypeError('The stream was closed with a partially filled element pending in a BYOB read.');
        ReadableByteStreamControllerError(controller, e);
        throw e;
      }
    }
    ReadableByteStreamControllerClearAlgorithms(controller);
    ReadableStreamClose(stream);
  }

  /** ReadableByteStreamControllerCommitPullIntoDescriptor */
  function ReadableByteStreamControllerCommitPullIntoDescriptor(stream, pullIntoDescriptor) {
    let done = false;
    if (stream.state === 'closed') {
      done = true;
    }
    const filledView = ReadableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor);
    if (pullIntoDescriptor.readerType === 'default') {
      ReadableStreamFulfillReadRequest(stream, filledView, done);
    } else {
      ReadableStreamFulfillReadIntoRequest(stream, filledView, done);
    }
  }

  /** ReadableByteStreamControllerConvertPullIntoDescriptor */
  function ReadableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor) {
    const { bytesFilled, elementSize } = pullIntoDescriptor;
    const buffer = TransferArrayBuffer(pullIntoDescriptor.buffer);
    return new pullIntoDescriptor.viewConstructor(buffer, pullIntoDescriptor.byteOffset, bytesFilled / elementSize);
  }

  /** ReadableByteStreamControllerEnqueue */
  function ReadableByteStreamControllerEnqueue(controller, chunk) {
    const stream = controller.stream;
    if (controller.closeRequested || stream.state !== 'readable') {
      return;
    }
    const { buffer, byteOffset, byteLength } = viewInfo(chunk);
    if (IsDetachedBuffer(buffer)) {
      throw new TypeError('The chunk\'s buffer is detached.');
    }
    const transferredBuffer = TransferArrayBuffer(buffer);
    if (controller.pendingPullIntos.size > 0) {
      const firstPendingPullInto = controller.pendingPullIntos.peek();
      if (IsDetachedBuffer(firstPendingPullInto.buffer)) {
        throw new TypeError('The pending BYOB read\'s buffer is detached.');
      }
      ReadableByteStreamControllerInvalidateBYOBRequest(controller);
      firstPendingPullInto.buffer = TransferArrayBuffer(firstPendingPullInto.buffer);
      if (firstPendingPullInto.readerType === 'none') {
        ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, firstPendingPullInto);
      }
    }
    if (ReadableStreamHasDefaultReader(stream)) {
      ReadableByteStreamControllerProcessReadRequestsUsingQueue(controller);
      if (ReadableStreamGetNumRequests(stream) === 0) {
        ReadableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
      } else {
        if (controller.pendingPullIntos.size > 0) {
          ReadableByteStreamControllerShiftPendingPullInto(controller);
        }
        const transferredView = new Uint8Array(transferredBuffer, byteOffset, byteLength);
        ReadableStreamFulfillReadRequest(stream, transferredView, false);
      }
    } else if (ReadableStreamHasBYOBReader(stream)) {
      ReadableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
      const filledPullIntos = ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
      filledPullIntos.forEach((filledPullInto) => {
        ReadableByteStreamControllerCommitPullIntoDescriptor(stream, filledPullInto);
      });
    } else {
      ReadableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    }
    ReadableByteStreamControllerCallPullIfNeeded(controller);
  }

  /** ReadableByteStreamControllerEnqueueChunkToQueue */
  function ReadableByteStreamControllerEnqueueChunkToQueue(controller, buffer, byteOffset, byteLength) {
    controller.queue.push({ buffer, byteOffset, byteLength });
    controller.queueTotalSize += byteLength;
  }

  /** ReadableByteStreamControllerEnqueueClonedChunkToQueue */
  function ReadableByteStreamControllerEnqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
    let cloneResult;
    try {
      cloneResult = CloneArrayBuffer(buffer, byteOffset, byteLength);
    } catch (error) {
      ReadableByteStreamControllerError(controller, error);
      throw error;
    }
    ReadableByteStreamControllerEnqueueChunkToQueue(controller, cloneResult, 0, byteLength);
  }

  /** ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue */
  function ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, pullIntoDescriptor) {
    if (pullIntoDescriptor.bytesFilled > 0) {
      ReadableByteStreamControllerEnqueueClonedChunkToQueue(controller, pullIntoDescriptor.buffer,
        pullIntoDescriptor.byteOffset, pullIntoDescriptor.bytesFilled);
    }
    ReadableByteStreamControllerShiftPendingPullInto(controller);
  }

  /** ReadableByteStreamControllerError */
  function ReadableByteStreamControllerError(controller, e) {
    const stream = controller.stream;
    if (stream.state !== 'readable') {
      return;
    }
    ReadableByteStreamControllerClearPendingPullIntos(controller);
    ResetQueue(controller);
    ReadableByteStreamControllerClearAlgorithms(controller);
    ReadableStreamError(stream, e);
  }

  /** ReadableByteStreamControllerFillHeadPullIntoDescriptor */
  function ReadableByteStreamControllerFillHeadPullIntoDescriptor(controller, size, pullIntoDescriptor) {
    pullIntoDescriptor.bytesFilled += size;
  }

  /** ReadableByteStreamControllerFillPullIntoDescriptorFromQueue */
  function ReadableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pullIntoDescriptor) {
    const maxBytesToCopy = Math.min(controller.queueTotalSize,
      pullIntoDescriptor.byteLength - pullIntoDescriptor.bytesFilled);
    const maxBytesFilled = pullIntoDescriptor.bytesFilled + maxBytesToCopy;
    let totalBytesToCopyRemaining = maxBytesToCopy;
    let ready = false;
    const remainderBytes = maxBytesFilled % pullIntoDescriptor.elementSize;
    const maxAlignedBytes = maxBytesFilled - remainderBytes;
    if (maxAlignedBytes >= pullIntoDescriptor.minimumFill) {
      totalBytesToCopyRemaining = maxAlignedBytes - pullIntoDescriptor.bytesFilled;
      ready = true;
    }
    const queue = controller.queue;
    while (totalBytesToCopyRemaining > 0) {
      const headOfQueue = queue.peek();
      const bytesToCopy = Math.min(totalBytesToCopyRemaining, headOfQueue.byteLength);
      const destStart = pullIntoDescriptor.byteOffset + pullIntoDescriptor.bytesFilled;
      CopyDataBlockBytes(pullIntoDescriptor.buffer, destStart, headOfQueue.buffer, headOfQueue.byteOffset, bytesToCopy);
      if (headOfQueue.byteLength === bytesToCopy) {
        queue.shift();
      } else {
        headOfQueue.byteOffset += bytesToCopy;
        headOfQueue.byteLength -= bytesToCopy;
      }
      controller.queueTotalSize -= bytesToCopy;
      ReadableByteStreamControllerFillHeadPullIntoDescriptor(controller, bytesToCopy, pullIntoDescriptor);
      totalBytesToCopyRemaining -= bytesToCopy;
    }
    return ready;
  }

  /** ReadableByteStreamControllerFillReadRequestFromQueue */
  function ReadableByteStreamControllerFillReadRequestFromQueue(controller, readRequest) {
    const entry = controller.queue.shift();
    controller.queueTotalSize -= entry.byteLength;
    ReadableByteStreamControllerHandleQueueDrain(controller);
    const view = new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength);
    readRequest.chunkSteps(view);
  }

  /** ReadableByteStreamControllerGetBYOBRequest */
  function ReadableByteStreamControllerGetBYOBRequest(controller) {
    if (controller.byobRequest === null && controller.pendingPullIntos.size > 0) {
      const firstDescriptor = controller.pendingPullIntos.peek();
      const view = new Uint8Array(firstDescriptor.buffer, firstDescriptor.byteOffset + firstDescriptor.bytesFilled,
        firstDescriptor.byteLength - firstDescriptor.bytesFilled);
      const byobRequest = { wrapper: undefined, controller, view };
      byobRequest.wrapper = new ReadableStreamBYOBRequest(KEY, byobRequest);
      controller.byobRequest = byobRequest;
    }
    return controller.byobRequest;
  }

  /** ReadableByteStreamControllerGetDesiredSize */
  function ReadableByteStreamControllerGetDesiredSize(controller) {
    const state = controller.stream.state;
    if (state === 'errored') {
      return null;
    }
    if (state === 'closed') {
      return 0;
    }
    return controller.strategyHWM - controller.queueTotalSize;
  }

  /** ReadableByteStreamControllerHandleQueueDrain */
  function ReadableByteStreamControllerHandleQueueDrain(controller) {
    if (controller.queueTotalSize === 0 && controller.closeRequested) {
      ReadableByteStreamControllerClearAlgorithms(controller);
      ReadableStreamClose(controller.stream);
    } else {
      ReadableByteStreamControllerCallPullIfNeeded(controller);
    }
  }

  /** ReadableByteStreamControllerInvalidateBYOBRequest */
  function ReadableByteStreamControllerInvalidateBYOBRequest(controller) {
    if (controller.byobRequest === null) {
      return;
    }
    controller.byobRequest.controller = undefined;
    controller.byobRequest.view = null;
    controller.byobRequest = null;
  }

  /** ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue */
  function ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller) {
    const filledPullIntos = new Queue();
    while (controller.pendingPullIntos.size > 0) {
      if (controller.queueTotalSize === 0) {
        break;
      }
      const pullIntoDescriptor = controller.pendingPullIntos.peek();
      if (ReadableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pullIntoDescriptor)) {
        ReadableByteStreamControllerShiftPendingPullInto(controller);
        filledPullIntos.push(pullIntoDescriptor);
      }
    }
    return filledPullIntos;
  }

  /** ReadableByteStreamControllerProcessReadRequestsUsingQueue */
  function ReadableByteStreamControllerProcessReadRequestsUsingQueue(controller) {
    const reader = controller.stream.reader;
    while (reader.requests.size > 0) {
      if (controller.queueTotalSize === 0) {
        return;
      }
      const readRequest = reader.requests.shift();
      ReadableByteStreamControllerFillReadRequestFromQueue(controller, readRequest);
    }
  }

  /** ReadableByteStreamControllerPullInto */
  function ReadableByteStreamControllerPullInto(controller, view, min, readIntoRequest) {
    const stream = controller.stream;
    const info = viewInfo(view);
    const elementSize = info.elementSize;
    const ctor = info.constructor;
    const minimumFill = min * elementSize;
    const { byteOffset, byteLength } = info;
    let buffer;
    try {
      buffer = TransferArrayBuffer(info.buffer);
    } catch (error) {
      readIntoRequest.errorSteps(error);
      return;
    }
    const pullIntoDescriptor = {
      buffer, bufferByteLength: arrayBufferByteLength(buffer), byteOffset, byteLength, bytesFilled: 0, minimumFill,
      elementSize, viewConstructor: ctor, readerType: 'byob',
    };
    if (controller.pendingPullIntos.size > 0) {
      controller.pendingPullIntos.push(pullIntoDescriptor);
      ReadableStreamAddReadIntoRequest(stream, readIntoRequest);
      return;
    }
    if (stream.state === 'closed') {
      const emptyView = new ctor(pullIntoDescriptor.buffer, pullIntoDescriptor.byteOffset, 0);
      readIntoRequest.closeSteps(emptyView);
      return;
    }
    if (controller.queueTotalSize > 0) {
      if (ReadableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pullIntoDescriptor)) {
        const filledView = ReadableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor);
        ReadableByteStreamControllerHandleQueueDrain(controller);
        readIntoRequest.chunkSteps(filledView);
        return;
      }
      if (controller.closeRequested) {
        const e = new TypeError('The stream is closing with too few bytes queued for the read.');
        ReadableByteStreamControllerError(controller, e);
        readIntoRequest.errorSteps(e);
        return;
      }
    }
    controller.pendingPullIntos.push(pullIntoDescriptor);
    ReadableStreamAddReadIntoRequest(stream, readIntoRequest);
    ReadableByteStreamControllerCallPullIfNeeded(controller);
  }

  /** ReadableByteStreamControllerRespond */
  function ReadableByteStreamControllerRespond(controller, bytesWritten) {
    const firstDescriptor = controller.pendingPullIntos.peek();
    const state = controller.stream.state;
    if (state === 'closed') {
      if (bytesWritten !== 0) {
        throw new TypeError('bytesWritten must be 0 once the stream is closed.');
      }
    } else {
      if (bytesWritten === 0) {
        throw new TypeError('bytesWritten must be greater than 0 while the stream is readable.');
      }
      if (firstDescriptor.bytesFilled + bytesWritten > firstDescriptor.byteLength) {
        throw new RangeError('bytesWritten is greater than the view\'s length.');
      }
    }
    firstDescriptor.buffer = TransferArrayBuffer(firstDescriptor.buffer);
    ReadableByteStreamControllerRespondInternal(controller, bytesWritten);
  }

  /** ReadableByteStreamControllerRespondInClosedState */
  function ReadableByteStreamControllerRespondInClosedState(controller, firstDescriptor) {
    if (firstDescriptor.readerType === 'none') {
      ReadableByteStreamControllerShiftPendingPullInto(controller);
    }
    const stream = controller.stream;
    if (ReadableStreamHasBYOBReader(stream)) {
      const filledPullIntos = new Queue();
      while (filledPullIntos.size < ReadableStreamGetNumRequests(stream)) {
        filledPullIntos.push(ReadableByteStreamControllerShiftPendingPullInto(controller));
      }
      filledPullIntos.forEach((pullIntoDescriptor) => {
        ReadableByteStreamControllerCommitPullIntoDescriptor(stream, pullIntoDescriptor);
      });
    }
  }

  /** ReadableByteStreamControllerRespondInReadableState */
  function ReadableByteStreamControllerRespondInReadableState(controller, bytesWritten, pullIntoDescriptor) {
    ReadableByteStreamControllerFillHeadPullIntoDescriptor(controller, bytesWritten, pullIntoDescriptor);
    if (pullIntoDescriptor.readerType === 'none') {
      ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, pullIntoDescriptor);
      const filledPullIntos = ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
      filledPullIntos.forEach((filledPullInto) => {
        ReadableByteStreamControllerCommitPullIntoDescriptor(controller.stream, filledPullInto);
      });
      return;
    }
    if (pullIntoDescriptor.bytesFilled < pullIntoDescriptor.minimumFill) {
      return;
    }
    ReadableByteStreamControllerShiftPendingPullInto(controller);
    const remainderSize = pullIntoDescriptor.bytesFilled % pullIntoDescriptor.elementSize;
    if (remainderSize > 0) {
      const end = pullIntoDescriptor.byteOffset + pullIntoDescriptor.bytesFilled;
      ReadableByteStreamControllerEnqueueClonedChunkToQueue(controller, pullIntoDescriptor.buffer, end - remainderSize,
        remainderSize);
    }
    pullIntoDescriptor.bytesFilled -= remainderSize;
    const filledPullIntos = ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
    ReadableByteStreamControllerCommitPullIntoDescriptor(controller.stream, pullIntoDescriptor);
    filledPullIntos.forEach((filledPullInto) => {
      ReadableByteStreamControllerCommitPullIntoDescriptor(controller.stream, filledPullInto);
    });
  }

  /** ReadableByteStreamControllerRespondInternal */
  function ReadableByteStreamControllerRespondInternal(controller, bytesWritten) {
    const firstDescriptor = controller.pendingPullIntos.peek();
    ReadableByteStreamControllerInvalidateBYOBRequest(controller);
    if (controller.stream.state === 'closed') {
      ReadableByteStreamControllerRespondInClosedState(controller, firstDescriptor);
    } else {
      ReadableByteStreamControllerRespondInReadableState(controller, bytesWritten, firstDescriptor);
    }
    ReadableByteStreamControllerCallPullIfNeeded(controller);
  }

  /** ReadableByteStreamControllerRespondWithNewView */
  function ReadableByteStreamControllerRespondWithNewView(controller, view) {
    const firstDescriptor = controller.pendingPullIntos.peek();
    const state = controller.stream.state;
    const info = viewInfo(view);
    if (state === 'closed') {
      if (info.byteLength !== 0) {
        throw new TypeError('The view must be empty once the stream is closed.');
      }
    } else if (info.byteLength === 0) {
      throw new TypeError('The view must not be empty while the stream is readable.');
    }
    if (firstDescriptor.byteOffset + firstDescriptor.bytesFilled !== info.byteOffset) {
      throw new RangeError('The view\'s offset does not match the BYOB request\'s.');
    }
    if (firstDescriptor.bufferByteLength !== bufferByteLength(info.buffer)) {
      throw new RangeError('The view\'s buffer length does not match the BYOB request\'s.');
    }
    if (firstDescriptor.bytesFilled + info.byteLength > firstDescriptor.byteLength) {
      throw new RangeError('The view is longer than the BYOB request\'s.');
    }
    const viewByteLength = info.byteLength;
    firstDescriptor.buffer = TransferArrayBuffer(info.buffer);
    ReadableByteStreamControllerRespondInternal(controller, viewByteLength);
  }

  /** ReadableByteStreamControllerShiftPendingPullInto */
  const ReadableByteStreamControllerShiftPendingPullInto = (controller) => controller.pendingPullIntos.shift();

  /** ReadableByteStreamControllerShouldCallPull */
  function ReadableByteStreamControllerShouldCallPull(controller) {
    const stream = controller.stream;
    if (stream.state !== 'readable' || controller.closeRequested || !controller.started) {
      return false;
    }
    if ((ReadableStreamHasDefaultReader(stream) || ReadableStreamHasBYOBReader(stream))
      && ReadableStreamGetNumRequests(stream) > 0) {
      return true;
    }
    return ReadableByteStreamControllerGetDesiredSize(controller) > 0;
  }

  /** SetUpReadableByteStreamController */
  function SetUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm,
    highWaterMark, autoAllocateChunkSize) {
    controller.stream = stream;
    controller.pullAgain = controller.pulling = false;
    controller.byobRequest = null;
    ResetQueue(controller);
    controller.closeRequested = controller.started = false;
    controller.strategyHWM = highWaterMark;
    controller.pullAlgorithm = pullAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
    controller.autoAllocateChunkSize = autoAllocateChunkSize;
    controller.pendingPullIntos = new Queue();
    stream.controller = controller;
    const startResult = startAlgorithm();
    upon(promiseResolve(startResult), () => {
      controller.started = true;
      ReadableByteStreamControllerCallPullIfNeeded(controller);
    }, (r) => {
      ReadableByteStreamControllerError(controller, r);
    });
  }

  /** SetUpReadableByteStreamControllerFromUnderlyingSource */
  function SetUpReadableByteStreamControllerFromUnderlyingSource(stream, underlyingSource, dict, highWaterMark) {
    const controller = newByteControllerRecord();
    const { start, pull, cancel } = dict;
    const startAlgorithm = start === undefined ? () => undefined
      : () => reflectApply(start, underlyingSource, [controller.wrapper]);
    const pullAlgorithm = pull === undefined ? resolvedUndefined
      : (() => {
        const invoke = promiseInvoker(pull, underlyingSource);
        return () => invoke(controller.wrapper);
      })();
    const cancelAlgorithm = cancel === undefined ? resolvedUndefined : promiseInvoker(cancel, underlyingSource);
    const autoAllocateChunkSize = dict.autoAllocateChunkSize;
    if (autoAllocateChunkSize === 0) {
      throw new TypeError("Failed to construct 'ReadableStream': autoAllocateChunkSize must be greater than 0.");
    }
    SetUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark,
      autoAllocateChunkSize);
  }

  // ------------------------------------------------------------------------------ tee

  /** ReadableStreamTee */
  function ReadableStreamTee(stream, cloneForBranch2) {
    if (stream.controller.byte) {
      return ReadableByteStreamTee(stream);
    }
    return ReadableStreamDefaultTee(stream, cloneForBranch2);
  }

  /** ReadableStreamDefaultTee */
  function ReadableStreamDefaultTee(stream, cloneForBranch2) {
    const reader = AcquireReadableStreamDefaultReader(stream);
    let reading = false;
    let readAgain = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let branch1;
    let branch2;
    const cancelPromise = newDeferred();
    const pullAlgorithm = () => {
      if (reading) {
        readAgain = true;
        return resolvedUndefined();
      }
      reading = true;
      ReadableStreamDefaultReaderRead(reader, {
        chunkSteps: (chunk) => queueMicrotask(() => {
          readAgain = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled2 && cloneForBranch2) {
            try {
              chunk2 = StructuredClone(chunk2);
            } catch (error) {
              ReadableStreamDefaultControllerError(branch1.controller, error);
              ReadableStreamDefaultControllerError(branch2.controller, error);
              resolveDeferred(cancelPromise, ReadableStreamCancel(stream, error));
              return;
            }
          }
          if (!canceled1) {
            ReadableStreamDefaultControllerEnqueue(branch1.controller, chunk1);
          }
          if (!canceled2) {
            ReadableStreamDefaultControllerEnqueue(branch2.controller, chunk2);
          }
          reading = false;
          if (readAgain) {
            pullAlgorithm();
          }
        }),
        closeSteps: () => {
          reading = false;
          if (!canceled1) {
            ReadableStreamDefaultControllerClose(branch1.controller);
          }
          if (!canceled2) {
            ReadableStreamDefaultControllerClose(branch2.controller);
          }
          if (!canceled1 || !canceled2) {
            resolveDeferred(cancelPromise, undefined);
          }
        },
        errorSteps: () => {
          reading = false;
        },
      });
      return resolvedUndefined();
    };
    const cancel1Algorithm = (reason) => {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) {
        resolveDeferred(cancelPromise, ReadableStreamCancel(stream, [reason1, reason2]));
      }
      return cancelPromise.promise;
    };
    const cancel2Algorithm = (reason) => {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) {
        resolveDeferred(cancelPromise, ReadableStreamCancel(stream, [reason1, reason2]));
      }
      return cancelPromise.promise;
    };
    const startAlgorithm = () => undefined;
    branch1 = CreateReadableStream(startAlgorithm, pullAlgorithm, cancel1Algorithm);
    branch2 = CreateReadableStream(startAlgorithm, pullAlgorithm, cancel2Algorithm);
    upon(reader.closed.promise, undefined, (r) => {
      ReadableStreamDefaultControllerError(branch1.controller, r);
      ReadableStreamDefaultControllerError(branch2.controller, r);
      if (!canceled1 || !canceled2) {
        resolveDeferred(cancelPromise, undefined);
      }
    });
    return [branch1, branch2];
  }

  /** ReadableByteStreamTee */
  function ReadableByteStreamTee(stream) {
    let reader = AcquireReadableStreamDefaultReader(stream);
    let reading = false;
    let readAgainForBranch1 = false;
    let readAgainForBranch2 = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let branch1;
    let branch2;
    const cancelPromise = newDeferred();

    const forwardReaderError = (thisReader) => {
      upon(thisReader.closed.promise, undefined, (r) => {
        if (thisReader !== reader) {
          return;
        }
        ReadableByteStreamControllerError(branch1.controller, r);
        ReadableByteStreamControllerError(branch2.controller, r);
        if (!canceled1 || !canceled2) {
          resolveDeferred(cancelPromise, undefined);
        }
      });
    };

    const pullWithDefaultReader = () => {
      if (reader.byob) {
        ReadableStreamBYOBReaderRelease(reader);
        reader = AcquireReadableStreamDefaultReader(stream);
        forwardReaderError(reader);
      }
      ReadableStreamDefaultReaderRead(reader, {
        chunkSteps: (chunk) => queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled1 && !canceled2) {
            try {
              chunk2 = CloneAsUint8Array(chunk);
            } catch (error) {
              ReadableByteStreamControllerError(branch1.controller, error);
              ReadableByteStreamControllerError(branch2.controller, error);
              resolveDeferred(cancelPromise, ReadableStreamCancel(stream, error));
              return;
            }
          }
          if (!canceled1) {
            ReadableByteStreamControllerEnqueue(branch1.controller, chunk1);
          }
          if (!canceled2) {
            ReadableByteStreamControllerEnqueue(branch2.controller, chunk2);
          }
          reading = false;
          if (readAgainForBranch1) {
            pull1Algorithm();
          } else if (readAgainForBranch2) {
            pull2Algorithm();
          }
        }),
        closeSteps: () => {
          reading = false;
          if (!canceled1) {
            ReadableByteStreamControllerClose(branch1.controller);
          }
          if (!canceled2) {
            ReadableByteStreamControllerClose(branch2.controller);
          }
          if (branch1.controller.pendingPullIntos.size > 0) {
            ReadableByteStreamControllerRespond(branch1.controller, 0);
          }
          if (branch2.controller.pendingPullIntos.size > 0) {
            ReadableByteStreamControllerRespond(branch2.controller, 0);
          }
          if (!canceled1 || !canceled2) {
            resolveDeferred(cancelPromise, undefined);
          }
        },
        errorSteps: () => {
          reading = false;
        },
      });
    };

    const pullWithBYOBReader = (view, forBranch2) => {
      if (!reader.byob) {
        ReadableStreamDefaultReaderRelease(reader);
        reader = AcquireReadableStreamBYOBReader(stream);
        forwardReaderError(reader);
      }
      const byobBranch = forBranch2 ? branch2 : branch1;
      const otherBranch = forBranch2 ? branch1 : branch2;
      ReadableStreamBYOBReaderRead(reader, view, 1, {
        chunkSteps: (chunk) => queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!otherCanceled) {
            let clonedChunk;
            try {
              clonedChunk = CloneAsUint8Array(chunk);
            } catch (error) {
              ReadableByteStreamControllerError(byobBranch.controller, error);
              ReadableByteStreamControllerError(otherBranch.controller, error);
              resolveDeferred(cancelPromise, ReadableStreamCancel(stream, error));
              return;
            }
            if (!byobCanceled) {
              ReadableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
            }
            ReadableByteStreamControllerEnqueue(otherBranch.controller, clonedChunk);
          } else if (!byobCanceled) {
            ReadableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
          }
          reading = false;
          if (readAgainForBranch1) {
            pull1Algorithm();
          } else if (readAgainForBranch2) {
            pull2Algorithm();
          }
        }),
        closeSteps: (chunk) => {
          reading = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!byobCanceled) {
            ReadableByteStreamControllerClose(byobBranch.controller);
          }
          if (!otherCanceled) {
            ReadableByteStreamControllerClose(otherBranch.controller);
          }
          if (chunk !== undefined) {
            if (!byobCanceled) {
              ReadableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
            }
            if (!otherCanceled && otherBranch.controller.pendingPullIntos.size > 0) {
              ReadableByteStreamControllerRespond(otherBranch.controller, 0);
            }
          }
          if (!byobCanceled || !otherCanceled) {
            resolveDeferred(cancelPromise, undefined);
          }
        },
        errorSteps: () => {
          reading = false;
        },
      });
    };

    const pull1Algorithm = () => {
      if (reading) {
        readAgainForBranch1 = true;
        return resolvedUndefined();
      }
      reading = true;
      const byobRequest = ReadableByteStreamControllerGetBYOBRequest(branch1.controller);
      if (byobRequest === null) {
        pullWithDefaultReader();
      } else {
        pullWithBYOBReader(byobRequest.view, false);
      }
      return resolvedUndefined();
    };
    const pull2Algorithm = () => {
      if (reading) {
        readAgainForBranch2 = true;
        return resolvedUndefined();
      }
      reading = true;
      const byobRequest = ReadableByteStreamControllerGetBYOBRequest(branch2.controller);
      if (byobRequest === null) {
        pullWithDefaultReader();
      } else {
        pullWithBYOBReader(byobRequest.view, true);
      }
      return resolvedUndefined();
    };
    const cancel1Algorithm = (reason) => {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) {
        resolveDeferred(cancelPromise, ReadableStreamCancel(stream, [reason1, reason2]));
      }
      return cancelPromise.promise;
    };
    const cancel2Algorithm = (reason) => {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) {
        resolveDeferred(cancelPromise, ReadableStreamCancel(stream, [reason1, reason2]));
      }
      return cancelPromise.promise;
    };
    const startAlgorithm = () => undefined;
    branch1 = CreateReadableByteStream(startAlgorithm, pull1Algorithm, cancel1Algorithm);
    branch2 = CreateReadableByteStream(startAlgorithm, pull2Algorithm, cancel2Algorithm);
    forwardReaderError(reader);
    return [branch1, branch2];
  }

  // ------------------------------------------------------------------------------ pipeTo

  /** ReadableStreamPipeTo */
  function ReadableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal = undefined) {
    const reader = AcquireReadableStreamDefaultReader(source);
    const writer = AcquireWritableStreamDefaultWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    const promise = newDeferred();
    /** The promise of the last write started, so shutdown can wait for every read chunk to be written. */
    let currentWrite = resolvedUndefined();
    let abortAlgorithm;

    const finalize = (isError, error) => {
      WritableStreamDefaultWriterRelease(writer);
      ReadableStreamDefaultReaderRelease(reader);
      if (signal !== undefined) {
        removeAbortAlgorithm(signal, abortAlgorithm);
      }
      if (isError) {
        rejectDeferred(promise, error);
      } else {
        resolveDeferred(promise, undefined);
      }
    };

    /** Waits for the writes of chunks already read, when the destination can still take them. */
    const waitForWrites = (then) => {
      if (dest.state === 'writable' && !WritableStreamCloseQueuedOrInFlight(dest)) {
        const settled = () => then();
        upon(currentWrite, settled, settled);
      } else {
        then();
      }
    };

    /** "Shutdown with an action" */
    const shutdownWithAction = (action, hasError, originalError) => {
      if (shuttingDown) {
        return;
      }
      shuttingDown = true;
      waitForWrites(() => {
        let p;
        try {
          p = action();
        } catch (error) {
          p = promiseReject(error);
        }
        upon(p, () => finalize(hasError, originalError), (newError) => finalize(true, newError));
      });
    };

    /** "Shutdown" */
    const shutdown = (hasError, error) => {
      if (shuttingDown) {
        return;
      }
      shuttingDown = true;
      waitForWrites(() => finalize(hasError, error));
    };

    if (signal !== undefined) {
      abortAlgorithm = () => {
        const error = abortSignalReason(signal);
        const actions = new Queue();
        if (!preventAbort) {
          actions.push(() => (dest.state === 'writable' ? WritableStreamAbort(dest, error) : resolvedUndefined()));
        }
        if (!preventCancel) {
          actions.push(() => (source.state === 'readable' ? ReadableStreamCancel(source, error) : resolvedUndefined()));
        }
        shutdownWithAction(() => {
          const promises = new Queue();
          actions.forEach((action) => promises.push(action()));
          return waitForAll(promises);
        }, true, error);
      };
      if (abortSignalAborted(signal)) {
        abortAlgorithm();
        return promise.promise;
      }
      addAbortAlgorithm(signal, abortAlgorithm);
    }

    // Errors must be propagated forward.
    const onSourceErrored = (storedError) => {
      if (!preventAbort) {
        shutdownWithAction(() => WritableStreamAbort(dest, storedError), true, storedError);
      } else {
        shutdown(true, storedError);
      }
    };
    // Errors must be propagated backward.
    const onDestErrored = (storedError) => {
      if (!preventCancel) {
        shutdownWithAction(() => ReadableStreamCancel(source, storedError), true, storedError);
      } else {
        shutdown(true, storedError);
      }
    };
    // Closing must be propagated forward.
    const onSourceClosed = () => {
      if (!preventClose) {
        shutdownWithAction(() => WritableStreamDefaultWriterCloseWithErrorPropagation(writer), false);
      } else {
        shutdown(false);
      }
    };

    if (source.state === 'errored') {
      onSourceErrored(source.storedError);
    } else {
      upon(reader.closed.promise, undefined, () => {
        if (source.state === 'errored') {
          onSourceErrored(source.storedError);
        }
      });
    }
    if (dest.state === 'errored') {
      onDestErrored(dest.storedError);
    } else {
      upon(writer.closed.promise, undefined, () => {
        if (dest.state === 'errored') {
          onDestErrored(dest.storedError);
        }
      });
    }
    if (source.state === 'closed') {
      onSourceClosed();
    } else {
      upon(reader.closed.promise, () => onSourceClosed());
    }
    // Closing must be propagated backward.
    if (WritableStreamCloseQueuedOrInFlight(dest) || dest.state === 'closed') {
      const destClosed = new TypeError('The destination stream is closed or closing.');
      if (!preventCancel) {
        shutdownWithAction(() => ReadableStreamCancel(source, destClosed), true, destClosed);
      } else {
        shutdown(true, destClosed);
      }
    }

    /** The loop: wait until the destination wants more, read one chunk, write it, repeat. */
    const pipeStep = () => {
      if (shuttingDown) {
        return;
      }
      upon(writer.ready.promise, () => {
        if (shuttingDown) {
          return;
        }
        ReadableStreamDefaultReaderRead(reader, {
          chunkSteps: (chunk) => {
            currentWrite = WritableStreamDefaultWriterWrite(writer, chunk);
            markHandled(currentWrite);
            pipeStep();
          },
          closeSteps: noop,
          errorSteps: noop,
        });
      });
    };
    pipeStep();
    return promise.promise;
  }
  // ------------------------------------------------------------------------------ WritableStream

  let writableStreamRecord;
  let writerRecord;
  let writableControllerRecord;

  class WritableStream {
    #record;

    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === KEY) {
        this.#record = newWritableStreamRecord(this);
        return;
      }
      const what = "Failed to construct 'WritableStream'";
      optionalObject(underlyingSink, `${what}: underlyingSink`);
      const strategyDict = queuingStrategy(strategy, `${what}: strategy`);
      const sink = underlyingSink === undefined ? null : underlyingSink;
      const sinkDict = underlyingSinkDictionary(underlyingSink, what);
      if (sinkDict.type !== undefined) {
        throw new RangeError(`${what}: the sink's type must be undefined.`);
      }
      const stream = this.#record = newWritableStreamRecord(this);
      const sizeAlgorithm = ExtractSizeAlgorithm(strategyDict);
      const highWaterMark = ExtractHighWaterMark(strategyDict, 1);
      SetUpWritableStreamDefaultControllerFromUnderlyingSink(stream, sink, sinkDict, highWaterMark, sizeAlgorithm);
    }

    static {
      writableStreamRecord = (value) => (isObject(value) && #record in value ? value.#record : undefined);
    }

    static #this(value) {
      const record = writableStreamRecord(value);
      if (record === undefined) {
        throw new TypeError('Illegal invocation: not a WritableStream.');
      }
      return record;
    }

    get locked() {
      return IsWritableStreamLocked(WritableStream.#this(this));
    }

    abort(reason = undefined) {
      return promiseCall(() => {
        const stream = WritableStream.#this(this);
        if (IsWritableStreamLocked(stream)) {
          throw new TypeError("Failed to execute 'abort' on 'WritableStream': the stream is locked.");
        }
        return WritableStreamAbort(stream, reason);
      });
    }

    close() {
      return promiseCall(() => {
        const stream = WritableStream.#this(this);
        if (IsWritableStreamLocked(stream)) {
          throw new TypeError("Failed to execute 'close' on 'WritableStream': the stream is locked.");
        }
        if (WritableStreamCloseQueuedOrInFlight(stream)) {
          throw new TypeError("Failed to execute 'close' on 'WritableStream': the stream is already closing.");
        }
        return WritableStreamClose(stream);
      });
    }

    getWriter() {
      return AcquireWritableStreamDefaultWriter(WritableStream.#this(this)).wrapper;
    }
  }
  enumerableMembers(WritableStream, ['locked', 'abort', 'close', 'getWriter']);
  brand(WritableStream);

  /** The UnderlyingSink dictionary (members in lexicographic order). */
  function underlyingSinkDictionary(sink, what) {
    const abort = callbackMember(sink, 'abort', what);
    const close = callbackMember(sink, 'close', what);
    const start = callbackMember(sink, 'start', what);
    const type = sink === undefined ? undefined : sink.type;
    const write = callbackMember(sink, 'write', what);
    return { abort, close, start, type, write };
  }

  /** InitializeWritableStream, on a new record. */
  function newWritableStreamRecord(wrapper) {
    return {
      wrapper, state: 'writable', storedError: undefined, writer: undefined, controller: undefined,
      inFlightWriteRequest: undefined, closeRequest: undefined, inFlightCloseRequest: undefined,
      pendingAbortRequest: undefined, writeRequests: new Queue(), backpressure: false,
    };
  }

  /** AcquireWritableStreamDefaultWriter */
  function AcquireWritableStreamDefaultWriter(stream) {
    return writerRecord(new WritableStreamDefaultWriter(stream.wrapper));
  }

  /** CreateWritableStream */
  function CreateWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark,
    sizeAlgorithm) {
    const stream = writableStreamRecord(new WritableStream(KEY));
    const controller = newWritableControllerRecord();
    SetUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm,
      abortAlgorithm, highWaterMark, sizeAlgorithm);
    return stream;
  }

  /** IsWritableStreamLocked */
  const IsWritableStreamLocked = (stream) => stream.writer !== undefined;

  /** WritableStreamAbort */
  function WritableStreamAbort(stream, reason) {
    if (stream.state === 'closed' || stream.state === 'errored') {
      return resolvedUndefined();
    }
    signalAbort(stream.controller.signal, reason);
    const state = stream.state;
    if (state === 'closed' || state === 'errored') {
      return resolvedUndefined();
    }
    if (stream.pendingAbortRequest !== undefined) {
      return stream.pendingAbortRequest.deferred.promise;
    }
    let wasAlreadyErroring = false;
    if (state === 'erroring') {
      wasAlreadyErroring = true;
      reason = undefined;
    }
    const deferred = newDeferred();
    stream.pendingAbortRequest = { deferred, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) {
      WritableStreamStartErroring(stream, reason);
    }
    return deferred.promise;
  }

  /** WritableStreamClose */
  function WritableStreamClose(stream) {
    const state = stream.state;
    if (state === 'closed' || state === 'errored') {
      return promiseReject(new TypeError('The stream is closed or errored.'));
    }
    const deferred = newDeferred();
    stream.closeRequest = deferred;
    const writer = stream.writer;
    if (writer !== undefined && stream.backpressure && state === 'writable') {
      resolveDeferred(writer.ready, undefined);
    }
    WritableStreamDefaultControllerClose(stream.controller);
    return deferred.promise;
  }

  /** WritableStreamAddWriteRequest */
  function WritableStreamAddWriteRequest(stream) {
    const deferred = newDeferred();
    stream.writeRequests.push(deferred);
    return deferred.promise;
  }

  /** WritableStreamCloseQueuedOrInFlight */
  const WritableStreamCloseQueuedOrInFlight = (stream) =>
    stream.closeRequest !== undefined || stream.inFlightCloseRequest !== undefined;

  /** WritableStreamDealWithRejection */
  function WritableStreamDealWithRejection(stream, error) {
    if (stream.state === 'writable') {
      WritableStreamStartErroring(stream, error);
      return;
    }
    WritableStreamFinishErroring(stream);
  }

  /** WritableStreamFinishErroring */
  function WritableStreamFinishErroring(stream) {
    stream.state = 'errored';
    ResetQueue(stream.controller); // the controller's [[ErrorSteps]]
    const storedError = stream.storedError;
    stream.writeRequests.takeAll().forEach((writeRequest) => rejectDeferred(writeRequest, storedError));
    if (stream.pendingAbortRequest === undefined) {
      WritableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    const abortRequest = stream.pendingAbortRequest;
    stream.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      rejectDeferred(abortRequest.deferred, storedError);
      WritableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    const promise = WritableStreamDefaultControllerAbortSteps(stream.controller, abortRequest.reason);
    upon(promise, () => {
      resolveDeferred(abortRequest.deferred, undefined);
      WritableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    }, (reason) => {
      rejectDeferred(abortRequest.deferred, reason);
      WritableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    });
  }

  /** WritableStreamFinishInFlightClose */
  function WritableStreamFinishInFlightClose(stream) {
    resolveDeferred(stream.inFlightCloseRequest, undefined);
    stream.inFlightCloseRequest = undefined;
    if (stream.state === 'erroring') {
      stream.storedError = undefined;
      if (stream.pendingAbortRequest !== undefined) {
        resolveDeferred(stream.pendingAbortRequest.deferred, undefined);
        stream.pendingAbortRequest = undefined;
      }
    }
    stream.state = 'closed';
    const writer = stream.writer;
    if (writer !== undefined) {
      resolveDeferred(writer.closed, undefined);
    }
  }

  /** WritableStreamFinishInFlightCloseWithError */
  function WritableStreamFinishInFlightCloseWithError(stream, error) {
    rejectDeferred(stream.inFlightCloseRequest, error);
    stream.inFlightCloseRequest = undefined;
    if (stream.pendingAbortRequest !== undefined) {
      rejectDeferred(stream.pendingAbortRequest.deferred, error);
      stream.pendingAbortRequest = undefined;
    }
    WritableStreamDealWithRejection(stream, error);
  }

  /** WritableStreamFinishInFlightWrite */
  function WritableStreamFinishInFlightWrite(stream) {
    resolveDeferred(stream.inFlightWriteRequest, undefined);
    stream.inFlightWriteRequest = undefined;
  }

  /** WritableStreamFinishInFlightWriteWithError */
  function WritableStreamFinishInFlightWriteWithError(stream, error) {
    rejectDeferred(stream.inFlightWriteRequest, error);
    stream.inFlightWriteRequest = undefined;
    WritableStreamDealWithRejection(stream, error);
  }

  /** WritableStreamHasOperationMarkedInFlight */
  const WritableStreamHasOperationMarkedInFlight = (stream) =>
    stream.inFlightWriteRequest !== undefined || stream.inFlightCloseRequest !== undefined;

  /** WritableStreamMarkCloseRequestInFlight */
  function WritableStreamMarkCloseRequestInFlight(stream) {
    stream.inFlightCloseRequest = stream.closeRequest;
    stream.closeRequest = undefined;
  }

  /** WritableStreamMarkFirstWriteRequestInFlight */
  function WritableStreamMarkFirstWriteRequestInFlight(stream) {
    stream.inFlightWriteRequest = stream.writeRequests.shift();
  }

  /** WritableStreamRejectCloseAndClosedPromiseIfNeeded */
  function WritableStreamRejectCloseAndClosedPromiseIfNeeded(stream) {
    if (stream.closeRequest !== undefined) {
      rejectDeferred(stream.closeRequest, stream.storedError);
      stream.closeRequest = undefined;
    }
    const writer = stream.writer;
    if (writer !== undefined) {
      rejectDeferred(writer.closed, stream.storedError);
      markHandled(writer.closed.promise);
    }
  }

  /** WritableStreamStartErroring */
  function WritableStreamStartErroring(stream, reason) {
    const controller = stream.controller;
    stream.state = 'erroring';
    stream.storedError = reason;
    const writer = stream.writer;
    if (writer !== undefined) {
      WritableStreamDefaultWriterEnsureReadyPromiseRejected(writer, reason);
    }
    if (!WritableStreamHasOperationMarkedInFlight(stream) && controller.started) {
      WritableStreamFinishErroring(stream);
    }
  }

  /** WritableStreamUpdateBackpressure */
  function WritableStreamUpdateBackpressure(stream, backpressure) {
    const writer = stream.writer;
    if (writer !== undefined && backpressure !== stream.backpressure) {
      if (backpressure) {
        writer.ready = newDeferred();
      } else {
        resolveDeferred(writer.ready, undefined);
      }
    }
    stream.backpressure = backpressure;
  }

  // ------------------------------------------------------------------------------ WritableStreamDefaultWriter

  class WritableStreamDefaultWriter {
    #record;

    constructor(stream) {
      requiredArguments(arguments.length, 1, "Failed to construct 'WritableStreamDefaultWriter'");
      const streamRecord = writableStreamRecord(stream);
      if (streamRecord === undefined) {
        throw new TypeError("Failed to construct 'WritableStreamDefaultWriter': parameter 1 is not a WritableStream.");
      }
      this.#record = { wrapper: this, stream: undefined, closed: undefined, ready: undefined };
      SetUpWritableStreamDefaultWriter(this.#record, streamRecord);
    }

    static {
      writerRecord = (value) => (isObject(value) && #record in value ? value.#record : undefined);
    }

    static #this(value) {
      const record = writerRecord(value);
      if (record === undefined) {
        throw new TypeError('Illegal invocation: not a WritableStreamDefaultWriter.');
      }
      return record;
    }

    get closed() {
      return promiseCall(() => WritableStreamDefaultWriter.#this(this).closed.promise);
    }

    get desiredSize() {
      const writer = WritableStreamDefaultWriter.#this(this);
      if (writer.stream === undefined) {
        throw new TypeError("Failed to read 'desiredSize' on 'WritableStreamDefaultWriter': the writer has been released.");
      }
      return WritableStreamDefaultWriterGetDesiredSize(writer);
    }

    get ready() {
      return promiseCall(() => WritableStreamDefaultWriter.#this(this).ready.promise);
    }

    abort(reason = undefined) {
      return promiseCall(() => {
        const writer = WritableStreamDefaultWriter.#this(this);
        if (writer.stream === undefined) {
          throw new TypeError("Failed to execute 'abort' on 'WritableStreamDefaultWriter': the writer has been released.");
        }
        return WritableStreamAbort(writer.stream, reason);
      });
    }

    close() {
      return promiseCall(() => {
        const writer = WritableStreamDefaultWriter.#this(this);
        const stream = writer.stream;
        if (stream === undefined) {
          throw new TypeError("Failed to execute 'close' on 'WritableStreamDefaultWriter': the writer has been released.");
        }
        if (WritableStreamCloseQueuedOrInFlight(stream)) {
          throw new TypeError("Failed to execute 'close' on 'WritableStreamDefaultWriter': the stream is already closing.");
        }
        return WritableStreamClose(stream);
      });
    }

    releaseLock() {
      const writer = WritableStreamDefaultWriter.#this(this);
      if (writer.stream === undefined) {
        return;
      }
      WritableStreamDefaultWriterRelease(writer);
    }

    write(chunk = undefined) {
      return promiseCall(() => {
        const writer = WritableStreamDefaultWriter.#this(this);
        if (writer.stream === undefined) {
          throw new TypeError("Failed to execute 'write' on 'WritableStreamDefaultWriter': the writer has been released.");
        }
        return WritableStreamDefaultWriterWrite(writer, chunk);
      });
    }
  }
  enumerableMembers(WritableStreamDefaultWriter, ['closed', 'desiredSize', 'ready', 'abort', 'close', 'releaseLock', 'write']);
  brand(WritableStreamDefaultWriter);

  /** SetUpWritableStreamDefaultWriter */
  function SetUpWritableStreamDefaultWriter(writer, stream) {
    if (IsWritableStreamLocked(stream)) {
      throw new TypeError("Failed to construct 'WritableStreamDefaultWriter': the stream is locked.");
    }
    writer.stream = stream;
    stream.writer = writer;
    const state = stream.state;
    if (state === 'writable') {
      writer.ready = !WritableStreamCloseQueuedOrInFlight(stream) && stream.backpressure ? newDeferred()
        : resolvedDeferred(undefined);
      writer.closed = newDeferred();
    } else if (state === 'erroring') {
      writer.ready = rejectedDeferred(stream.storedError);
      writer.closed = newDeferred();
    } else if (state === 'closed') {
      writer.ready = resolvedDeferred(undefined);
      writer.closed = resolvedDeferred(undefined);
    } else {
      writer.ready = rejectedDeferred(stream.storedError);
      writer.closed = rejectedDeferred(stream.storedError);
    }
  }

  /** WritableStreamDefaultWriterCloseWithErrorPropagation */
  function WritableStreamDefaultWriterCloseWithErrorPropagation(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (WritableStreamCloseQueuedOrInFlight(stream) || state === 'closed') {
      return resolvedUndefined();
    }
    if (state === 'errored') {
      return promiseReject(stream.storedError);
    }
    return WritableStreamClose(stream);
  }

  /** WritableStreamDefaultWriterEnsureClosedPromiseRejected */
  function WritableStreamDefaultWriterEnsureClosedPromiseRejected(writer, error) {
    if (writer.closed.pending) {
      rejectDeferred(writer.closed, error);
    } else {
      writer.closed = rejectedDeferred(error);
    }
    markHandled(writer.closed.promise);
  }

  /** WritableStreamDefaultWriterEnsureReadyPromiseRejected */
  function WritableStreamDefaultWriterEnsureReadyPromiseRejected(writer, error) {
    if (writer.ready.pending) {
      rejectDeferred(writer.ready, error);
    } else {
      writer.ready = rejectedDeferred(error);
    }
    markHandled(writer.ready.promise);
  }

  /** WritableStreamDefaultWriterGetDesiredSize */
  function WritableStreamDefaultWriterGetDesiredSize(writer) {
    const state = writer.stream.state;
    if (state === 'errored' || state === 'erroring') {
      return null;
    }
    if (state === 'closed') {
      return 0;
    }
    return WritableStreamDefaultControllerGetDesiredSize(writer.stream.controller);
  }

  /** WritableStreamDefaultWriterRelease */
  function WritableStreamDefaultWriterRelease(writer) {
    const stream = writer.stream;
    const releasedError = new TypeError('The writer was released.');
    WritableStreamDefaultWriterEnsureReadyPromiseRejected(writer, releasedError);
    WritableStreamDefaultWriterEnsureClosedPromiseRejected(writer, releasedError);
    stream.writer = undefined;
    writer.stream = undefined;
  }

  /** WritableStreamDefaultWriterWrite */
  function WritableStreamDefaultWriterWrite(writer, chunk) {
    const stream = writer.stream;
    const controller = stream.controller;
    const chunkSize = WritableStreamDefaultControllerGetChunkSize(controller, chunk);
    if (stream !== writer.stream) {
      return promiseReject(new TypeError('The writer was released while the chunk\'s size was computed.'));
    }
    const state = stream.state;
    if (state === 'errored') {
      return promiseReject(stream.storedError);
    }
    if (WritableStreamCloseQueuedOrInFlight(stream) || state === 'closed') {
      return promiseReject(new TypeError('The stream is closing or closed.'));
    }
    if (state === 'erroring') {
      return promiseReject(stream.storedError);
    }
    const promise = WritableStreamAddWriteRequest(stream);
    WritableStreamDefaultControllerWrite(controller, chunk, chunkSize);
    return promise;
  }

  // ------------------------------------------------------------------------------ WritableStreamDefaultController

  /** The close sentinel queued by WritableStreamDefaultControllerClose. */
  const CLOSE_SENTINEL = Symbol('close sentinel');

  function newWritableControllerRecord() {
    const record = {
      wrapper: undefined, stream: undefined, queue: new Queue(), queueTotalSize: 0, signal: undefined, started: false,
      strategySizeAlgorithm: undefined, strategyHWM: 0, writeAlgorithm: undefined, closeAlgorithm: undefined,
      abortAlgorithm: undefined,
    };
    record.wrapper = new WritableStreamDefaultController(KEY, record);
    return record;
  }

  class WritableStreamDefaultController {
    #record;

    constructor(key = undefined, record = undefined) {
      if (key !== KEY) {
        throw new TypeError("Failed to construct 'WritableStreamDefaultController': Illegal constructor");
      }
      this.#record = record;
    }

    static {
      writableControllerRecord = (value) => (isObject(value) && #record in value ? value.#record : undefined);
    }

    static #this(value) {
      const record = writableControllerRecord(value);
      if (record === undefined) {
        throw new TypeError('Illegal invocation: not a WritableStreamDefaultController.');
      }
      return record;
    }

    get signal() {
      return WritableStreamDefaultController.#this(this).signal;
    }

    error(e = undefined) {
      const controller = WritableStreamDefaultController.#this(this);
      if (controller.stream.state !== 'writable') {
        return;
      }
      WritableStreamDefaultControllerError(controller, e);
    }
  }
  enumerableMembers(WritableStreamDefaultController, ['signal', 'error']);
  brand(WritableStreamDefaultController);

  /** WritableStreamDefaultController's [[AbortSteps]] */
  function WritableStreamDefaultControllerAbortSteps(controller, reason) {
    const result = controller.abortAlgorithm(reason);
    WritableStreamDefaultControllerClearAlgorithms(controller);
    return result;
  }

  /** SetUpWritableStreamDefaultController */
  function SetUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm,
    abortAlgorithm, highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    stream.controller = controller;
    ResetQueue(controller);
    controller.signal = abortControllerSignal(new AbortController());
    controller.started = false;
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.writeAlgorithm = writeAlgorithm;
    controller.closeAlgorithm = closeAlgorithm;
    controller.abortAlgorithm = abortAlgorithm;
    const backpressure = WritableStreamDefaultControllerGetBackpressure(controller);
    WritableStreamUpdateBackpressure(stream, backpressure);
    const startResult = startAlgorithm();
    upon(promiseResolve(startResult), () => {
      controller.started = true;
      WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
    }, (r) => {
      controller.started = true;
      WritableStreamDealWithRejection(stream, r);
    });
  }

  /** SetUpWritableStreamDefaultControllerFromUnderlyingSink */
  function SetUpWritableStreamDefaultControllerFromUnderlyingSink(stream, underlyingSink, dict, highWaterMark,
    sizeAlgorithm) {
    const controller = newWritableControllerRecord();
    const { start, write, close, abort } = dict;
    const startAlgorithm = start === undefined ? () => undefined
      : () => reflectApply(start, underlyingSink, [controller.wrapper]);
    const writeAlgorithm = write === undefined ? resolvedUndefined
      : (() => {
        const invoke = promiseInvoker(write, underlyingSink);
        return (chunk) => invoke(chunk, controller.wrapper);
      })();
    const closeAlgorithm = close === undefined ? resolvedUndefined : promiseInvoker(close, underlyingSink);
    const abortAlgorithm = abort === undefined ? resolvedUndefined : promiseInvoker(abort, underlyingSink);
    SetUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm,
      abortAlgorithm, highWaterMark, sizeAlgorithm);
  }

  /** WritableStreamDefaultControllerAdvanceQueueIfNeeded */
  function WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller) {
    const stream = controller.stream;
    if (!controller.started || stream.inFlightWriteRequest !== undefined) {
      return;
    }
    if (stream.state === 'erroring') {
      WritableStreamFinishErroring(stream);
      return;
    }
    if (controller.queue.size === 0) {
      return;
    }
    const value = PeekQueueValue(controller);
    if (value === CLOSE_SENTINEL) {
      WritableStreamDefaultControllerProcessClose(controller);
    } else {
      WritableStreamDefaultControllerProcessWrite(controller, value);
    }
  }

  /** WritableStreamDefaultControllerClearAlgorithms */
  function WritableStreamDefaultControllerClearAlgorithms(controller) {
    controller.writeAlgorithm = undefined;
    controller.closeAlgorithm = undefined;
    controller.abortAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }

  /** WritableStreamDefaultControllerClose */
  function WritableStreamDefaultControllerClose(controller) {
    EnqueueValueWithSize(controller, CLOSE_SENTINEL, 0);
    WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
  }

  /** WritableStreamDefaultControllerError */
  function WritableStreamDefaultControllerError(controller, error) {
    WritableStreamDefaultControllerClearAlgorithms(controller);
    WritableStreamStartErroring(controller.stream, error);
  }

  /** WritableStreamDefaultControllerErrorIfNeeded */
  function WritableStreamDefaultControllerErrorIfNeeded(controller, error) {
    if (controller.stream.state === 'writable') {
      WritableStreamDefaultControllerError(controller, error);
    }
  }

  /** WritableStreamDefaultControllerGetBackpressure */
  const WritableStreamDefaultControllerGetBackpressure = (controller) =>
    WritableStreamDefaultControllerGetDesiredSize(controller) <= 0;

  /** WritableStreamDefaultControllerGetChunkSize */
  function WritableStreamDefaultControllerGetChunkSize(controller, chunk) {
    if (controller.strategySizeAlgorithm === undefined) {
      return 1;
    }
    try {
      return controller.strategySizeAlgorithm(chunk);
    } catch (error) {
      WritableStreamDefaultControllerErrorIfNeeded(controller, error);
      return 1;
    }
  }

  /** WritableStreamDefaultControllerGetDesiredSize */
  const WritableStreamDefaultControllerGetDesiredSize = (controller) =>
    controller.strategyHWM - controller.queueTotalSize;

  /** WritableStreamDefaultControllerProcessClose */
  function WritableStreamDefaultControllerProcessClose(controller) {
    const stream = controller.stream;
    WritableStreamMarkCloseRequestInFlight(stream);
    DequeueValue(controller);
    const sinkClosePromise = controller.closeAlgorithm();
    WritableStreamDefaultControllerClearAlgorithms(controller);
    upon(sinkClosePromise, () => {
      WritableStreamFinishInFlightClose(stream);
    }, (reason) => {
      WritableStreamFinishInFlightCloseWithError(stream, reason);
    });
  }

  /** WritableStreamDefaultControllerProcessWrite */
  function WritableStreamDefaultControllerProcessWrite(controller, chunk) {
    const stream = controller.stream;
    WritableStreamMarkFirstWriteRequestInFlight(stream);
    const sinkWritePromise = controller.writeAlgorithm(chunk);
    upon(sinkWritePromise, () => {
      WritableStreamFinishInFlightWrite(stream);
      const state = stream.state;
      DequeueValue(controller);
      if (!WritableStreamCloseQueuedOrInFlight(stream) && state === 'writable') {
        const backpressure = WritableStreamDefaultControllerGetBackpressure(controller);
        WritableStreamUpdateBackpressure(stream, backpressure);
      }
      WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
    }, (reason) => {
      if (stream.state === 'writable') {
        WritableStreamDefaultControllerClearAlgorithms(controller);
      }
      WritableStreamFinishInFlightWriteWithError(stream, reason);
    });
  }

  /** WritableStreamDefaultControllerWrite */
  function WritableStreamDefaultControllerWrite(controller, chunk, chunkSize) {
    try {
      EnqueueValueWithSize(controller, chunk, chunkSize);
    } catch (error) {
      WritableStreamDefaultControllerErrorIfNeeded(controller, error);
      return;
    }
    const stream = controller.stream;
    if (!WritableStreamCloseQueuedOrInFlight(stream) && stream.state === 'writable') {
      const backpressure = WritableStreamDefaultControllerGetBackpressure(controller);
      WritableStreamUpdateBackpressure(stream, backpressure);
    }
    WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
  }

  // ------------------------------------------------------------------------------ TransformStream

  let transformStreamRecord;
  let transformControllerRecord;

  class TransformStream {
    #record;

    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      const what = "Failed to construct 'TransformStream'";
      if (transformer === KEY) {
        this.#record = newTransformStreamRecord(this);
        return;
      }
      optionalObject(transformer, `${what}: transformer`);
      const writableStrategyDict = queuingStrategy(writableStrategy, `${what}: writableStrategy`);
      const readableStrategyDict = queuingStrategy(readableStrategy, `${what}: readableStrategy`);
      const transformerObject = transformer === undefined ? null : transformer;
      const dict = transformerDictionary(transformer, what);
      if (dict.readableType !== undefined) {
        throw new RangeError(`${what}: readableType must be undefined.`);
      }
      if (dict.writableType !== undefined) {
        throw new RangeError(`${what}: writableType must be undefined.`);
      }
      const readableHighWaterMark = ExtractHighWaterMark(readableStrategyDict, 0);
      const readableSizeAlgorithm = ExtractSizeAlgorithm(readableStrategyDict);
      const writableHighWaterMark = ExtractHighWaterMark(writableStrategyDict, 1);
      const writableSizeAlgorithm = ExtractSizeAlgorithm(writableStrategyDict);
      const startPromise = newDeferred();
      const stream = this.#record = newTransformStreamRecord(this);
      InitializeTransformStream(stream, startPromise.promise, writableHighWaterMark, writableSizeAlgorithm,
        readableHighWaterMark, readableSizeAlgorithm);
      SetUpTransformStreamDefaultControllerFromTransformer(stream, transformerObject, dict);
      if (dict.start !== undefined) {
        resolveDeferred(startPromise, reflectApply(dict.start, transformerObject, [stream.controller.wrapper]));
      } else {
        resolveDeferred(startPromise, undefined);
      }
    }

    static {
      transformStreamRecord = (value) => (isObject(value) && #record in value ? value.#record : undefined);
    }

    static #this(value) {
      const record = transformStreamRecord(value);
      if (record === undefined) {
        throw new TypeError('Illegal invocation: not a TransformStream.');
      }
      return record;
    }

    get readable() {
      return TransformStream.#this(this).readable.wrapper;
    }

    get writable() {
      return TransformStream.#this(this).writable.wrapper;
    }
  }
  enumerableMembers(TransformStream, ['readable', 'writable']);
  brand(TransformStream);

  /** The Transformer dictionary (members in lexicographic order). */
  function transformerDictionary(transformer, what) {
    const cancel = callbackMember(transformer, 'cancel', what);
    const flush = callbackMember(transformer, 'flush', what);
    const readableType = transformer === undefined ? undefined : transformer.readableType;
    const start = callbackMember(transformer, 'start', what);
    const transform = callbackMember(transformer, 'transform', what);
    const writableType = transformer === undefined ? undefined : transformer.writableType;
    return { cancel, flush, readableType, start, transform, writableType };
  }

  function newTransformStreamRecord(wrapper) {
    return {
      wrapper, readable: undefined, writable: undefined, backpressure: undefined,
      backpressureChangePromise: undefined, controller: undefined,
    };
  }

  /** InitializeTransformStream */
  function InitializeTransformStream(stream, startPromise, writableHighWaterMark, writableSizeAlgorithm,
    readableHighWaterMark, readableSizeAlgorithm) {
    const startAlgorithm = () => startPromise;
    stream.writable = CreateWritableStream(startAlgorithm,
      (chunk) => TransformStreamDefaultSinkWriteAlgorithm(stream, chunk),
      () => TransformStreamDefaultSinkCloseAlgorithm(stream),
      (reason) => TransformStreamDefaultSinkAbortAlgorithm(stream, reason),
      writableHighWaterMark, writableSizeAlgorithm);
    stream.readable = CreateReadableStream(startAlgorithm,
      () => TransformStreamDefaultSourcePullAlgorithm(stream),
      (reason) => TransformStreamDefaultSourceCancelAlgorithm(stream, reason),
      readableHighWaterMark, readableSizeAlgorithm);
    stream.backpressure = undefined;
    stream.backpressureChangePromise = undefined;
    TransformStreamSetBackpressure(stream, true);
    stream.controller = undefined;
  }

  /** TransformStreamError */
  function TransformStreamError(stream, e) {
    ReadableStreamDefaultControllerError(stream.readable.controller, e);
    TransformStreamErrorWritableAndUnblockWrite(stream, e);
  }

  /** TransformStreamErrorWritableAndUnblockWrite */
  function TransformStreamErrorWritableAndUnblockWrite(stream, e) {
    TransformStreamDefaultControllerClearAlgorithms(stream.controller);
    WritableStreamDefaultControllerErrorIfNeeded(stream.writable.controller, e);
    TransformStreamUnblockWrite(stream);
  }

  /** TransformStreamSetBackpressure */
  function TransformStreamSetBackpressure(stream, backpressure) {
    if (stream.backpressureChangePromise !== undefined) {
      resolveDeferred(stream.backpressureChangePromise, undefined);
    }
    stream.backpressureChangePromise = newDeferred();
    stream.backpressure = backpressure;
  }

  /** TransformStreamUnblockWrite */
  function TransformStreamUnblockWrite(stream) {
    if (stream.backpressure) {
      TransformStreamSetBackpressure(stream, false);
    }
  }

  // ------------------------------------------------------------------------------ TransformStreamDefaultController

  class TransformStreamDefaultController {
    #record;

    constructor(key = undefined, record = undefined) {
      if (key !== KEY) {
        throw new TypeError("Failed to construct 'TransformStreamDefaultController': Illegal constructor");
      }
      this.#record = record;
    }

    static {
      transformControllerRecord = (value) => (isObject(value) && #record in value ? value.#record : undefined);
    }

    static #this(value) {
      const record = transformControllerRecord(value);
      if (record === undefined) {
        throw new TypeError('Illegal invocation: not a TransformStreamDefaultController.');
      }
      return record;
    }

    get desiredSize() {
      const controller = TransformStreamDefaultController.#this(this);
      return ReadableStreamDefaultControllerGetDesiredSize(controller.stream.readable.controller);
    }

    enqueue(chunk = undefined) {
      TransformStreamDefaultControllerEnqueue(TransformStreamDefaultController.#this(this), chunk);
    }

    error(reason = undefined) {
      TransformStreamDefaultControllerError(TransformStreamDefaultController.#this(this), reason);
    }

    terminate() {
      TransformStreamDefaultControllerTerminate(TransformStreamDefaultController.#this(this));
    }
  }
  enumerableMembers(TransformStreamDefaultController, ['desiredSize', 'enqueue', 'error', 'terminate']);
  brand(TransformStreamDefaultController);

  /** SetUpTransformStreamDefaultController */
  function SetUpTransformStreamDefaultController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    controller.stream = stream;
    stream.controller = controller;
    controller.transformAlgorithm = transformAlgorithm;
    controller.flushAlgorithm = flushAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
  }

  function newTransformControllerRecord() {
    const record = {
      wrapper: undefined, stream: undefined, transformAlgorithm: undefined, flushAlgorithm: undefined,
      cancelAlgorithm: undefined, finishPromise: undefined,
    };
    record.wrapper = new TransformStreamDefaultController(KEY, record);
    return record;
  }

  /** SetUpTransformStreamDefaultControllerFromTransformer */
  function SetUpTransformStreamDefaultControllerFromTransformer(stream, transformer, dict) {
    const controller = newTransformControllerRecord();
    let transformAlgorithm = (chunk) => {
      try {
        TransformStreamDefaultControllerEnqueue(controller, chunk);
        return resolvedUndefined();
      } catch (error) {
        return promiseReject(error);
      }
    };
    let flushAlgorithm = resolvedUndefined;
    let cancelAlgorithm = resolvedUndefined;
    if (dict.transform !== undefined) {
      const invoke = promiseInvoker(dict.transform, transformer);
      transformAlgorithm = (chunk) => invoke(chunk, controller.wrapper);
    }
    if (dict.flush !== undefined) {
      const invoke = promiseInvoker(dict.flush, transformer);
      flushAlgorithm = () => invoke(controller.wrapper);
    }
    if (dict.cancel !== undefined) {
      cancelAlgorithm = promiseInvoker(dict.cancel, transformer);
    }
    SetUpTransformStreamDefaultController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm);
  }

  /** TransformStreamDefaultControllerClearAlgorithms */
  function TransformStreamDefaultControllerClearAlgorithms(controller) {
    controller.transformAlgorithm = undefined;
    controller.flushAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
  }

  /** TransformStreamDefaultControllerEnqueue */
  function TransformStreamDefaultControllerEnqueue(controller, chunk) {
    const stream = controller.stream;
    const readableController = stream.readable.controller;
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(readableController)) {
      throw new TypeError("Failed to execute 'enqueue' on 'TransformStreamDefaultController': the readable side is not readable.");
    }
    try {
      ReadableStreamDefaultControllerEnqueue(readableController, chunk);
    } catch (e) {
      TransformStreamErrorWritableAndUnblockWrite(stream, e);
      throw stream.readable.storedError;
    }
    const backpressure = ReadableStreamDefaultControllerHasBackpressure(readableController);
    if (backpressure !== stream.backpressure) {
      TransformStreamSetBackpressure(stream, true);
    }
  }

  /** TransformStreamDefaultControllerError */
  function TransformStreamDefaultControllerError(controller, e) {
    TransformStreamError(controller.stream, e);
  }

  /** TransformStreamDefaultControllerPerformTransform */
  function TransformStreamDefaultControllerPerformTransform(controller, chunk) {
    const transformPromise = controller.transformAlgorithm(chunk);
    return react(transformPromise, undefined, (r) => {
      TransformStreamError(controller.stream, r);
      throw r;
    });
  }

  /** TransformStreamDefaultControllerTerminate */
  function TransformStreamDefaultControllerTerminate(controller) {
    const stream = controller.stream;
    ReadableStreamDefaultControllerClose(stream.readable.controller);
    const error = new TypeError('The transform stream has been terminated.');
    TransformStreamErrorWritableAndUnblockWrite(stream, error);
  }

  /** TransformStreamDefaultSinkAbortAlgorithm */
  function TransformStreamDefaultSinkAbortAlgorithm(stream, reason) {
    const controller = stream.controller;
    if (controller.finishPromise !== undefined) {
      return controller.finishPromise.promise;
    }
    const readable = stream.readable;
    controller.finishPromise = newDeferred();
    const cancelPromise = controller.cancelAlgorithm(reason);
    TransformStreamDefaultControllerClearAlgorithms(controller);
    upon(cancelPromise, () => {
      if (readable.state === 'errored') {
        rejectDeferred(controller.finishPromise, readable.storedError);
      } else {
        ReadableStreamDefaultControllerError(readable.controller, reason);
        resolveDeferred(controller.finishPromise, undefined);
      }
    }, (r) => {
      ReadableStreamDefaultControllerError(readable.controller, r);
      rejectDeferred(controller.finishPromise, r);
    });
    return controller.finishPromise.promise;
  }

  /** TransformStreamDefaultSinkCloseAlgorithm */
  function TransformStreamDefaultSinkCloseAlgorithm(stream) {
    const controller = stream.controller;
    if (controller.finishPromise !== undefined) {
      return controller.finishPromise.promise;
    }
    const readable = stream.readable;
    controller.finishPromise = newDeferred();
    const flushPromise = controller.flushAlgorithm();
    TransformStreamDefaultControllerClearAlgorithms(controller);
    upon(flushPromise, () => {
      if (readable.state === 'errored') {
        rejectDeferred(controller.finishPromise, readable.storedError);
      } else {
        ReadableStreamDefaultControllerClose(readable.controller);
        resolveDeferred(controller.finishPromise, undefined);
      }
    }, (r) => {
      ReadableStreamDefaultControllerError(readable.controller, r);
      rejectDeferred(controller.finishPromise, r);
    });
    return controller.finishPromise.promise;
  }

  /** TransformStreamDefaultSinkWriteAlgorithm */
  function TransformStreamDefaultSinkWriteAlgorithm(stream, chunk) {
    const controller = stream.controller;
    if (stream.backpressure) {
      const backpressureChangePromise = stream.backpressureChangePromise.promise;
      return react(backpressureChangePromise, () => {
        const writable = stream.writable;
        if (writable.state === 'erroring') {
          throw writable.storedError;
        }
        return TransformStreamDefaultControllerPerformTransform(controller, chunk);
      });
    }
    return TransformStreamDefaultControllerPerformTransform(controller, chunk);
  }

  /** TransformStreamDefaultSourceCancelAlgorithm */
  function TransformStreamDefaultSourceCancelAlgorithm(stream, reason) {
    const controller = stream.controller;
    if (controller.finishPromise !== undefined) {
      return controller.finishPromise.promise;
    }
    const writable = stream.writable;
    controller.finishPromise = newDeferred();
    const cancelPromise = controller.cancelAlgorithm(reason);
    TransformStreamDefaultControllerClearAlgorithms(controller);
    upon(cancelPromise, () => {
      if (writable.state === 'errored') {
        rejectDeferred(controller.finishPromise, writable.storedError);
      } else {
        WritableStreamDefaultControllerErrorIfNeeded(writable.controller, reason);
        TransformStreamUnblockWrite(stream);
        resolveDeferred(controller.finishPromise, undefined);
      }
    }, (r) => {
      WritableStreamDefaultControllerErrorIfNeeded(writable.controller, r);
      TransformStreamUnblockWrite(stream);
      rejectDeferred(controller.finishPromise, r);
    });
    return controller.finishPromise.promise;
  }

  /** TransformStreamDefaultSourcePullAlgorithm */
  function TransformStreamDefaultSourcePullAlgorithm(stream) {
    TransformStreamSetBackpressure(stream, false);
    return stream.backpressureChangePromise.promise;
  }

  /**
   * The Streams spec's "set up" of a TransformStream for other specs: writable high-water mark 1,
   * readable 0; exceptions from the algorithms become rejections. `transform(chunk, enqueue)` and
   * `flush(enqueue)` receive an enqueue function; `cancel(reason)` is optional.
   */
  function setUpTransformStream(stream, transform, flush, cancel = noop) {
    const controllerRef = { controller: undefined };
    const enqueue = (chunk) => TransformStreamDefaultControllerEnqueue(controllerRef.controller, chunk);
    const wrap = (fn) => (...args) => {
      try {
        return promiseResolve(reflectApply(fn, undefined, args));
      } catch (error) {
        return promiseReject(error);
      }
    };
    const startPromise = resolvedUndefined();
    InitializeTransformStream(stream, startPromise, 1, () => 1, 0, () => 1);
    const controller = newTransformControllerRecord();
    controllerRef.controller = controller;
    SetUpTransformStreamDefaultController(stream, controller, wrap((chunk) => transform(chunk, enqueue)),
      wrap(() => flush(enqueue)), wrap(cancel));
  }

  // ------------------------------------------------------------------------------ queuing strategies

  /** The QueuingStrategyInit dictionary. */
  function strategyInit(init, name) {
    const what = `Failed to construct '${name}'`;
    requiredArguments(init === undefined ? 0 : 1, 1, what);
    const dict = dictionary(init, `${what}: parameter 1`);
    const highWaterMark = dict === undefined ? undefined : dict.highWaterMark;
    if (highWaterMark === undefined) {
      throw new TypeError(`${what}: required member highWaterMark is undefined.`);
    }
    return toDouble(highWaterMark);
  }

  // The size functions, one per realm as the spec requires; methods, so not constructors.
  const byteLengthSize = { size(chunk) { return chunk.byteLength; } }.size;
  const countSize = { size() { return 1; } }.size;

  class ByteLengthQueuingStrategy {
    #highWaterMark;

    constructor(init) {
      requiredArguments(arguments.length, 1, "Failed to construct 'ByteLengthQueuingStrategy'");
      this.#highWaterMark = strategyInit(init, 'ByteLengthQueuingStrategy');
    }

    static #this(value) {
      if (!isObject(value) || !(#highWaterMark in value)) {
        throw new TypeError('Illegal invocation: not a ByteLengthQueuingStrategy.');
      }
      return value;
    }

    get highWaterMark() {
      return ByteLengthQueuingStrategy.#this(this).#highWaterMark;
    }

    get size() {
      ByteLengthQueuingStrategy.#this(this);
      return byteLengthSize;
    }
  }
  enumerableMembers(ByteLengthQueuingStrategy, ['highWaterMark', 'size']);
  brand(ByteLengthQueuingStrategy);

  class CountQueuingStrategy {
    #highWaterMark;

    constructor(init) {
      requiredArguments(arguments.length, 1, "Failed to construct 'CountQueuingStrategy'");
      this.#highWaterMark = strategyInit(init, 'CountQueuingStrategy');
    }

    static #this(value) {
      if (!isObject(value) || !(#highWaterMark in value)) {
        throw new TypeError('Illegal invocation: not a CountQueuingStrategy.');
      }
      return value;
    }

    get highWaterMark() {
      return CountQueuingStrategy.#this(this).#highWaterMark;
    }

    get size() {
      CountQueuingStrategy.#this(this);
      return countSize;
    }
  }
  enumerableMembers(CountQueuingStrategy, ['highWaterMark', 'size']);
  brand(CountQueuingStrategy);

  // ------------------------------------------------------------------------------ TextEncoderStream

  class TextEncoderStream {
    #transform;
    #pendingHighSurrogate = '';

    constructor() {
      const transform = this.#transform = newTransformStreamRecord(undefined);
      setUpTransformStream(transform, (chunk) => this.#encodeAndEnqueue(chunk), (enqueue) => this.#encodeAndFlush(enqueue));
    }

    static #this(value) {
      if (!isObject(value) || !(#transform in value)) {
        throw new TypeError('Illegal invocation: not a TextEncoderStream.');
      }
      return value.#transform;
    }

    /** Encoding's "encode and enqueue a chunk": a lead surrogate at the end waits for the next chunk. */
    #encodeAndEnqueue(chunk) {
      let input = this.#pendingHighSurrogate + `${chunk}`;
      this.#pendingHighSurrogate = '';
      const last = input.length > 0 ? stringCharCodeAt(input, input.length - 1) : 0;
      if (last >= 0xd800 && last <= 0xdbff) {
        this.#pendingHighSurrogate = stringSlice(input, input.length - 1);
        input = stringSlice(input, 0, input.length - 1);
      }
      if (input.length > 0) {
        TransformStreamDefaultControllerEnqueue(this.#transform.controller, utf8Encode(input));
      }
    }

    /** Encoding's "encode and flush": a lone lead surrogate left over becomes U+FFFD. */
    #encodeAndFlush() {
      if (this.#pendingHighSurrogate !== '') {
        this.#pendingHighSurrogate = '';
        const replacement = new Uint8Array(3); // U+FFFD
        replacement[0] = 0xef;
        replacement[1] = 0xbf;
        replacement[2] = 0xbd;
        TransformStreamDefaultControllerEnqueue(this.#transform.controller, replacement);
      }
    }

    get encoding() {
      TextEncoderStream.#this(this);
      return 'utf-8';
    }

    get readable() {
      return TextEncoderStream.#this(this).readable.wrapper;
    }

    get writable() {
      return TextEncoderStream.#this(this).writable.wrapper;
    }
  }
  enumerableMembers(TextEncoderStream, ['encoding', 'readable', 'writable']);
  brand(TextEncoderStream);

  // ------------------------------------------------------------------------------ TextDecoderStream

  class TextDecoderStream {
    #transform;
    #decoder;

    constructor(label = 'utf-8', options = undefined) {
      // TextDecoder converts the label and options, and throws the RangeError for unknown labels.
      const decoder = this.#decoder = new TextDecoder(label, options);
      const transform = this.#transform = newTransformStreamRecord(undefined);
      const decodeOptions = { stream: true };
      setUpTransformStream(transform, (chunk, enqueue) => {
        // Encoding's "decode and enqueue a chunk".
        const output = textDecoderDecode(decoder, chunk, decodeOptions);
        if (output.length > 0) {
          enqueue(output);
        }
      }, (enqueue) => {
        // Encoding's "flush and enqueue".
        const output = textDecoderDecode(decoder);
        if (output.length > 0) {
          enqueue(output);
        }
      });
    }

    static #this(value) {
      if (!isObject(value) || !(#transform in value)) {
        throw new TypeError('Illegal invocation: not a TextDecoderStream.');
      }
      return value;
    }

    get encoding() {
      return textDecoderEncoding(TextDecoderStream.#this(this).#decoder);
    }

    get fatal() {
      return textDecoderFatal(TextDecoderStream.#this(this).#decoder);
    }

    get ignoreBOM() {
      return textDecoderIgnoreBOM(TextDecoderStream.#this(this).#decoder);
    }

    get readable() {
      return TextDecoderStream.#this(this).#transform.readable.wrapper;
    }

    get writable() {
      return TextDecoderStream.#this(this).#transform.writable.wrapper;
    }
  }
  enumerableMembers(TextDecoderStream, ['encoding', 'fatal', 'ignoreBOM', 'readable', 'writable']);
  brand(TextDecoderStream);

  // ------------------------------------------------------------------------------ CompressionStream

  const COMPRESSION_FORMATS = ['deflate', 'deflate-raw', 'gzip'];
  /** Chunks a (de)compression step produces are split into pieces of at most this many bytes. */
  const MAX_OUTPUT_CHUNK = 65536;

  /** The CompressionFormat enum. */
  function compressionFormat(format, what) {
    const value = `${format}`;
    for (let i = 0; i < COMPRESSION_FORMATS.length; i++) {
      if (COMPRESSION_FORMATS[i] === value) {
        return value;
      }
    }
    throw new TypeError(`${what}: '${value}' is not a supported compression format.`);
  }

  /** The buffer, offset and length of an [AllowShared] BufferSource chunk, or a TypeError. */
  function bufferSourceRange(chunk, what) {
    if (isView(chunk)) {
      const info = viewInfo(chunk);
      if (IsDetachedBuffer(info.buffer)) {
        return { buffer: new ArrayBuffer(0), byteOffset: 0, byteLength: 0 };
      }
      return info;
    }
    const kind = isObject(chunk) ? kindOf(chunk) : '';
    if (kind === 'ArrayBuffer' || kind === 'SharedArrayBuffer') {
      return { buffer: chunk, byteOffset: 0, byteLength: IsDetachedBuffer(chunk) ? 0 : bufferByteLength(chunk) };
    }
    throw new TypeError(`${what}: the chunk is not a BufferSource.`);
  }

  /** Enqueues the bytes of the host's Latin-1 string output as Uint8Arrays of bounded size. */
  function enqueueHostOutput(output, enqueue) {
    const length = output.length;
    for (let start = 0; start < length; start += MAX_OUTPUT_CHUNK) {
      const end = Math.min(length, start + MAX_OUTPUT_CHUNK);
      const bytes = new Uint8Array(end - start);
      for (let i = start; i < end; i++) {
        bytes[i - start] = stringCharCodeAt(output, i);
      }
      enqueue(bytes);
    }
  }

  /** Sets up the transform of a CompressionStream or DecompressionStream over a host (de)compressor. */
  function setUpCompression(transform, format, decompress) {
    const what = decompress ? 'DecompressionStream' : 'CompressionStream';
    const handle = host.compressionOpen(format, decompress);
    setUpTransformStream(transform, (chunk, enqueue) => {
      const { buffer, byteOffset, byteLength } = bufferSourceRange(chunk, what);
      let output;
      try {
        output = host.compressionWrite(handle, buffer, byteOffset, byteLength);
      } catch (error) {
        host.compressionClose(handle);
        throw error;
      }
      enqueueHostOutput(output, enqueue);
    }, (enqueue) => {
      let output;
      try {
        output = host.compressionFinish(handle);
      } finally {
        host.compressionClose(handle);
      }
      enqueueHostOutput(output, enqueue);
    }, () => {
      host.compressionClose(handle);
    });
  }

  class CompressionStream {
    #transform;

    constructor(format) {
      const what = "Failed to construct 'CompressionStream'";
      requiredArguments(arguments.length, 1, what);
      const value = compressionFormat(format, what);
      this.#transform = newTransformStreamRecord(undefined);
      setUpCompression(this.#transform, value, false);
    }

    static #this(value) {
      if (!isObject(value) || !(#transform in value)) {
        throw new TypeError('Illegal invocation: not a CompressionStream.');
      }
      return value.#transform;
    }

    get readable() {
      return CompressionStream.#this(this).readable.wrapper;
    }

    get writable() {
      return CompressionStream.#this(this).writable.wrapper;
    }
  }
  enumerableMembers(CompressionStream, ['readable', 'writable']);
  brand(CompressionStream);

  class DecompressionStream {
    #transform;

    constructor(format) {
      const what = "Failed to construct 'DecompressionStream'";
      requiredArguments(arguments.length, 1, what);
      const value = compressionFormat(format, what);
      this.#transform = newTransformStreamRecord(undefined);
      setUpCompression(this.#transform, value, true);
    }

    static #this(value) {
      if (!isObject(value) || !(#transform in value)) {
        throw new TypeError('Illegal invocation: not a DecompressionStream.');
      }
      return value.#transform;
    }

    get readable() {
      return DecompressionStream.#this(this).readable.wrapper;
    }

    get writable() {
      return DecompressionStream.#this(this).writable.wrapper;
    }
  }
  enumerableMembers(DecompressionStream, ['readable', 'writable']);
  brand(DecompressionStream);

  // ------------------------------------------------------------------------------ hooks for other bindings

  /** The controller object internal pull/start algorithms receive (never exposed to scripts). */
  function internalController(stream) {
    return {
      enqueue(chunk) {
        const controller = stream.controller;
        if (controller.byte) {
          ReadableByteStreamControllerEnqueue(controller, chunk);
        } else {
          ReadableStreamDefaultControllerEnqueue(controller, chunk);
        }
      },
      close() {
        const controller = stream.controller;
        if (controller.byte) {
          ReadableByteStreamControllerClose(controller);
          // A BYOB read waiting when the stream closes gets its (empty) result now.
          if (controller.pendingPullIntos.size > 0) {
            ReadableByteStreamControllerRespond(controller, 0);
          }
        } else {
          ReadableStreamDefaultControllerClose(controller);
        }
      },
      error(e) {
        errorStream(stream.wrapper, e);
      },
      get desiredSize() {
        const controller = stream.controller;
        return controller.byte ? ReadableByteStreamControllerGetDesiredSize(controller)
          : ReadableStreamDefaultControllerGetDesiredSize(controller);
      },
      byobRequestView() {
        const controller = stream.controller;
        if (!controller.byte) {
          return null;
        }
        const request = ReadableByteStreamControllerGetBYOBRequest(controller);
        return request === null ? null : request.view;
      },
    };
  }

  /** Wraps an internal algorithm so that its exceptions and non-promise results become promises. */
  function promiseAlgorithm(fn) {
    return (...args) => {
      try {
        return promiseResolve(reflectApply(fn, undefined, args));
      } catch (error) {
        return promiseReject(error);
      }
    };
  }

  function requireStream(value) {
    const record = readableStreamRecord(value);
    if (record === undefined) {
      throw new TypeError('Not a ReadableStream.');
    }
    return record;
  }

  /** The Streams spec's "set up with byte reading support", for bodies fed from Java. */
  function createByteStream({ pull = undefined, cancel = undefined, highWaterMark = 0 } = {}) {
    const stream = readableStreamRecord(new ReadableStream(KEY));
    const controllerObject = internalController(stream);
    const controller = newByteControllerRecord();
    SetUpReadableByteStreamController(stream, controller, () => undefined,
      pull === undefined ? resolvedUndefined : promiseAlgorithm(() => pull(controllerObject)),
      cancel === undefined ? resolvedUndefined : promiseAlgorithm((reason) => cancel(reason)),
      highWaterMark, undefined);
    return stream.wrapper;
  }

  /** CreateReadableStream for other bindings; the algorithms receive the internal controller object. */
  function createStream({ start = undefined, pull = undefined, cancel = undefined, highWaterMark = 1, size = undefined } = {}) {
    const stream = readableStreamRecord(new ReadableStream(KEY));
    const controllerObject = internalController(stream);
    const controller = newDefaultControllerRecord();
    SetUpReadableStreamDefaultController(stream, controller,
      () => (start === undefined ? undefined : start(controllerObject)),
      pull === undefined ? resolvedUndefined : promiseAlgorithm(() => pull(controllerObject)),
      cancel === undefined ? resolvedUndefined : promiseAlgorithm((reason) => cancel(reason)),
      highWaterMark, size === undefined ? () => 1 : size);
    return stream.wrapper;
  }

  function fromBytes(bytes) {
    const length = typedArrayByteLength(bytes);
    const copy = new Uint8Array(length);
    typedArraySet(copy, bytes);
    const stream = readableStreamRecord(new ReadableStream(KEY));
    const controller = newByteControllerRecord();
    SetUpReadableByteStreamController(stream, controller, () => undefined, resolvedUndefined, resolvedUndefined, 0,
      undefined);
    if (length > 0) {
      ReadableByteStreamControllerEnqueue(controller, copy);
    }
    ReadableByteStreamControllerClose(controller);
    return stream.wrapper;
  }

  /** The Streams spec's "read all bytes" from a new reader. */
  function readAllBytes(streamObject) {
    const stream = requireStream(streamObject);
    const reader = AcquireReadableStreamDefaultReader(stream);
    const result = newDeferred();
    const chunks = new Queue();
    let total = 0;
    const readLoop = () => {
      ReadableStreamDefaultReaderRead(reader, {
        chunkSteps: (chunk) => {
          if (kindOf(chunk) !== 'Uint8Array') {
            const error = new TypeError('The body stream produced a chunk that is not a Uint8Array.');
            rejectDeferred(result, error);
            ReadableStreamCancel(stream, error);
            return;
          }
          chunks.push(chunk);
          total += typedArrayByteLength(chunk);
          // Recursing in a microtask keeps the stack flat however many chunks are queued.
          queueMicrotask(readLoop);
        },
        closeSteps: () => {
          const bytes = new Uint8Array(total);
          let offset = 0;
          chunks.forEach((chunk) => {
            typedArraySet(bytes, chunk, offset);
            offset += typedArrayByteLength(chunk);
          });
          resolveDeferred(result, bytes);
        },
        errorSteps: (e) => rejectDeferred(result, e),
      });
    };
    readLoop();
    return result.promise;
  }

  function errorStream(streamObject, e) {
    const stream = requireStream(streamObject);
    if (stream.controller.byte) {
      ReadableByteStreamControllerError(stream.controller, e);
    } else {
      ReadableStreamDefaultControllerError(stream.controller, e);
    }
  }

  internals.streams = {
    ReadableStream,
    WritableStream,
    TransformStream,
    isReadableStream: (value) => readableStreamRecord(value) !== undefined,
    isDisturbed: (stream) => requireStream(stream).disturbed,
    isLocked: (stream) => IsReadableStreamLocked(requireStream(stream)),
    isErrored: (stream) => requireStream(stream).state === 'errored',
    isClosed: (stream) => requireStream(stream).state === 'closed',
    storedError: (stream) => requireStream(stream).storedError,
    createByteStream,
    createStream,
    fromBytes,
    readAllBytes,
    tee(stream, cloneForBranch2 = false) {
      const branches = ReadableStreamTee(requireStream(stream), cloneForBranch2);
      return [branches[0].wrapper, branches[1].wrapper];
    },
    cancel: (stream, reason) => ReadableStreamCancel(requireStream(stream), reason),
    acquireReader: (stream) => AcquireReadableStreamDefaultReader(requireStream(stream)).wrapper,
    readChunk(reader) {
      const record = readerRecord(reader);
      if (record === undefined || record.byob || record.stream === undefined) {
        return promiseReject(new TypeError('Not a default reader holding a stream.'));
      }
      return readResultPromise(record);
    },
    releaseReader(reader) {
      const record = readerRecord(reader);
      if (record !== undefined && !record.byob && record.stream !== undefined) {
        ReadableStreamDefaultReaderRelease(record);
      }
    },
    pipeTo(source, dest, { preventClose = false, preventAbort = false, preventCancel = false, signal = undefined } = {}) {
      return ReadableStreamPipeTo(requireStream(source), writableStreamRecord(dest), Boolean(preventClose),
        Boolean(preventAbort), Boolean(preventCancel), signal);
    },
    errorStream,
  };

  defineGlobal('ReadableStream', ReadableStream);
  defineGlobal('ReadableStreamDefaultReader', ReadableStreamDefaultReader);
  defineGlobal('ReadableStreamBYOBReader', ReadableStreamBYOBReader);
  defineGlobal('ReadableStreamDefaultController', ReadableStreamDefaultController);
  defineGlobal('ReadableByteStreamController', ReadableByteStreamController);
  defineGlobal('ReadableStreamBYOBRequest', ReadableStreamBYOBRequest);
  defineGlobal('WritableStream', WritableStream);
  defineGlobal('WritableStreamDefaultWriter', WritableStreamDefaultWriter);
  defineGlobal('WritableStreamDefaultController', WritableStreamDefaultController);
  defineGlobal('TransformStream', TransformStream);
  defineGlobal('TransformStreamDefaultController', TransformStreamDefaultController);
  defineGlobal('ByteLengthQueuingStrategy', ByteLengthQueuingStrategy);
  defineGlobal('CountQueuingStrategy', CountQueuingStrategy);
  defineGlobal('TextEncoderStream', TextEncoderStream);
  defineGlobal('TextDecoderStream', TextDecoderStream);
  defineGlobal('CompressionStream', CompressionStream);
  defineGlobal('DecompressionStream', DecompressionStream);
})
