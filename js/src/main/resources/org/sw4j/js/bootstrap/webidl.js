// WebIDL plumbing shared by the other bootstrap scripts: how globals are defined, DOMException,
// and how failures from the host become JavaScript exceptions.
(function (host, internals, config) {
  'use strict';

  const reflectApply = Reflect.apply;
  /**
   * `fn` as a function of (thisValue, ...args), immune to later patches of Function.prototype.call.
   * (Not `Function.prototype.call.bind(fn)`: GraalJS copies a bound function's arguments on every
   * call, which made a per-byte loop over such a function 25 times slower.)
   */
  const uncurry = (fn) => (thisValue, ...args) => reflectApply(fn, thisValue, args);
  /** The getter of an accessor property, uncurried: scripts cannot redirect it. */
  const getterOf = (object, key) => uncurry(Object.getOwnPropertyDescriptor(object, key).get);

  /** Defines a global the way WebIDL defines interface objects and operations. */
  function defineGlobal(name, value) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }

  /** Sets an interface prototype's Symbol.toStringTag, as WebIDL does for every interface. */
  function brand(cls, tag = cls.name) {
    Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: tag, configurable: true });
  }

  /** Makes a class's prototype accessors and methods enumerable, as WebIDL attributes are. */
  function enumerableMembers(cls, names) {
    for (const name of names) {
      const desc = Object.getOwnPropertyDescriptor(cls.prototype, name);
      desc.enumerable = true;
      Object.defineProperty(cls.prototype, name, desc);
    }
  }

  function requiredArguments(count, required, what) {
    if (count < required) {
      throw new TypeError(`${what}: ${required} argument${required === 1 ? '' : 's'} required, but only ${count} present.`);
    }
  }

  function illegalConstructor() {
    throw new TypeError('Illegal constructor');
  }

  const codeByName = new Map();
  for (let i = 0; i < config.domExceptionNames.length; i++) {
    codeByName.set(config.domExceptionNames[i], config.domExceptionCodes[i]);
  }
  const LEGACY_CODE_NAMES = [
    'INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR',
    'INVALID_CHARACTER_ERR', 'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR',
    'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR', 'INVALID_STATE_ERR', 'SYNTAX_ERR',
    'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR', 'VALIDATION_ERR',
    'TYPE_MISMATCH_ERR', 'SECURITY_ERR', 'NETWORK_ERR', 'ABORT_ERR', 'URL_MISMATCH_ERR',
    'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR', 'DATA_CLONE_ERR'];

  /** WebIDL's DOMException: an Error whose name, message and code are accessors. */
  class DOMException extends Error {
    #name;
    #message;

    constructor(message = undefined, name = undefined) {
      super();
      this.#message = message === undefined ? '' : String(message);
      this.#name = name === undefined ? 'Error' : String(name);
      // The stack super() captured has no frames (GraalJS stops at this internal constructor) and
      // a header rendered before the fields were set: take the frames of a fresh Error instead.
      const frames = new Error().stack;
      const newline = typeof frames === 'string' ? frames.indexOf('\n') : -1;
      const header = this.#message ? `${this.#name}: ${this.#message}` : this.#name;
      Object.defineProperty(this, 'stack', {
        value: newline < 0 ? header : header + frames.slice(newline),
        writable: true, configurable: true, enumerable: false,
      });
    }

    get name() {
      return this.#name;
    }

    get message() {
      return this.#message;
    }

    get code() {
      return codeByName.get(this.#name) ?? 0;
    }

    static isDOMException(value) {
      return value !== null && typeof value === 'object' && #name in value;
    }
  }
  enumerableMembers(DOMException, ['name', 'message', 'code']);
  brand(DOMException);
  LEGACY_CODE_NAMES.forEach((constant, index) => {
    const descriptor = { value: index + 1, enumerable: true };
    Object.defineProperty(DOMException, constant, descriptor);
    Object.defineProperty(DOMException.prototype, constant, descriptor);
  });
  const isDOMException = DOMException.isDOMException;
  delete DOMException.isDOMException;
  defineGlobal('DOMException', DOMException);

  function domException(name, message) {
    return new DOMException(message, name);
  }

  /** Creates the exception a host failure names: a native error type or a DOMException. */
  function makeError(name, message) {
    switch (name) {
      case 'TypeError': return new TypeError(message);
      case 'RangeError': return new RangeError(message);
      case 'SyntaxError': return new SyntaxError(message);
      default: return new DOMException(message, name);
    }
  }

  /** [name, message, stack] of a thrown value, for the host's reports. */
  function describeError(value) {
    if (value instanceof Error || isDOMException(value)) {
      let name = 'Error';
      let message = '';
      try {
        name = String(value.name);
        message = String(value.message);
      } catch (e) {
        // a hostile getter; keep the defaults
      }
      const stack = typeof value.stack === 'string' ? value.stack : (message ? `${name}: ${message}` : name);
      return [name, message, stack];
    }
    const text = internals.inspect ? internals.inspect(value) : String(value);
    return ['', text, text];
  }

  Object.assign(internals, {
    uncurry, getterOf, defineGlobal, brand, enumerableMembers, requiredArguments, illegalConstructor,
    DOMException, isDOMException, domException, makeError, describeError,
  });
})
