// The Fetch Standard's API (https://fetch.spec.whatwg.org/#fetch-api): Headers, Request, Response,
// the Body mixin, FormData, and fetch(). The Java objects of org.sw4j.webapi.fetch do the work
// (header rules, the Request and Response constructor steps, filtered responses); this file
// converts arguments as WebIDL does and owns the bodies.
//
// A body here is a record { stream, bytes, source, length, disturbed, shared }:
//   bytes   a Uint8Array the body was made from in JavaScript (a string, buffer, Blob, form...),
//   source  a Java BodySource handle (a response from the network, later from storage),
//   stream  the ReadableStream, made only when a script asks for `body` or reads it in a way that
//           needs one; from then on the stream owns the bytes and `bytes`/`source` are null.
// So `await (await fetch(url)).arrayBuffer()` never builds a stream: Java reads the body to its
// end in one host operation, and the chunks a stream would carry cross without copying.
(function (host, internals, config) {
  'use strict';
  const {
    defineGlobal, brand, enumerableMembers, requiredArguments, illegalConstructor, uncurry, getterOf,
    streams, blob: blobs, utf8Encode, utf8Decode, toUSVString, isAbortSignal, addAbortAlgorithm,
    removeAbortAlgorithm, signalAbort,
  } = internals;
  const {
    ArrayBuffer, Array, DataView, JSON, Map, Object, Promise, Reflect, String, Symbol, TypeError, RangeError,
    Uint8Array, AbortController, AbortSignal, URLSearchParams, File, Date, Number, Math, Boolean, RegExp,
  } = globalThis;
  const { isView } = ArrayBuffer;
  const promiseThen = uncurry(Promise.prototype.then);
  const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength');
  const arrayBufferSlice = uncurry(ArrayBuffer.prototype.slice);
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const typedArrayBuffer = getterOf(TypedArrayPrototype, 'buffer');
  const typedArrayByteOffset = getterOf(TypedArrayPrototype, 'byteOffset');
  const typedArrayByteLength = getterOf(TypedArrayPrototype, 'byteLength');
  const typedArraySet = uncurry(TypedArrayPrototype.set);
  const stringCharCodeAt = uncurry(String.prototype.charCodeAt);
  const dataViewBuffer = getterOf(DataView.prototype, 'buffer');
  const dataViewByteOffset = getterOf(DataView.prototype, 'byteOffset');
  const dataViewByteLength = getterOf(DataView.prototype, 'byteLength');
  const abortSignalAborted = getterOf(AbortSignal.prototype, 'aborted');
  const abortSignalReason = getterOf(AbortSignal.prototype, 'reason');
  const searchParamsToString = uncurry(URLSearchParams.prototype.toString);
  const stringTest = uncurry(RegExp.prototype.test);
  const jsonStringify = JSON.stringify;
  const jsonParse = JSON.parse;
  const arrayPush = uncurry(Array.prototype.push);
  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  // Host operations held as plain functions: calling one this way skips a member lookup on the
  // host object, which costs as much as the call itself.
  const {
    bodyFromBytes, bodyPipeCancelled, bodyPipeEnd, bodyPipeFail, bodyPipeNew, bodyPipeOnDrain,
    bodyPipeWrite, bodySourceCancel, bodySourceFork, bodySourceRead, bodySourceReadAll, fetchAbort, fetchStart,
    multipartBoundary, multipartParse,
  } = host;
  // The hot operations: an object whose methods JavaScript calls directly (compiled into the caller).
  const ops = host.fetchOperations;
  const KEY = Symbol('construct');
  const EMPTY = new Uint8Array(0);
  const NOT_BYTE_STRING = /[^\x00-\xFF]/;

  // ------------------------------------------------------------------------------ conversions

  /** WebIDL ByteString. */
  function toByteString(value, what) {
    const string = String(value);
    if (stringTest(NOT_BYTE_STRING, string)) {
      throw new TypeError(`${what}: String contains non ISO-8859-1 code point.`);
    }
    return string;
  }

  function isObject(value) {
    return value !== null && (typeof value === 'object' || typeof value === 'function');
  }

  /** WebIDL enumeration conversion. */
  function toEnum(value, allowed, what) {
    const string = String(value);
    if (!allowed.includes(string)) {
      throw new TypeError(`${what}: The provided value '${string}' is not a valid enum value of type ${allowed.type}.`);
    }
    return string;
  }

  function enumValues(type, values) {
    values.type = type;
    return values;
  }
  const REFERRER_POLICIES = enumValues('ReferrerPolicy', ['', 'no-referrer', 'no-referrer-when-downgrade',
    'same-origin', 'origin', 'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin',
    'unsafe-url']);
  const MODES = enumValues('RequestMode', ['navigate', 'same-origin', 'no-cors', 'cors']);
  const CREDENTIALS = enumValues('RequestCredentials', ['omit', 'same-origin', 'include']);
  const CACHES = enumValues('RequestCache', ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached']);
  const REDIRECTS = enumValues('RequestRedirect', ['follow', 'error', 'manual']);
  const DUPLEXES = enumValues('RequestDuplex', ['half']);
  const PRIORITIES = enumValues('RequestPriority', ['high', 'low', 'auto']);

  /**
   * HeadersInit (sequence<sequence<ByteString>> or record<ByteString, ByteString>) as a flat array
   * [name, value, name, value, ...].
   */
  function headersInitPairs(init, what) {
    if (!isObject(init)) {
      throw new TypeError(`${what}: The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.`);
    }
    const flat = [];
    if (init instanceof Headers && init[Symbol.iterator] === headersIterator) {
      const entries = headerEntries(init);
      for (let i = 0; i < entries.length; i++) {
        arrayPush(flat, entries[i][0], entries[i][1]);
      }
      return flat;
    }
    const method = init[Symbol.iterator];
    if (method !== undefined && method !== null) {
      if (typeof method !== 'function') {
        throw new TypeError(`${what}: The object must have a callable @@iterator property.`);
      }
      for (const pair of Reflect.apply(method, init, [])) {
        if (!isObject(pair)) {
          throw new TypeError(`${what}: The provided value cannot be converted to a sequence.`);
        }
        const items = [...pair];
        if (items.length !== 2) {
          throw new TypeError(`${what}: Invalid value (a header pair must have exactly two items, not ${items.length})`);
        }
        arrayPush(flat, toByteString(items[0], what), toByteString(items[1], what));
      }
      return flat;
    }
    for (const key of Reflect.ownKeys(init)) {
      const desc = Reflect.getOwnPropertyDescriptor(init, key);
      if (desc !== undefined && desc.enumerable) {
        if (typeof key === 'symbol') {
          throw new TypeError(`${what}: Cannot convert a Symbol value to a string`);
        }
        arrayPush(flat, toByteString(key, what), toByteString(init[key], what));
      }
    }
    return flat;
  }

  // ------------------------------------------------------------------------------ Headers

  /**
   * WebIDL's default iterator objects for an interface with a pair iterator (Headers, FormData):
   * each next() reads the target's current pairs, so changes made while iterating are seen.
   */
  function pairIterator(interfaceName, pairsOf) {
    const tag = `${interfaceName} Iterator`;
    class PairIterator {
      #target;
      #kind;
      #index = 0;

      constructor(key, target, kind) {
        if (key !== KEY) {
          illegalConstructor();
        }
        this.#target = target;
        this.#kind = kind;
      }

      next() {
        if (!(#target in this)) {
          throw new TypeError(`Failed to execute 'next' on '${tag}': Illegal invocation`);
        }
        const pairs = pairsOf(this.#target);
        if (this.#index >= pairs.length) {
          return { value: undefined, done: true };
        }
        const [name, value] = pairs[this.#index++];
        const kind = this.#kind;
        return { value: kind === 'key' ? name : kind === 'value' ? value : [name, value], done: false };
      }
    }
    Object.setPrototypeOf(PairIterator.prototype, iteratorPrototype);
    enumerableMembers(PairIterator, ['next']);
    brand(PairIterator, tag);
    Object.defineProperty(PairIterator, 'name', { value: tag });
    return PairIterator;
  }


  let headersHandle;
  let headerEntries;
  let wrapHeaders;

  class Headers {
    #h;
    #entries = null;

    constructor(init = undefined) {
      if (init === KEY) {
        this.#h = arguments[1];
        return;
      }
      this.#h = ops.headersNew();
      if (init !== undefined) {
        ops.headersFill(this.#h, headersInitPairs(init, "Failed to construct 'Headers'"));
      }
    }

    append(name, value) {
      requiredArguments(arguments.length, 2, "Failed to execute 'append' on 'Headers'");
      const h = this.#h;
      ops.headersAppend(h, toByteString(name, "Failed to execute 'append' on 'Headers'"),
        toByteString(value, "Failed to execute 'append' on 'Headers'"));
      this.#entries = null;
    }

    delete(name) {
      requiredArguments(arguments.length, 1, "Failed to execute 'delete' on 'Headers'");
      const h = this.#h;
      ops.headersDelete(h, toByteString(name, "Failed to execute 'delete' on 'Headers'"));
      this.#entries = null;
    }

    get(name) {
      requiredArguments(arguments.length, 1, "Failed to execute 'get' on 'Headers'");
      return ops.headersGet(this.#h, toByteString(name, "Failed to execute 'get' on 'Headers'"));
    }

    getSetCookie() {
      return [...ops.headersGetSetCookie(this.#h)];
    }

    has(name) {
      requiredArguments(arguments.length, 1, "Failed to execute 'has' on 'Headers'");
      return ops.headersHas(this.#h, toByteString(name, "Failed to execute 'has' on 'Headers'"));
    }

    set(name, value) {
      requiredArguments(arguments.length, 2, "Failed to execute 'set' on 'Headers'");
      const h = this.#h;
      ops.headersSet(h, toByteString(name, "Failed to execute 'set' on 'Headers'"),
        toByteString(value, "Failed to execute 'set' on 'Headers'"));
      this.#entries = null;
    }

    forEach(callback, thisArg = undefined) {
      requiredArguments(arguments.length, 1, "Failed to execute 'forEach' on 'Headers'");
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'forEach' on 'Headers': The callback provided as parameter 1 is not a function.");
      }
      for (let i = 0; ; i++) {
        const entries = headerEntries(this);
        if (i >= entries.length) {
          break;
        }
        Reflect.apply(callback, thisArg, [entries[i][1], entries[i][0], this]);
      }
    }

    keys() { return new HeadersIterator(KEY, this, 'key'); }
    values() { return new HeadersIterator(KEY, this, 'value'); }
    entries() { return new HeadersIterator(KEY, this, 'key+value'); }

    static {
      headersHandle = (headers) => headers.#h;
      headerEntries = (headers) => {
        if (!(#h in headers)) {
          throw new TypeError('Illegal invocation');
        }
        if (headers.#entries === null) {
          const flat = ops.headersEntries(headers.#h);
          const entries = [];
          for (let i = 0; i < flat.length; i += 2) {
            arrayPush(entries, [flat[i], flat[i + 1]]);
          }
          headers.#entries = entries;
        }
        return headers.#entries;
      };
      wrapHeaders = (handle) => new Headers(KEY, handle);
    }
  }
  const headersIterator = Headers.prototype.entries;
  Object.defineProperty(Headers.prototype, Symbol.iterator, {
    value: headersIterator, writable: true, configurable: true, enumerable: false,
  });
  enumerableMembers(Headers, ['append', 'delete', 'get', 'getSetCookie', 'has', 'set', 'forEach', 'keys', 'values', 'entries']);
  brand(Headers);

  const HeadersIterator = pairIterator('Headers', (headers) => headerEntries(headers));

  // ------------------------------------------------------------------------------ bodies

  /** The bytes of a string the host made of Latin-1 characters, one per byte. */
  function latin1Bytes(string) {
    const length = string.length;
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      bytes[i] = stringCharCodeAt(string, i);
    }
    return bytes;
  }

  const stringPrototype = String.prototype;
  const stringPrototypeCharCodeAt = String.prototype.charCodeAt;
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

  /**
   * The bytes of a string the host packed two to a character (FetchBinding.packed): a first
   * character counting the padding bytes (0 or 1) at the end, then the bytes, the first of each
   * pair in the low half of its character.
   */
  function unpackBytes(string) {
    const characters = string.length - 1;
    const buffer = new ArrayBuffer(characters * 2);
    if (littleEndian && stringPrototype.charCodeAt === stringPrototypeCharCodeAt) {
      // One 16-bit store per character, with the method called directly (a hot loop: a call
      // through Reflect.apply costs more than the store).
      const words = new Uint16Array(buffer);
      for (let i = 0; i < characters; i++) {
        words[i] = string.charCodeAt(i + 1);
      }
    } else {
      const bytes = new Uint8Array(buffer);
      for (let i = 0; i < characters; i++) {
        const c = stringCharCodeAt(string, i + 1);
        bytes[2 * i] = c & 0xff;
        bytes[2 * i + 1] = c >> 8;
      }
    }
    const padding = characters > 0 ? stringCharCodeAt(string, 0) : 0;
    return new Uint8Array(buffer, 0, characters * 2 - padding);
  }

  function newBody(bytes, source, stream, length) {
    return { bytes, source, stream, length, disturbed: false, shared: false };
  }

  /** A body over a Java BodySource: chunks are pulled from Java only as the stream wants them. */
  function streamFromSource(source) {
    return streams.createByteStream({
      highWaterMark: 0,
      pull(controller) {
        return new Promise((resolve, reject) => {
          bodySourceRead(source, (chunk) => {
            try {
              if (chunk === null) {
                controller.close();
              } else {
                controller.enqueue(unpackBytes(chunk));
              }
              resolve();
            } catch (e) {
              reject(e);
            }
          }, (message) => reject(new TypeError(message)));
        });
      },
      cancel() {
        bodySourceCancel(source);
      },
    });
  }

  /** The body's stream, made now if it was not yet. */
  function bodyStream(body) {
    if (body.stream === null) {
      if (body.source !== null) {
        body.stream = streamFromSource(body.source);
        body.source = null;
      } else {
        body.stream = streams.fromBytes(body.bytes ?? EMPTY);
        body.bytes = null;
      }
      if (body.disturbed) {
        // Read without a stream: the stream a script gets afterwards is disturbed and empty.
        const reader = streams.acquireReader(body.stream);
        streams.cancel(body.stream, undefined);
        streams.releaseReader(reader);
      }
    }
    return body.stream;
  }

  function bodyUsed(body) {
    if (body === null) {
      return false;
    }
    return body.stream !== null ? streams.isDisturbed(body.stream) : body.disturbed;
  }

  /** Fetch's "unusable": disturbed or locked. */
  function bodyUnusable(body) {
    if (body === null) {
      return false;
    }
    return body.stream !== null ? streams.isDisturbed(body.stream) || streams.isLocked(body.stream) : body.disturbed;
  }

  /**
   * Fetch's "consume body" up to the bytes: resolves to { bytes, owned } (owned: nobody else
   * holds the bytes, so an ArrayBuffer can be handed out without a copy).
   */
  function consumeBytes(body, what) {
    if (body === null) {
      return Promise.resolve({ bytes: EMPTY, owned: false });
    }
    if (bodyUnusable(body)) {
      return Promise.reject(new TypeError(`Failed to execute '${what}': body stream already read`));
    }
    if (body.stream === null) {
      body.disturbed = true;
      if (body.source !== null) {
        const source = body.source;
        body.source = null;
        return new Promise((resolve, reject) => {
          const all = bodySourceReadAll(source, (later) => resolve({ bytes: unpackBytes(later), owned: true }),
            (message) => reject(new TypeError(message)));
          if (all !== null) {
            resolve({ bytes: unpackBytes(all), owned: true });
          }
        });
      }
      const bytes = body.bytes ?? EMPTY;
      body.bytes = null;
      return Promise.resolve({ bytes, owned: !body.shared });
    }
    return promiseThen(streams.readAllBytes(body.stream), (bytes) => ({ bytes, owned: true }));
  }

  /** An ArrayBuffer of exactly `bytes`, the same memory when that is allowed. */
  function toArrayBuffer({ bytes, owned }) {
    const buffer = typedArrayBuffer(bytes);
    if (owned && typedArrayByteOffset(bytes) === 0 && typedArrayByteLength(bytes) === arrayBufferByteLength(buffer)) {
      return buffer;
    }
    const offset = typedArrayByteOffset(bytes);
    return arrayBufferSlice(buffer, offset, offset + typedArrayByteLength(bytes));
  }

  function toUint8Array(consumed) {
    return new Uint8Array(toArrayBuffer(consumed));
  }

  /** Fetch's "clone a body": the stream teed, or the bytes shared (they are never written). */
  function cloneBody(body) {
    if (body === null) {
      return null;
    }
    if (body.stream === null && body.source !== null) {
      // A body Java holds in memory, not yet read: a second source over the same bytes, so
      // neither clone is copied into JavaScript unless a script reads it.
      const fork = bodySourceFork(body.source);
      if (fork !== null) {
        const copy = newBody(null, fork, null, body.length);
        copy.disturbed = body.disturbed;
        return copy;
      }
    }
    if (body.stream === null && body.source === null) {
      body.shared = true;
      const copy = newBody(body.bytes, null, null, body.length);
      copy.shared = true;
      copy.disturbed = body.disturbed;
      return copy;
    }
    const [one, two] = streams.tee(bodyStream(body));
    body.stream = one;
    return newBody(null, null, two, body.length);
  }

  /** A copy of a BufferSource's bytes. */
  function bufferSourceBytes(value) {
    let buffer;
    let offset;
    let length;
    if (isView(value)) {
      if (value instanceof DataView) {
        buffer = dataViewBuffer(value);
        offset = dataViewByteOffset(value);
        length = dataViewByteLength(value);
      } else {
        buffer = typedArrayBuffer(value);
        offset = typedArrayByteOffset(value);
        length = typedArrayByteLength(value);
      }
    } else {
      buffer = value;
      offset = 0;
      length = arrayBufferByteLength(value);
    }
    return new Uint8Array(arrayBufferSlice(buffer, offset, offset + length));
  }

  function isArrayBuffer(value) {
    try {
      arrayBufferByteLength(value);
      return true;
    } catch (e) {
      return false;
    }
  }

  /**
   * Fetch's "extract a body" of a BodyInit: { body, type } where type is the Content-Type to use
   * when the headers have none, or null.
   */
  function extractBody(object, keepalive = false) {
    if (streams.isReadableStream(object)) {
      if (keepalive) {
        throw new TypeError('Failed to construct: a ReadableStream body cannot be used with keepalive');
      }
      if (streams.isDisturbed(object) || streams.isLocked(object)) {
        throw new TypeError('Failed to construct: the ReadableStream body is disturbed or locked');
      }
      return { body: newBody(null, null, object, -1), type: null };
    }
    if (blobs.isBlob(object)) {
      const bytes = blobs.blobBytes(object);
      const type = blobs.blobType(object);
      const body = newBody(bytes, null, null, typedArrayByteLength(bytes));
      body.shared = true;
      return { body, type: type === '' ? null : type };
    }
    if (isView(object) || isArrayBuffer(object)) {
      const bytes = bufferSourceBytes(object);
      return { body: newBody(bytes, null, null, typedArrayByteLength(bytes)), type: null };
    }
    if (object instanceof FormData) {
      const boundary = multipartBoundary();
      const bytes = serializeMultipart(formEntries(object), boundary);
      return {
        body: newBody(bytes, null, null, typedArrayByteLength(bytes)),
        type: `multipart/form-data; boundary=${boundary}`,
      };
    }
    if (object instanceof URLSearchParams) {
      const bytes = utf8Encode(searchParamsToString(object));
      return {
        body: newBody(bytes, null, null, typedArrayByteLength(bytes)),
        type: 'application/x-www-form-urlencoded;charset=UTF-8',
      };
    }
    const bytes = utf8Encode(toUSVString(object));
    return { body: newBody(bytes, null, null, typedArrayByteLength(bytes)), type: 'text/plain;charset=UTF-8' };
  }

  /**
   * The body as a Java BodySource handle, for the network (or, later, storage and respondWith):
   * the source itself when Java made the body, the bytes copied once, or a pipe that a stream is
   * read into as fast as Java consumes it. The body is disturbed afterwards.
   */
  function bodyToJava(body) {
    if (body === null) {
      return null;
    }
    if (body.stream === null) {
      body.disturbed = true;
      if (body.source !== null) {
        const source = body.source;
        body.source = null;
        return source;
      }
      const bytes = body.bytes ?? EMPTY;
      body.bytes = null;
      return bodyFromBytes(typedArrayBuffer(bytes), typedArrayByteOffset(bytes), typedArrayByteLength(bytes));
    }
    const pipe = bodyPipeNew(body.length >= 0 ? body.length : null);
    const reader = streams.acquireReader(body.stream);
    const pump = () => {
      if (bodyPipeCancelled(pipe)) {
        streams.cancel(body.stream, new TypeError('the body was cancelled by its reader'));
        streams.releaseReader(reader);
        return;
      }
      promiseThen(streams.readChunk(reader), ({ value, done }) => {
        if (done) {
          bodyPipeEnd(pipe);
          streams.releaseReader(reader);
          return;
        }
        if (!(value instanceof Uint8Array)) {
          bodyPipeFail(pipe, 'a body stream chunk is not a Uint8Array');
          streams.cancel(body.stream, new TypeError('a body stream chunk is not a Uint8Array'));
          return;
        }
        const more = bodyPipeWrite(pipe, typedArrayBuffer(value), typedArrayByteOffset(value), typedArrayByteLength(value));
        if (more) {
          pump();
        } else {
          bodyPipeOnDrain(pipe, pump);
        }
      }, (error) => {
        bodyPipeFail(pipe, `the body stream errored: ${String(error)}`);
      });
    };
    pump();
    return pipe;
  }

  /**
   * Moves a body to a new owner (new Request(request) without a body of its own): the bytes or
   * source move; a stream is proxied through an identity transform, which disturbs the original.
   */
  function moveBody(body) {
    if (body.stream === null) {
      const moved = newBody(body.bytes, body.source, null, body.length);
      moved.shared = body.shared;
      body.bytes = null;
      body.source = null;
      body.disturbed = true;
      return moved;
    }
    const proxy = new streams.TransformStream();
    promiseThen(streams.pipeTo(body.stream, proxy.writable, {}), undefined, () => {});
    return newBody(null, null, proxy.readable, body.length);
  }

  /** Adds the Body mixin's members to a class whose instances give their body record by `bodyOf`. */
  function mixinBody(cls, bodyOf, headersOf, className) {
    const what = (method) => `${method}' on '${className}`;
    const members = {
      get body() {
        const body = bodyOf(this);
        return body === null ? null : bodyStream(body);
      },
      get bodyUsed() {
        return bodyUsed(bodyOf(this));
      },
      arrayBuffer() {
        try {
          return promiseThen(consumeBytes(bodyOf(this), what('arrayBuffer')), toArrayBuffer);
        } catch (e) {
          return Promise.reject(e);
        }
      },
      bytes() {
        try {
          return promiseThen(consumeBytes(bodyOf(this), what('bytes')), toUint8Array);
        } catch (e) {
          return Promise.reject(e);
        }
      },
      blob() {
        try {
          const type = ops.headersContentType(headersOf(this)) ?? '';
          return promiseThen(consumeBytes(bodyOf(this), what('blob')),
            (consumed) => blobs.createBlob(toUint8Array(consumed), type));
        } catch (e) {
          return Promise.reject(e);
        }
      },
      formData() {
        try {
          const type = ops.headersContentType(headersOf(this));
          return promiseThen(consumeBytes(bodyOf(this), what('formData')), (consumed) => parseFormData(consumed.bytes, type));
        } catch (e) {
          return Promise.reject(e);
        }
      },
      json() {
        try {
          return promiseThen(consumeBytes(bodyOf(this), what('json')), ({ bytes }) => jsonParse(utf8Decode(bytes)));
        } catch (e) {
          return Promise.reject(e);
        }
      },
      text() {
        try {
          return promiseThen(consumeBytes(bodyOf(this), what('text')), ({ bytes }) => utf8Decode(bytes));
        } catch (e) {
          return Promise.reject(e);
        }
      },
    };
    for (const key of Reflect.ownKeys(members)) {
      const desc = Reflect.getOwnPropertyDescriptor(members, key);
      desc.enumerable = true;
      Object.defineProperty(cls.prototype, key, desc);
    }
  }

  // ------------------------------------------------------------------------------ FormData

  let formEntries;

  /** XHR's FormData, without forms (a worker has none). */
  class FormData {
    #entries = [];

    constructor(form = undefined, submitter = undefined) {
      if (form !== undefined) {
        throw new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
      }
    }

    append(name, value, filename = undefined) {
      requiredArguments(arguments.length, 2, "Failed to execute 'append' on 'FormData'");
      arrayPush(this.#entries, createEntry(name, value, filename, arguments.length > 2, 'append'));
    }

    delete(name) {
      requiredArguments(arguments.length, 1, "Failed to execute 'delete' on 'FormData'");
      const key = toUSVString(name);
      this.#entries = this.#entries.filter((entry) => entry[0] !== key);
    }

    get(name) {
      requiredArguments(arguments.length, 1, "Failed to execute 'get' on 'FormData'");
      const key = toUSVString(name);
      const entry = this.#entries.find((e) => e[0] === key);
      return entry === undefined ? null : entry[1];
    }

    getAll(name) {
      requiredArguments(arguments.length, 1, "Failed to execute 'getAll' on 'FormData'");
      const key = toUSVString(name);
      return this.#entries.filter((e) => e[0] === key).map((e) => e[1]);
    }

    has(name) {
      requiredArguments(arguments.length, 1, "Failed to execute 'has' on 'FormData'");
      const key = toUSVString(name);
      return this.#entries.some((e) => e[0] === key);
    }

    set(name, value, filename = undefined) {
      requiredArguments(arguments.length, 2, "Failed to execute 'set' on 'FormData'");
      const entry = createEntry(name, value, filename, arguments.length > 2, 'set');
      const index = this.#entries.findIndex((e) => e[0] === entry[0]);
      if (index < 0) {
        arrayPush(this.#entries, entry);
      } else {
        this.#entries = [...this.#entries.slice(0, index), entry,
          ...this.#entries.slice(index + 1).filter((e) => e[0] !== entry[0])];
      }
    }

    forEach(callback, thisArg = undefined) {
      requiredArguments(arguments.length, 1, "Failed to execute 'forEach' on 'FormData'");
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'forEach' on 'FormData': The callback provided as parameter 1 is not a function.");
      }
      for (let i = 0; i < this.#entries.length; i++) {
        Reflect.apply(callback, thisArg, [this.#entries[i][1], this.#entries[i][0], this]);
      }
    }

    keys() { return new FormDataIterator(KEY, this, 'key'); }
    values() { return new FormDataIterator(KEY, this, 'value'); }
    entries() { return new FormDataIterator(KEY, this, 'key+value'); }

    static {
      formEntries = (form) => {
        if (!(#entries in form)) {
          throw new TypeError('Illegal invocation');
        }
        return form.#entries;
      };
    }
  }
  Object.defineProperty(FormData.prototype, Symbol.iterator, {
    value: FormData.prototype.entries, writable: true, configurable: true, enumerable: false,
  });
  enumerableMembers(FormData, ['append', 'delete', 'get', 'getAll', 'has', 'set', 'forEach', 'keys', 'values', 'entries']);
  brand(FormData);

  const FormDataIterator = pairIterator('FormData', (form) => formEntries(form));

  /** XHR's "create an entry". */
  function createEntry(name, value, filename, hasFilename, method) {
    const key = toUSVString(name);
    if (blobs.isBlob(value)) {
      const isFile = value instanceof File;
      if (isFile && !hasFilename) {
        return [key, value];
      }
      const fileName = hasFilename ? toUSVString(filename) : 'blob';
      return [key, blobs.createFile(blobs.blobBytes(value), fileName, blobs.blobType(value),
        isFile ? value.lastModified : Date.now())];
    }
    if (hasFilename) {
      throw new TypeError(`Failed to execute '${method}' on 'FormData': parameter 2 is not of type 'Blob'.`);
    }
    return [key, toUSVString(value)];
  }

  /** HTML's multipart/form-data encoding algorithm (names, filenames and text values escaped). */
  function serializeMultipart(entries, boundary) {
    const escapeName = (s) => s.replace(/\r\n|\r|\n/g, '\r\n').replace(/\n/g, '%0A').replace(/\r/g, '%0D')
      .replace(/"/g, '%22');
    const parts = [];
    let size = 0;
    const add = (bytes) => {
      arrayPush(parts, bytes);
      size += typedArrayByteLength(bytes);
    };
    for (const [name, value] of entries) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
      if (typeof value === 'string') {
        add(utf8Encode(`${head}\r\n\r\n${value.replace(/\r\n|\r|\n/g, '\r\n')}\r\n`));
      } else {
        const type = blobs.blobType(value) || 'application/octet-stream';
        head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${type}\r\n\r\n`;
        add(utf8Encode(head));
        add(blobs.blobBytes(value));
        add(utf8Encode('\r\n'));
      }
    }
    add(utf8Encode(`--${boundary}--\r\n`));
    const all = new Uint8Array(size);
    let offset = 0;
    for (const part of parts) {
      typedArraySet(all, part, offset);
      offset += typedArrayByteLength(part);
    }
    return all;
  }

  /** Body's formData(): multipart/form-data (parsed in Java) or application/x-www-form-urlencoded. */
  function parseFormData(bytes, type) {
    const essence = type === null ? '' : type.split(';')[0].trim().toLowerCase();
    const form = new FormData();
    const entries = formEntries(form);
    if (essence === 'multipart/form-data') {
      const flat = multipartParse(typedArrayBuffer(bytes), typedArrayByteOffset(bytes), typedArrayByteLength(bytes), type);
      for (let i = 0; i < flat.length; i += 6) {
        const [name, text, file, filename, fileType, lastModified] = [flat[i], flat[i + 1], flat[i + 2], flat[i + 3],
          flat[i + 4], flat[i + 5]];
        arrayPush(entries, [name, text !== null ? text
          : blobs.createFile(latin1Bytes(file), filename, fileType, lastModified)]);
      }
      return form;
    }
    if (essence === 'application/x-www-form-urlencoded') {
      for (const [name, value] of new URLSearchParams(utf8Decode(bytes))) {
        arrayPush(entries, [name, value]);
      }
      return form;
    }
    throw new TypeError(`Failed to execute 'formData': the body's Content-Type '${type ?? ''}' is neither multipart/form-data nor application/x-www-form-urlencoded`);
  }

  // ------------------------------------------------------------------------------ Request

  let requestParts;

  /** Fetch's Request class: a Java FetchRequest, its Headers, its signal and its body. */
  class Request {
    #r;
    #headersHandle;
    #headers = null;
    #signal;
    #body;
    #info = null;

    constructor(input, init = undefined) {
      requiredArguments(arguments.length, 1, "Failed to construct 'Request'");
      if (input === KEY) {
        [, this.#r, this.#headersHandle, this.#body, this.#signal] = arguments;
        return;
      }
      const what = "Failed to construct 'Request'";
      if (init !== undefined && init !== null && !isObject(init)) {
        throw new TypeError(`${what}: The provided value is not of type 'RequestInit'.`);
      }
      const dict = convertRequestInit(init ?? {}, what);
      let inputRequest = null;
      let javaInput;
      if (input instanceof Request && #r in input) {
        inputRequest = input;
        javaInput = [input.#r, bodyUnusable(input.#body)];
      } else {
        javaInput = toUSVString(input);
      }
      // The body: extracted here (bytes stay in JavaScript); Java sees only its type and kind.
      let extracted = null;
      if (dict.body !== undefined && dict.body !== null) {
        extracted = extractBody(dict.body, dict.keepalive === true);
        dict.bodyType = extracted.type;
        dict.bodyIsStream = extracted.body.stream !== null;
      }
      delete dict.body;
      const signal = dict.signal;
      if (signal !== undefined) {
        dict.hasSignal = true;
      }
      delete dict.signal;
      const [request, headers, inputBodyTaken] = ops.requestConstruct(javaInput, dict);
      this.#r = request;
      this.#headersHandle = headers;
      // The signal: a dependent signal following init's signal, or else the input's.
      const followed = signal !== undefined ? signal : inputRequest !== null ? inputRequest.#signal : null;
      this.#signal = AbortSignal.any(followed === null ? [] : [followed]);
      if (extracted !== null) {
        this.#body = extracted.body;
      } else if (inputRequest !== null && inputRequest.#body !== null && inputBodyTaken) {
        // The new request takes the input's body over; the input's becomes unusable.
        this.#body = moveBody(inputRequest.#body);
      } else {
        this.#body = null;
      }
    }

    #attribute(index) {
      if (this.#info === null) {
        this.#info = ops.requestInfo(this.#r);
      }
      return this.#info[index];
    }

    get method() { return this.#attribute(0); }
    get url() { return this.#attribute(1); }
    get headers() {
      if (this.#headers === null) {
        this.#headers = wrapHeaders(this.#headersHandle);
      }
      return this.#headers;
    }
    get destination() { return this.#attribute(2); }
    get referrer() { return this.#attribute(3); }
    get referrerPolicy() { return this.#attribute(4); }
    get mode() { return this.#attribute(5); }
    get credentials() { return this.#attribute(6); }
    get cache() { return this.#attribute(7); }
    get redirect() { return this.#attribute(8); }
    get integrity() { return this.#attribute(9); }
    get keepalive() { return this.#attribute(10); }
    get isReloadNavigation() { return this.#attribute(11); }
    get isHistoryNavigation() { return this.#attribute(12); }
    get signal() { return this.#signal; }
    get duplex() { return 'half'; }

    clone() {
      if (bodyUnusable(this.#body)) {
        throw new TypeError("Failed to execute 'clone' on 'Request': Request body is already used");
      }
      const [request, headers] = ops.requestClone(this.#r, this.#headersHandle);
      const signal = AbortSignal.any([this.#signal]);
      return new Request(KEY, request, headers, cloneBody(this.#body), signal);
    }

    static {
      requestParts = (request) => ({ request: request.#r, body: request.#body, signal: request.#signal });
    }
  }
  mixinBody(Request, (r) => requestParts(r).body, (r) => requestHeadersHandle(r), 'Request');
  function requestHeadersHandle(request) {
    return headersHandle(request.headers);
  }
  enumerableMembers(Request, ['method', 'url', 'headers', 'destination', 'referrer', 'referrerPolicy', 'mode',
    'credentials', 'cache', 'redirect', 'integrity', 'keepalive', 'isReloadNavigation', 'isHistoryNavigation',
    'signal', 'duplex', 'clone']);
  brand(Request);

  /** WebIDL dictionary conversion of RequestInit: members in lexicographic order, as WebIDL reads them. */
  function convertRequestInit(init, what) {
    const dict = {};
    const read = (key) => init[key];
    let value = read('body');
    if (value !== undefined) dict.body = value;
    value = read('cache');
    if (value !== undefined) dict.cache = toEnum(value, CACHES, what);
    value = read('credentials');
    if (value !== undefined) dict.credentials = toEnum(value, CREDENTIALS, what);
    value = read('duplex');
    if (value !== undefined) dict.duplex = toEnum(value, DUPLEXES, what);
    value = read('headers');
    if (value !== undefined) dict.headers = headersInitPairs(value, what);
    value = read('integrity');
    if (value !== undefined) dict.integrity = toUSVString(value);
    value = read('keepalive');
    if (value !== undefined) dict.keepalive = Boolean(value);
    value = read('method');
    if (value !== undefined) dict.method = toByteString(value, what);
    value = read('mode');
    if (value !== undefined) dict.mode = toEnum(value, MODES, what);
    value = read('priority');
    if (value !== undefined) dict.priority = toEnum(value, PRIORITIES, what);
    value = read('redirect');
    if (value !== undefined) dict.redirect = toEnum(value, REDIRECTS, what);
    value = read('referrer');
    if (value !== undefined) dict.referrer = toUSVString(value);
    value = read('referrerPolicy');
    if (value !== undefined) dict.referrerPolicy = toEnum(value, REFERRER_POLICIES, what);
    value = read('signal');
    if (value !== undefined) {
      if (value !== null && !isAbortSignal(value)) {
        throw new TypeError(`${what}: Failed to read the 'signal' property from 'RequestInit': Failed to convert value to 'AbortSignal'.`);
      }
      dict.signal = value;
    }
    value = read('window');
    if (value !== undefined) {
      dict.window = value === null ? 'null' : 'non-null';
    }
    return dict;
  }

  // ------------------------------------------------------------------------------ Response

  let responseParts;

  /** Fetch's Response class: a Java FetchResponse (filtered as the spec says), Headers and body. */
  class Response {
    #r;
    #headersHandle;
    #headers = null;
    #body;
    #info = null;

    constructor(body = null, init = undefined) {
      if (body === KEY) {
        [, this.#r, this.#headersHandle, this.#body] = arguments;
        return;
      }
      const what = "Failed to construct 'Response'";
      const { status, statusText, headers } = convertResponseInit(init, what);
      let extracted = null;
      if (body !== null && body !== undefined) {
        extracted = extractBody(body);
      }
      const [response, headersHandle] = ops.responseConstruct(extracted !== null, extracted?.type ?? null, status,
        statusText, headers);
      this.#r = response;
      this.#headersHandle = headersHandle;
      this.#body = extracted === null ? null : extracted.body;
    }

    static error() {
      const [response, headers] = ops.responseError();
      return new Response(KEY, response, headers, null);
    }

    static redirect(url, status = 302) {
      requiredArguments(arguments.length, 1, "Failed to execute 'redirect' on 'Response'");
      const [response, headers] = ops.responseRedirect(toUSVString(url), toUnsignedShort(status));
      return new Response(KEY, response, headers, null);
    }

    static json(data, init = undefined) {
      requiredArguments(arguments.length, 1, "Failed to execute 'json' on 'Response'");
      const text = jsonStringify(data);
      if (text === undefined) {
        throw new TypeError("Failed to execute 'json' on 'Response': The data is not JSON serializable");
      }
      const bytes = utf8Encode(text);
      const { status, statusText, headers } = convertResponseInit(init, "Failed to execute 'json' on 'Response'");
      const [response, headersHandle] = ops.responseConstruct(true, 'application/json', status, statusText, headers);
      return new Response(KEY, response, headersHandle, newBody(bytes, null, null, typedArrayByteLength(bytes)));
    }

    #attribute(index) {
      if (this.#info === null) {
        this.#info = ops.responseInfo(this.#r);
      }
      return this.#info[index];
    }

    get type() { return this.#attribute(0); }
    get url() { return this.#attribute(1); }
    get redirected() { return this.#attribute(2); }
    get status() { return this.#attribute(3); }
    get ok() { return this.#attribute(4); }
    get statusText() { return this.#attribute(5); }
    get headers() {
      if (this.#headers === null) {
        this.#headers = wrapHeaders(this.#headersHandle);
      }
      return this.#headers;
    }

    clone() {
      if (bodyUnusable(this.#body)) {
        throw new TypeError("Failed to execute 'clone' on 'Response': Response body is already used");
      }
      const [response, headers] = ops.responseClone(this.#r, this.#headersHandle);
      return new Response(KEY, response, headers, cloneBody(this.#body));
    }

    static {
      responseParts = (response) => ({ response: response.#r, body: response.#body });
    }
  }
  mixinBody(Response, (r) => responseParts(r).body, (r) => headersHandle(r.headers), 'Response');
  enumerableMembers(Response, ['type', 'url', 'redirected', 'status', 'ok', 'statusText', 'headers', 'clone']);
  brand(Response);

  function toUnsignedShort(value) {
    const n = Number(value);
    if (!Number.isFinite(n)) {
      return 0;
    }
    const int = Math.trunc(n) % 65536;
    return int < 0 ? int + 65536 : int;
  }

  function convertResponseInit(init, what) {
    if (init === undefined || init === null) {
      return { status: 200, statusText: '', headers: null };
    }
    if (!isObject(init)) {
      throw new TypeError(`${what}: The provided value is not of type 'ResponseInit'.`);
    }
    const headers = init.headers === undefined ? null : headersInitPairs(init.headers, what);
    const status = init.status === undefined ? 200 : toUnsignedShort(init.status);
    const statusText = init.statusText === undefined ? '' : toByteString(init.statusText, what);
    return { status, statusText, headers };
  }

  // ------------------------------------------------------------------------------ fetch()

  /**
   * A Response over a Java response that crossed with its immutable Headers and its body, a
   * BodySource (`source`, `length` bytes or -1; one in memory when the body was at hand), or null
   * for a null body. The bytes come into JavaScript only when a script reads them.
   */
  function responseFromJava(response, headers, source, length) {
    const body = source !== null ? newBody(null, source, null, length) : null;
    return new Response(KEY, response, headers, body);
  }

  /** Fetch's fetch() method: the request goes to Java's Fetch; the response streams back. */
  function fetch(input, init = undefined) {
    requiredArguments(arguments.length, 1, "Failed to execute 'fetch' on 'ServiceWorkerGlobalScope'");
    return new Promise((resolve, reject) => {
      let requestObject;
      try {
        requestObject = new Request(input, init);
      } catch (e) {
        reject(e);
        return;
      }
      const { request, body, signal } = requestParts(requestObject);
      if (abortSignalAborted(signal)) {
        if (body !== null && body.stream !== null) {
          streams.cancel(body.stream, abortSignalReason(signal));
        }
        reject(abortSignalReason(signal));
        return;
      }
      let responseObject = null;
      let call = null;
      let done = false;
      const onAbort = () => {
        if (call !== null) {
          fetchAbort(call);
        }
        const reason = abortSignalReason(signal);
        if (!done) {
          done = true;
          reject(reason);
        } else if (responseObject !== null) {
          const responseBody = responseParts(responseObject).body;
          if (responseBody !== null) {
            streams.errorStream(bodyStream(responseBody), reason);
          }
        }
      };
      addAbortAlgorithm(signal, onAbort);
      let javaBody;
      try {
        javaBody = bodyToJava(body);
      } catch (e) {
        removeAbortAlgorithm(signal, onAbort);
        reject(e);
        return;
      }
      call = fetchStart(request, javaBody, (response, headers, source, length) => {
        if (done) {
          if (source !== null) {
            bodySourceCancel(source);
          }
          return;
        }
        done = true;
        responseObject = responseFromJava(response, headers, source, length);
        resolve(responseObject);
      }, (message) => {
        removeAbortAlgorithm(signal, onAbort);
        if (!done) {
          done = true;
          reject(new TypeError(`Failed to fetch: ${message}`));
        }
      });
    });
  }
  defineGlobal('Headers', Headers);
  defineGlobal('Request', Request);
  defineGlobal('Response', Response);
  defineGlobal('FormData', FormData);
  Object.defineProperty(globalThis, 'fetch', { value: fetch, writable: true, configurable: true, enumerable: true });

  internals.fetch = {
    Headers, Request, Response, wrapHeaders, headersHandle, requestParts, responseParts, bodyToJava, newBody,
    bodyUnusable, responseFromJava, fetch, KEY, unpackBytes,
  };
})
