// The Encoding Standard's TextEncoder and TextDecoder, and HTML's atob/btoa (forgiving-base64).
//
// TextDecoder supports the encodings a service worker realistically meets: UTF-8, UTF-16LE and
// UTF-16BE, under all of their Encoding Standard labels. The legacy single-byte and CJK encodings
// are not supported: their labels throw a RangeError, as unknown labels do.
//
// Exports on `internals`:
//   utf8Encode(string) → Uint8Array      lone surrogates become U+FFFD
//   utf8Decode(Uint8Array) → string      invalid sequences become U+FFFD; a leading BOM is dropped
(function (host, internals, config) {
  'use strict';
  const { defineGlobal, brand, enumerableMembers, requiredArguments, domException, kindOf } = internals;

  // The built-ins this file uses, captured before user scripts can replace them.
  const {
    ArrayBuffer, Boolean, DataView, Map, Math, Object, RangeError, Reflect, String, TypeError, Uint16Array, Uint8Array,
  } = globalThis;
  const { uncurry, getterOf } = internals;
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const typedArrayBuffer = getterOf(TypedArrayPrototype, 'buffer');
  const typedArrayByteOffset = getterOf(TypedArrayPrototype, 'byteOffset');
  const typedArrayByteLength = getterOf(TypedArrayPrototype, 'byteLength');
  const typedArrayLength = getterOf(TypedArrayPrototype, 'length');
  const dataViewBuffer = getterOf(DataView.prototype, 'buffer');
  const dataViewByteOffset = getterOf(DataView.prototype, 'byteOffset');
  const dataViewByteLength = getterOf(DataView.prototype, 'byteLength');
  const { isView } = ArrayBuffer;
  const arrayBufferDetached = getterOf(ArrayBuffer.prototype, 'detached');
  const fromCharCode = String.fromCharCode;
  const applyFromCharCode = (units) => Reflect.apply(fromCharCode, null, units);

  /** WebIDL's DOMString/USVString conversion: ToString, which (unlike String()) rejects symbols. */
  const toDOMString = (value) => `${value}`;

  /** Strings are built from code units in chunks this large, within any engine's argument limit. */
  const CHUNK = 8192;
  const REPLACEMENT = 0xfffd;
  const UTF8 = 'utf-8';
  const UTF16LE = 'utf-16le';
  const UTF16BE = 'utf-16be';
  const EMPTY = new Uint8Array(0);

  /** The string of the first `count` code units in a Uint16Array, built a chunk at a time. */
  function unitsToString(units, count) {
    const buffer = typedArrayBuffer(units);
    const parts = [];
    for (let start = 0; start < count; start += CHUNK) {
      parts.push(applyFromCharCode(new Uint16Array(buffer, start * 2, Math.min(CHUNK, count - start))));
    }
    return parts.join('');
  }

  // ------------------------------------------------------------------------------ UTF-8

  /** Code units consumed by the last writeUtf8 call. */
  let utf8Read = 0;

  /**
   * Writes as much of `string` as UTF-8 into `bytes` as fits without splitting a code point;
   * returns the number of bytes written (and sets utf8Read). Lone surrogates become U+FFFD.
   */
  function writeUtf8(string, bytes, capacity) {
    const length = string.length;
    let read = 0;
    let written = 0;
    while (read < length) {
      let code = string.charCodeAt(read);
      if (code < 0x80) {
        if (written === capacity) {
          break;
        }
        bytes[written++] = code;
        read++;
        continue;
      }
      let units = 1;
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = read + 1 < length ? string.charCodeAt(read + 1) : 0;
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          units = 2;
        } else {
          code = REPLACEMENT;
        }
      }
      if (code < 0x800) {
        if (written + 2 > capacity) {
          break;
        }
        bytes[written++] = 0xc0 | (code >> 6);
      } else if (code < 0x10000) {
        if (written + 3 > capacity) {
          break;
        }
        bytes[written++] = 0xe0 | (code >> 12);
        bytes[written++] = 0x80 | ((code >> 6) & 0x3f);
      } else {
        if (written + 4 > capacity) {
          break;
        }
        bytes[written++] = 0xf0 | (code >> 18);
        bytes[written++] = 0x80 | ((code >> 12) & 0x3f);
        bytes[written++] = 0x80 | ((code >> 6) & 0x3f);
      }
      bytes[written++] = 0x80 | (code & 0x3f);
      read += units;
    }
    utf8Read = read;
    return written;
  }

  const NON_ASCII = /[^\x00-\x7f]/;

  function utf8Encode(string) {
    // ASCII text (the common case) takes exactly one byte per code unit; otherwise no code unit
    // takes more than three bytes (a surrogate pair's two take four).
    const capacity = NON_ASCII.test(string) ? string.length * 3 : string.length;
    const bytes = new Uint8Array(capacity);
    const written = writeUtf8(string, bytes, capacity);
    if (written === capacity) {
      return bytes;
    }
    const exact = new Uint8Array(written);
    exact.set(new Uint8Array(bytes.buffer, 0, written));
    return exact;
  }

  /** The Encoding Standard's UTF-8 decoder state, kept between the chunks of a stream. */
  function newUtf8State() {
    return { codePoint: 0, bytesSeen: 0, bytesNeeded: 0, lowerBoundary: 0x80, upperBoundary: 0xbf };
  }

  /**
   * Runs the Encoding Standard's UTF-8 decoder over `bytes`, then over end-of-queue when
   * `flush`. Each error yields one U+FFFD (maximal subpart replacement) or, when `fatal`, throws.
   */
  function decodeUtf8(state, bytes, flush, fatal) {
    const length = typedArrayLength(bytes);
    // Each byte yields at most one code unit; a sequence carried over from the previous chunk can
    // add one more (a surrogate pair, or an error before its byte is reread), flushing another.
    const units = new Uint16Array(length + 2);
    let count = 0;
    let { codePoint, bytesSeen, bytesNeeded, lowerBoundary, upperBoundary } = state;
    let i = 0;
    while (i < length) {
      const byte = bytes[i];
      if (bytesNeeded === 0) {
        i++;
        if (byte < 0x80) {
          units[count++] = byte;
        } else if (byte >= 0xc2 && byte <= 0xdf) {
          bytesNeeded = 1;
          codePoint = byte & 0x1f;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) {
            lowerBoundary = 0xa0;
          } else if (byte === 0xed) {
            upperBoundary = 0x9f;
          }
          bytesNeeded = 2;
          codePoint = byte & 0xf;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) {
            lowerBoundary = 0x90;
          } else if (byte === 0xf4) {
            upperBoundary = 0x8f;
          }
          bytesNeeded = 3;
          codePoint = byte & 0x7;
        } else {
          units[count++] = decodingError(fatal, UTF8);
        }
        continue;
      }
      if (byte < lowerBoundary || byte > upperBoundary) {
        // The sequence so far is one error; the byte is not consumed but starts afresh.
        codePoint = bytesNeeded = bytesSeen = 0;
        lowerBoundary = 0x80;
        upperBoundary = 0xbf;
        units[count++] = decodingError(fatal, UTF8);
        continue;
      }
      i++;
      lowerBoundary = 0x80;
      upperBoundary = 0xbf;
      codePoint = (codePoint << 6) | (byte & 0x3f);
      if (++bytesSeen === bytesNeeded) {
        if (codePoint < 0x10000) {
          units[count++] = codePoint;
        } else {
          units[count++] = 0xd800 | ((codePoint - 0x10000) >> 10);
          units[count++] = 0xdc00 | (codePoint & 0x3ff);
        }
        codePoint = bytesNeeded = bytesSeen = 0;
      }
    }
    if (flush && bytesNeeded !== 0) {
      codePoint = bytesNeeded = bytesSeen = 0;
      units[count++] = decodingError(fatal, UTF8);
    }
    Object.assign(state, { codePoint, bytesSeen, bytesNeeded, lowerBoundary, upperBoundary });
    return unitsToString(units, count);
  }

  /** A decoder error: U+FFFD, or in fatal mode a TypeError. */
  function decodingError(fatal, encoding) {
    if (fatal) {
      throw new TypeError(`Failed to execute 'decode' on 'TextDecoder': The encoded data was not valid ${encoding}.`);
    }
    return REPLACEMENT;
  }

  function utf8Decode(bytes) {
    const text = decodeUtf8(newUtf8State(), bytes, true, false);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  // ------------------------------------------------------------------------------ UTF-16

  /** The Encoding Standard's shared UTF-16 decoder state; -1 stands for null. */
  function newUtf16State() {
    return { leadByte: -1, leadSurrogate: -1 };
  }

  function decodeUtf16(state, bytes, flush, fatal, bigEndian) {
    const encoding = bigEndian ? UTF16BE : UTF16LE;
    const length = typedArrayLength(bytes);
    // Each byte yields at most one code unit (a surrogate pair takes four bytes; an error and the
    // unit after it, four); what was carried over from the previous chunk can add one more, and
    // flushing another.
    const units = new Uint16Array(length + 2);
    let count = 0;
    let { leadByte, leadSurrogate } = state;
    for (let i = 0; i < length; i++) {
      const byte = bytes[i];
      if (leadByte === -1) {
        leadByte = byte;
        continue;
      }
      const unit = bigEndian ? (leadByte << 8) | byte : (byte << 8) | leadByte;
      leadByte = -1;
      if (leadSurrogate !== -1) {
        const lead = leadSurrogate;
        leadSurrogate = -1;
        if (unit >= 0xdc00 && unit <= 0xdfff) {
          units[count++] = lead;
          units[count++] = unit;
          continue;
        }
        // The lead surrogate alone is an error; the code unit's bytes go back to the stream,
        // which is the same as handling the unit afresh below.
        units[count++] = decodingError(fatal, encoding);
      }
      if (unit >= 0xd800 && unit <= 0xdbff) {
        leadSurrogate = unit;
      } else if (unit >= 0xdc00 && unit <= 0xdfff) {
        units[count++] = decodingError(fatal, encoding);
      } else {
        units[count++] = unit;
      }
    }
    if (flush && (leadByte !== -1 || leadSurrogate !== -1)) {
      leadByte = leadSurrogate = -1;
      units[count++] = decodingError(fatal, encoding);
    }
    state.leadByte = leadByte;
    state.leadSurrogate = leadSurrogate;
    return unitsToString(units, count);
  }

  // ------------------------------------------------------------------------------ TextEncoder

  class TextEncoder {
    // Brands instances, so the methods can reject other receivers.
    #isTextEncoder = true;

    static #check(value) {
      if (value === null || typeof value !== 'object' || !(#isTextEncoder in value)) {
        throw new TypeError('Illegal invocation');
      }
    }

    get encoding() {
      TextEncoder.#check(this);
      return 'utf-8';
    }

    encode(input = '') {
      TextEncoder.#check(this);
      return utf8Encode(toDOMString(input));
    }

    encodeInto(source, destination) {
      TextEncoder.#check(this);
      requiredArguments(arguments.length, 2, "Failed to execute 'encodeInto' on 'TextEncoder'");
      const string = toDOMString(source);
      if (kindOf(destination) !== 'Uint8Array') {
        throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'.");
      }
      const written = writeUtf8(string, destination, typedArrayLength(destination));
      return { read: utf8Read, written };
    }
  }
  enumerableMembers(TextEncoder, ['encoding', 'encode', 'encodeInto']);
  brand(TextEncoder);

  // ------------------------------------------------------------------------------ TextDecoder

  /** The Encoding Standard's labels of the supported encodings. */
  const ENCODING_BY_LABEL = new Map([
    ...['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']
      .map((label) => [label, UTF8]),
    ...['unicodefffe', 'utf-16be'].map((label) => [label, UTF16BE]),
    ...['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le']
      .map((label) => [label, UTF16LE]),
  ]);

  /** The Encoding Standard's "get an encoding": trim ASCII whitespace, ASCII-lowercase, look up. */
  function encodingForLabel(label) {
    const key = label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
    return ENCODING_BY_LABEL.get(key);
  }

  /** A WebIDL dictionary argument: undefined and null mean empty; other non-objects are errors. */
  function dictionary(value, what, type) {
    if (value === undefined || value === null) {
      return {};
    }
    if (typeof value !== 'object' && typeof value !== 'function') {
      throw new TypeError(`${what}: The provided value is not of type '${type}'.`);
    }
    return value;
  }

  /** The bytes of a [AllowShared] BufferSource argument; a detached buffer has none. */
  function bufferSourceBytes(input, what) {
    if (isView(input)) {
      if (kindOf(input) === 'DataView') {
        const buffer = dataViewBuffer(input);
        // DataView's offset and length getters throw once its buffer is detached.
        return isDetached(buffer) ? EMPTY : new Uint8Array(buffer, dataViewByteOffset(input), dataViewByteLength(input));
      }
      const buffer = typedArrayBuffer(input);
      return isDetached(buffer) ? EMPTY
        : new Uint8Array(buffer, typedArrayByteOffset(input), typedArrayByteLength(input));
    }
    const kind = kindOf(input);
    if (kind === 'ArrayBuffer' || kind === 'SharedArrayBuffer') {
      return isDetached(input) ? EMPTY : new Uint8Array(input);
    }
    throw new TypeError(`${what}: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.`);
  }

  function isDetached(buffer) {
    return kindOf(buffer) === 'ArrayBuffer' && arrayBufferDetached(buffer);
  }

  class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    #state;
    #doNotFlush = false;
    #bomSeen = false;

    constructor(label = UTF8, options = undefined) {
      label = toDOMString(label);
      const init = dictionary(options, "Failed to construct 'TextDecoder'", 'TextDecoderOptions');
      const fatal = Boolean(init.fatal);
      const ignoreBOM = Boolean(init.ignoreBOM);
      const encoding = encodingForLabel(label);
      if (encoding === undefined) {
        throw new RangeError(`Failed to construct 'TextDecoder': The encoding label provided ('${label}') is invalid or `
          + 'not supported (sw4j supports UTF-8, UTF-16LE and UTF-16BE).');
      }
      this.#encoding = encoding;
      this.#fatal = fatal;
      this.#ignoreBOM = ignoreBOM;
    }

    static #check(value) {
      if (value === null || typeof value !== 'object' || !(#encoding in value)) {
        throw new TypeError('Illegal invocation');
      }
    }

    get encoding() {
      TextDecoder.#check(this);
      return this.#encoding;
    }

    get fatal() {
      TextDecoder.#check(this);
      return this.#fatal;
    }

    get ignoreBOM() {
      TextDecoder.#check(this);
      return this.#ignoreBOM;
    }

    decode(input = undefined, options = undefined) {
      TextDecoder.#check(this);
      const what = "Failed to execute 'decode' on 'TextDecoder'";
      const bytes = input === undefined ? EMPTY : bufferSourceBytes(input, what);
      const stream = Boolean(dictionary(options, what, 'TextDecodeOptions').stream);
      if (!this.#doNotFlush) {
        this.#state = this.#encoding === UTF8 ? newUtf8State() : newUtf16State();
        this.#bomSeen = false;
      }
      this.#doNotFlush = stream;
      let output;
      try {
        output = this.#encoding === UTF8
          ? decodeUtf8(this.#state, bytes, !stream, this.#fatal)
          : decodeUtf16(this.#state, bytes, !stream, this.#fatal, this.#encoding === UTF16BE);
      } catch (error) {
        // A fatal error abandons the rest of the input, and the stream starts afresh (as browsers do).
        this.#state = this.#encoding === UTF8 ? newUtf8State() : newUtf16State();
        throw error;
      }
      // A BOM is dropped only as the very first code point of the (possibly streamed) output.
      if (!this.#ignoreBOM && !this.#bomSeen && output.length > 0) {
        this.#bomSeen = true;
        if (output.charCodeAt(0) === 0xfeff) {
          output = output.slice(1);
        }
      }
      return output;
    }
  }
  enumerableMembers(TextDecoder, ['encoding', 'fatal', 'ignoreBOM', 'decode']);
  brand(TextDecoder);

  // ------------------------------------------------------------------------------ atob / btoa

  const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  /** Each base64 digit's character code, and each character code's digit value. */
  const BASE64_CODES = new Uint8Array(64);
  const BASE64_VALUES = new Uint8Array(128);
  for (let i = 0; i < BASE64_ALPHABET.length; i++) {
    BASE64_CODES[i] = BASE64_ALPHABET.charCodeAt(i);
    BASE64_VALUES[BASE64_CODES[i]] = i;
  }
  const PAD = 0x3d; // =

  // Operations (not constructors), so method syntax.
  const { atob, btoa } = {
    /** HTML's atob: forgiving-base64 decode, each byte becoming one code unit. */
    atob(data) {
      requiredArguments(arguments.length, 1, "Failed to execute 'atob' on 'ServiceWorkerGlobalScope'");
      let text = toDOMString(data).replace(/[\t\n\f\r ]+/g, '');
      if (text.length % 4 === 0) {
        text = text.replace(/==?$/, '');
      }
      if (text.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(text)) {
        throw domException('InvalidCharacterError',
          "Failed to execute 'atob' on 'ServiceWorkerGlobalScope': The string to be decoded is not correctly encoded.");
      }
      const output = new Uint16Array(Math.floor((text.length * 3) / 4));
      let count = 0;
      let bits = 0;
      let bitCount = 0;
      for (let i = 0; i < text.length; i++) {
        bits = ((bits << 6) | BASE64_VALUES[text.charCodeAt(i)]) & 0xffffff;
        bitCount += 6;
        if (bitCount >= 8) {
          bitCount -= 8;
          output[count++] = (bits >> bitCount) & 0xff;
        }
      }
      // Bits left over (4 or 2) after the last whole byte are discarded, as the spec says.
      return unitsToString(output, count);
    },

    /** HTML's btoa: base64 of a string whose code units are all bytes. */
    btoa(data) {
      requiredArguments(arguments.length, 1, "Failed to execute 'btoa' on 'ServiceWorkerGlobalScope'");
      const text = toDOMString(data);
      if (/[^\x00-\xff]/.test(text)) {
        throw domException('InvalidCharacterError',
          "Failed to execute 'btoa' on 'ServiceWorkerGlobalScope': The string to be encoded contains characters outside of the Latin1 range.");
      }
      const output = new Uint16Array(Math.ceil(text.length / 3) * 4);
      let count = 0;
      for (let i = 0; i < text.length; i += 3) {
        const remaining = text.length - i;
        const triple = (text.charCodeAt(i) << 16)
          | (remaining > 1 ? text.charCodeAt(i + 1) << 8 : 0)
          | (remaining > 2 ? text.charCodeAt(i + 2) : 0);
        output[count++] = BASE64_CODES[triple >> 18];
        output[count++] = BASE64_CODES[(triple >> 12) & 0x3f];
        output[count++] = remaining > 1 ? BASE64_CODES[(triple >> 6) & 0x3f] : PAD;
        output[count++] = remaining > 2 ? BASE64_CODES[triple & 0x3f] : PAD;
      }
      return unitsToString(output, count);
    },
  };

  defineGlobal('TextEncoder', TextEncoder);
  defineGlobal('TextDecoder', TextDecoder);
  defineGlobal('atob', atob);
  defineGlobal('btoa', btoa);

  Object.assign(internals, { utf8Encode, utf8Decode });
})
