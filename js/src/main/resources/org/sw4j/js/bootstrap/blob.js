// The File API's Blob and File interfaces (https://w3c.github.io/FileAPI/).
//
// A Blob is an immutable byte sequence kept in JavaScript: a Uint8Array over bytes no script can
// reach, so slices share them and only reads that hand bytes to a script copy.
//
// Exports on `internals.blob`:
//   isBlob(value) → boolean                  whether value is a Blob (a File included)
//   blobBytes(blob) → Uint8Array             the blob's bytes, not a copy: never write to them
//   blobType(blob) → string                  the type attribute, unaffected by patched getters
//   createBlob(bytes, type) → Blob           takes bytes over (the caller must not change them
//                                            later) and uses type as it is, unnormalized
//   createFile(bytes, name, type, lastModified) → File   likewise
// structuredClone() supports both, through structured-clone.js's registerSerializable.
(function (host, internals, config) {
  'use strict';
  const {
    defineGlobal, brand, enumerableMembers, requiredArguments, uncurry, getterOf, kindOf, utf8Encode, utf8Decode,
    toUSVString, registerSerializable,
  } = internals;

  // The built-ins this file uses, captured before user scripts can replace them.
  const { ArrayBuffer, BigInt, DataView, Date, Math, Number, Object, Promise, String, Symbol, TypeError, Uint8Array } = globalThis;
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const typedArrayBuffer = getterOf(TypedArrayPrototype, 'buffer');
  const typedArrayByteOffset = getterOf(TypedArrayPrototype, 'byteOffset');
  const typedArrayByteLength = getterOf(TypedArrayPrototype, 'byteLength');
  const lengthOf = getterOf(TypedArrayPrototype, 'length');
  const typedArraySet = uncurry(TypedArrayPrototype.set);
  const typedArraySubarray = uncurry(TypedArrayPrototype.subarray);
  const dataViewBuffer = getterOf(DataView.prototype, 'buffer');
  const dataViewByteOffset = getterOf(DataView.prototype, 'byteOffset');
  const dataViewByteLength = getterOf(DataView.prototype, 'byteLength');
  const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength');
  const arrayBufferResizable = getterOf(ArrayBuffer.prototype, 'resizable');
  const charCodeAt = uncurry(String.prototype.charCodeAt);
  const indexOf = uncurry(String.prototype.indexOf);
  const stringSlice = uncurry(String.prototype.slice);
  const toLowerCase = uncurry(String.prototype.toLowerCase);
  const promiseResolve = ((resolve, apply) => (value) => apply(resolve, Promise, [value]))(Promise.resolve, Reflect.apply);
  const promiseReject = ((reject, apply) => (reason) => apply(reject, Promise, [reason]))(Promise.reject, Reflect.apply);
  const { isView } = ArrayBuffer;
  const dateNow = Date.now;
  const { isFinite } = Number;
  const { floor, max, min, trunc } = Math;
  const call = uncurry(Function.prototype.call);
  // streams.js runs before this file: the ReadableStream scripts see first is the real one.
  const ReadableStream = globalThis.ReadableStream;

  /** Lets this file construct blobs from bytes it owns; scripts cannot reach it. */
  const INTERNAL = Symbol('internal construction');
  const EMPTY = new Uint8Array(0);
  /** How many bytes stream() enqueues at most at a time. */
  const STREAM_CHUNK = 65536;

  /** A type attribute: lower-cased, or "" if it holds anything but printable ASCII. */
  function normalizeType(type) {
    for (let i = 0; i < type.length; i++) {
      const c = charCodeAt(type, i);
      if (c < 0x20 || c > 0x7e) {
        return '';
      }
    }
    return toLowerCase(type);
  }

  /** The File API's "convert line endings to native", where native is "\n": CR LF and lone CR become LF. */
  function convertLineEndings(text) {
    let cr = indexOf(text, '\r');
    if (cr === -1) {
      return text;
    }
    let result = '';
    let start = 0;
    while (cr !== -1) {
      result += stringSlice(text, start, cr) + '\n';
      start = charCodeAt(text, cr + 1) === 0x0a ? cr + 2 : cr + 1;
      cr = indexOf(text, '\r', start);
    }
    return result + stringSlice(text, start);
  }

  function isObject(value) {
    return value !== null && (typeof value === 'object' || typeof value === 'function');
  }

  /** A copy of bytes that the script receiving it owns. */
  function copyOf(bytes) {
    const copy = new Uint8Array(lengthOf(bytes));
    typedArraySet(copy, bytes);
    return copy;
  }

  /** The bytes a BufferSource holds now, as a view (not a copy); TypeError for a resizable buffer. */
  function viewOf(source, kind, what) {
    let buffer;
    let offset = 0;
    let length;
    if (kind === 'ArrayBuffer') {
      buffer = source;
      length = arrayBufferByteLength(source);
    } else if (kind === 'DataView') {
      buffer = dataViewBuffer(source);
      offset = dataViewByteOffset(source);
      length = dataViewByteLength(source);
    } else {
      buffer = typedArrayBuffer(source);
      offset = typedArrayByteOffset(source);
      length = typedArrayByteLength(source);
    }
    if (kindOf(buffer) === 'ArrayBuffer' && arrayBufferResizable(buffer)) {
      throw new TypeError(`${what}: The provided ArrayBuffer value must not be resizable.`);
    }
    // A detached buffer reads as empty.
    return length === 0 ? EMPTY : new Uint8Array(buffer, offset, length);
  }

  // Set by Blob's static block.
  let isBlob;
  let bytesOf;
  let typeOf;

  /**
   * WebIDL's conversion of a sequence<BlobPart>: each part becomes a Blob, a BufferSource (kept as
   * it is: its bytes are read when the parts are processed) or a USVString.
   */
  function toBlobParts(value, what) {
    if (value === undefined) {
      return [];
    }
    const method = isObject(value) ? value[Symbol.iterator] : undefined;
    if (typeof method !== 'function') {
      throw new TypeError(`${what}: The provided value cannot be converted to a sequence.`);
    }
    const iterator = call(method, value);
    if (!isObject(iterator)) {
      throw new TypeError(`${what}: The provided value cannot be converted to a sequence.`);
    }
    const next = iterator.next;
    const parts = [];
    for (;;) {
      const result = call(next, iterator);
      if (!isObject(result)) {
        throw new TypeError(`${what}: Iterator result ${result} is not an object.`);
      }
      if (result.done) {
        return parts;
      }
      const part = result.value;
      if (isObject(part)) {
        if (isBlob(part)) {
          parts.push(part);
          continue;
        }
        const kind = kindOf(part);
        if (kind === 'ArrayBuffer' || isView(part)) {
          parts.push({ source: part, kind });
          continue;
        }
      }
      parts.push(toUSVString(part));
    }
  }

  /**
   * A BlobPropertyBag's members, in WebIDL's order: endings, then type. `bag` is the dictionary's
   * object, or null for undefined or null, whose members are all defaults (nothing is read, not
   * even from Object.prototype).
   */
  function readBlobPropertyBag(options, what) {
    if (options === undefined || options === null) {
      return { bag: null, endings: 'transparent', type: '' };
    }
    if (!isObject(options)) {
      throw new TypeError(`${what}: The provided value is not of type 'BlobPropertyBag'.`);
    }
    const bag = options;
    let endings = 'transparent';
    const endingsValue = bag.endings;
    if (endingsValue !== undefined) {
      endings = `${endingsValue}`;
      if (endings !== 'transparent' && endings !== 'native') {
        throw new TypeError(`${what}: Failed to read the 'endings' property from 'BlobPropertyBag': `
          + `The provided value '${endings}' is not a valid enum value of type EndingType.`);
      }
    }
    const typeValue = bag.type;
    const type = typeValue === undefined ? '' : `${typeValue}`;
    return { bag, endings, type };
  }

  /** The File API's "process blob parts": the parts' bytes, concatenated into bytes of their own. */
  function processBlobParts(parts, endings, what) {
    const chunks = [];
    let total = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      let bytes;
      if (typeof part === 'string') {
        // Native line endings are "\n": sw4j runs scripts as on a POSIX system.
        bytes = utf8Encode(endings === 'native' ? convertLineEndings(part) : part);
      } else if (isBlob(part)) {
        bytes = bytesOf(part);
      } else {
        bytes = viewOf(part.source, part.kind, what);
      }
      chunks[i] = bytes;
      total += lengthOf(bytes);
    }
    // One part that is a Blob or a string is already bytes no script can write: no copy needed.
    if (chunks.length === 1 && (typeof parts[0] === 'string' || isBlob(parts[0]))) {
      return chunks[0];
    }
    const result = new Uint8Array(total);
    let offset = 0;
    for (let i = 0; i < chunks.length; i++) {
      typedArraySet(result, chunks[i], offset);
      offset += lengthOf(chunks[i]);
    }
    return result;
  }

  /** WebIDL's [Clamp] long long conversion. */
  function toClampedLongLong(value) {
    let x = +value;
    if (x !== x) {
      return 0;
    }
    x = min(max(x, -9007199254740991), 9007199254740991);
    // Round to the nearest integer, ties to even.
    const lower = floor(x);
    const fraction = x - lower;
    const rounded = fraction < 0.5 ? lower : fraction > 0.5 ? lower + 1 : (lower % 2 === 0 ? lower : lower + 1);
    return rounded === 0 ? 0 : rounded;
  }

  /** WebIDL's long long conversion (no [Clamp], no [EnforceRange]): wraps modulo 2^64. */
  function toLongLong(value) {
    const x = +value;
    if (!isFinite(x) || x === 0) {
      return 0;
    }
    const integer = trunc(x);
    return integer >= -9223372036854775808 && integer < 9223372036854775808 ? integer
      : Number(BigInt.asIntN(64, BigInt(integer)));
  }

  /** https://w3c.github.io/FileAPI/#blob-section */
  class Blob {
    /** The bytes: a view no script can write through. */
    #bytes;
    /** The type attribute. */
    #type;

    constructor(blobParts = undefined, options = undefined) {
      if (blobParts === INTERNAL) {
        this.#bytes = arguments[1];
        this.#type = arguments[2];
        return;
      }
      const what = "Failed to construct 'Blob'";
      const parts = toBlobParts(blobParts, what);
      const { endings, type } = readBlobPropertyBag(options, what);
      this.#bytes = processBlobParts(parts, endings, what);
      this.#type = normalizeType(type);
    }

    get size() {
      return lengthOf(this.#bytes);
    }

    get type() {
      return this.#type;
    }

    slice(start = undefined, end = undefined, contentType = undefined) {
      const bytes = this.#bytes;
      const size = lengthOf(bytes);
      const relativeStart = relativeIndex(start, 0, size);
      const relativeEnd = relativeIndex(end, size, size);
      const type = contentType === undefined ? '' : normalizeType(`${contentType}`);
      const span = max(relativeEnd - relativeStart, 0);
      return new Blob(INTERNAL, typedArraySubarray(bytes, relativeStart, relativeStart + span), type);
    }

    stream() {
      const bytes = this.#bytes;
      if (typeof ReadableStream !== 'function') {
        throw new TypeError("Failed to execute 'stream' on 'Blob': streams are not supported.");
      }
      return byteStreamOf(bytes);
    }

    text() {
      try {
        return promiseResolve(utf8Decode(this.#bytes));
      } catch (e) {
        return promiseReject(e);
      }
    }

    arrayBuffer() {
      try {
        return promiseResolve(typedArrayBuffer(copyOf(this.#bytes)));
      } catch (e) {
        return promiseReject(e);
      }
    }

    bytes() {
      try {
        return promiseResolve(copyOf(this.#bytes));
      } catch (e) {
        return promiseReject(e);
      }
    }

    static {
      isBlob = (value) => isObject(value) && #bytes in value;
      bytesOf = (blob) => blob.#bytes;
      typeOf = (blob) => blob.#type;
    }
  }
  enumerableMembers(Blob, ['size', 'type', 'slice', 'stream', 'text', 'arrayBuffer', 'bytes']);
  brand(Blob);

  /** slice()'s relativeStart or relativeEnd: negative indexes count from the end. */
  function relativeIndex(value, fallback, size) {
    if (value === undefined) {
      return fallback;
    }
    const index = toClampedLongLong(value);
    return index < 0 ? max(size + index, 0) : min(index, size);
  }

  /** A ReadableByteStream over bytes, read in chunks of at most STREAM_CHUNK bytes; BYOB reads fill the reader's view. */
  function byteStreamOf(bytes) {
    const size = lengthOf(bytes);
    let position = 0;
    return new ReadableStream({
      type: 'bytes',
      start(controller) {
        if (size === 0) {
          controller.close();
        }
      },
      pull(controller) {
        const remaining = size - position;
        const request = controller.byobRequest;
        if (request) {
          const view = request.view;
          const count = min(view.byteLength, remaining);
          typedArraySet(new Uint8Array(view.buffer, view.byteOffset, count),
            typedArraySubarray(bytes, position, position + count));
          position += count;
          request.respond(count);
        } else {
          const count = min(STREAM_CHUNK, remaining);
          // Enqueueing transfers the chunk's buffer, so each chunk is a copy.
          controller.enqueue(copyOf(typedArraySubarray(bytes, position, position + count)));
          position += count;
        }
        if (position === size) {
          controller.close();
        }
      },
    });
  }

  // Set by File's static block.
  let isFile;
  let nameOf;
  let lastModifiedOf;

  /** https://w3c.github.io/FileAPI/#file-section */
  class File extends Blob {
    #name;
    #lastModified;

    constructor(fileBits, fileName, options = undefined) {
      if (fileBits === INTERNAL) {
        super(INTERNAL, arguments[1], arguments[2]);
        this.#name = arguments[3];
        this.#lastModified = arguments[4];
        return;
      }
      const what = "Failed to construct 'File'";
      requiredArguments(arguments.length, 2, what);
      const parts = toBlobParts(fileBits, what);
      const name = toUSVString(fileName);
      // FilePropertyBag: BlobPropertyBag's members first, then lastModified.
      const { bag, endings, type } = readBlobPropertyBag(options, what);
      const lastModifiedValue = bag === null ? undefined : bag.lastModified;
      const lastModified = lastModifiedValue === undefined ? dateNow() : toLongLong(lastModifiedValue);
      super(INTERNAL, processBlobParts(parts, endings, what), normalizeType(type));
      this.#name = name;
      this.#lastModified = lastModified;
    }

    get name() {
      return this.#name;
    }

    get lastModified() {
      return this.#lastModified;
    }

    static {
      isFile = (value) => isObject(value) && #name in value;
      nameOf = (file) => file.#name;
      lastModifiedOf = (file) => file.#lastModified;
    }
  }
  enumerableMembers(File, ['name', 'lastModified']);
  brand(File);

  function createBlob(bytes, type) {
    return new Blob(INTERNAL, bytes, type);
  }

  function createFile(bytes, name, type, lastModified) {
    return new File(INTERNAL, bytes, type, name, lastModified);
  }

  // Serialized records (structured-clone.js) hold a copy of the bytes; deserializing shares that
  // copy, which is safe because neither the record nor a Blob ever changes it.
  //   'File'  data, mimeType, name, lastModified     (registered first: a File is also a Blob)
  //   'Blob'  data, mimeType
  const bufferOfCopy = (blob) => typedArrayBuffer(copyOf(bytesOf(blob)));
  registerSerializable('File', {
    is: isFile,
    serialize: (file) => ({
      data: bufferOfCopy(file), mimeType: typeOf(file), name: nameOf(file), lastModified: lastModifiedOf(file),
    }),
    deserialize: (node) => createFile(new Uint8Array(node.data), node.name, node.mimeType, node.lastModified),
  });
  registerSerializable('Blob', {
    is: isBlob,
    serialize: (blob) => ({ data: bufferOfCopy(blob), mimeType: typeOf(blob) }),
    deserialize: (node) => createBlob(new Uint8Array(node.data), node.mimeType),
  });

  defineGlobal('Blob', Blob);
  defineGlobal('File', File);

  internals.blob = {
    isBlob, blobBytes: bytesOf, blobType: typeOf, createBlob, createFile,
  };
})
