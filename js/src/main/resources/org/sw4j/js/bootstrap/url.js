// The URL Standard's URL and URLSearchParams interfaces (https://url.spec.whatwg.org/#api), backed by
// sw4j's Java implementation (org.sw4j.webapi.url, through UrlBinding).
//
// A URL holds a handle to its Java MutableUrl and a cache of all its components, filled by the one
// host call that created or last changed it, so getters do not cross to Java. A URLSearchParams
// holds a handle to its Java list and caches that list (a flat [name, value, name, value, ...]
// array) and its serialization until the next change. A URL and its query object invalidate each
// other's caches when one changes the other.
//
// Exports on `internals`:
//   toUSVString(value) → string   WebIDL's USVString conversion: ToString, lone surrogates → U+FFFD
// and on `internals.url`:
//   isURL(value) → boolean        whether value is a URL object
//   href(url) → string            a URL object's href, unaffected by patched getters
(function (host, internals, config) {
  'use strict';
  const { defineGlobal, brand, enumerableMembers, requiredArguments, uncurry } = internals;

  // The built-ins this file uses, captured before user scripts can replace them.
  const { Map, Object, Reflect, Symbol, TypeError } = globalThis;
  const toWellFormed = uncurry(String.prototype.toWellFormed);
  const call = uncurry(Function.prototype.call);
  const mapSet = uncurry(Map.prototype.set);
  const mapForEach = uncurry(Map.prototype.forEach);
  const { ownKeys, getOwnPropertyDescriptor } = Reflect;
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

  /** WebIDL's USVString conversion; a template literal's ToString throws for a Symbol, as WebIDL's does. */
  const toUSVString = (value) => toWellFormed(`${value}`);

  /** Lets this file construct its objects from host results; scripts cannot reach it. */
  const INTERNAL = Symbol('internal construction');

  // Indexes into a URL's components array (UrlBinding.components); 0 is the handle.
  const HREF = 1;
  const ORIGIN = 2;
  const PROTOCOL = 3;
  const USERNAME = 4;
  const PASSWORD = 5;
  const HOST = 6;
  const HOSTNAME = 7;
  const PORT = 8;
  const PATHNAME = 9;
  const SEARCH = 10;
  const HASH = 11;

  // Hooks between the classes, set in their static blocks.
  let invalidateUrl;
  let invalidateQuery;
  let listOf;
  let isURL;
  let urlHref;

  /** https://url.spec.whatwg.org/#url-class */
  class URL {
    /** The Java MutableUrl. */
    #handle;
    /** The components array; null after the query object changed the URL. */
    #parts;
    /** The query object, made on first use. */
    #query = null;

    constructor(url, base = undefined) {
      if (url === INTERNAL) {
        this.#handle = base[0];
        this.#parts = base;
        return;
      }
      requiredArguments(arguments.length, 1, "Failed to construct 'URL'");
      const input = toUSVString(url);
      const baseString = base === undefined ? null : toUSVString(base);
      const parts = host.urlParse(input, baseString);
      if (parts === null) {
        throw new TypeError(`Failed to construct 'URL': Invalid URL '${input}'`
          + (baseString === null ? '' : ` against base URL '${baseString}'`));
      }
      this.#handle = parts[0];
      this.#parts = parts;
    }

    static parse(url, base = undefined) {
      requiredArguments(arguments.length, 1, "Failed to execute 'parse' on 'URL'");
      const parts = host.urlParse(toUSVString(url), base === undefined ? null : toUSVString(base));
      return parts === null ? null : new URL(INTERNAL, parts);
    }

    static canParse(url, base = undefined) {
      requiredArguments(arguments.length, 1, "Failed to execute 'canParse' on 'URL'");
      return host.urlCanParse(toUSVString(url), base === undefined ? null : toUSVString(base));
    }

    #get(index) {
      return (this.#parts ??= host.urlComponents(this.#handle))[index];
    }

    #set(attribute, value) {
      // The brand check comes before the conversion, whose side effects a wrong receiver must not see.
      const handle = this.#handle;
      this.#parts = host.urlSet(handle, attribute, toUSVString(value));
    }

    get href() {
      return this.#get(HREF);
    }

    set href(value) {
      this.#set('href', value);
      if (this.#query !== null) {
        invalidateQuery(this.#query);
      }
    }

    get origin() {
      return this.#get(ORIGIN);
    }

    get protocol() {
      return this.#get(PROTOCOL);
    }

    set protocol(value) {
      this.#set('protocol', value);
    }

    get username() {
      return this.#get(USERNAME);
    }

    set username(value) {
      this.#set('username', value);
    }

    get password() {
      return this.#get(PASSWORD);
    }

    set password(value) {
      this.#set('password', value);
    }

    get host() {
      return this.#get(HOST);
    }

    set host(value) {
      this.#set('host', value);
    }

    get hostname() {
      return this.#get(HOSTNAME);
    }

    set hostname(value) {
      this.#set('hostname', value);
    }

    get port() {
      return this.#get(PORT);
    }

    set port(value) {
      this.#set('port', value);
    }

    get pathname() {
      return this.#get(PATHNAME);
    }

    set pathname(value) {
      this.#set('pathname', value);
    }

    get search() {
      return this.#get(SEARCH);
    }

    set search(value) {
      this.#set('search', value);
      if (this.#query !== null) {
        invalidateQuery(this.#query);
      }
    }

    get searchParams() {
      return this.#query ??= new URLSearchParams(INTERNAL, host.urlSearchParams(this.#handle), this);
    }

    get hash() {
      return this.#get(HASH);
    }

    set hash(value) {
      this.#set('hash', value);
    }

    toJSON() {
      return this.#get(HREF);
    }

    toString() {
      return this.#get(HREF);
    }

    static {
      invalidateUrl = (url) => {
        url.#parts = null;
      };
      isURL = (value) => value !== null && typeof value === 'object' && #handle in value;
      urlHref = (url) => url.#get(HREF);
    }
  }
  enumerableMembers(URL, ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
    'pathname', 'search', 'searchParams', 'hash', 'toJSON', 'toString']);
  for (const name of ['parse', 'canParse']) {
    Object.defineProperty(URL, name, { enumerable: true });
  }
  brand(URL);

  /** WebIDL's "create a sequence from an iterable" with an iterator method already looked up. */
  function sequenceFrom(iterable, method, convert) {
    const iterator = call(method, iterable);
    if (iterator === null || (typeof iterator !== 'object' && typeof iterator !== 'function')) {
      throw new TypeError('Result of the Symbol.iterator method is not an object');
    }
    const next = iterator.next;
    const items = [];
    for (;;) {
      const result = call(next, iterator);
      if (result === null || (typeof result !== 'object' && typeof result !== 'function')) {
        throw new TypeError(`Iterator result ${result} is not an object`);
      }
      if (result.done) {
        return items;
      }
      items.push(convert(result.value));
    }
  }

  /** The iterator method of a value WebIDL converts to a sequence, or undefined if it has none. */
  function iteratorMethodOf(value) {
    const method = value[Symbol.iterator];
    if (method === undefined || method === null) {
      return undefined;
    }
    if (typeof method !== 'function') {
      throw new TypeError('The object\'s Symbol.iterator property is not a function.');
    }
    return method;
  }

  /** A sequence<USVString>: each pair of a URLSearchParams' sequence init. */
  function toPair(value) {
    const what = "Failed to construct 'URLSearchParams'";
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      throw new TypeError(`${what}: The provided value cannot be converted to a sequence.`);
    }
    const method = iteratorMethodOf(value);
    if (method === undefined) {
      throw new TypeError(`${what}: The provided value cannot be converted to a sequence.`);
    }
    const pair = sequenceFrom(value, method, toUSVString);
    if (pair.length !== 2) {
      throw new TypeError(`${what}: Sequence initializer must only contain pair elements`);
    }
    return pair;
  }

  /** A record<USVString, USVString> as a flat [name, value, ...] array; a later equal key replaces in place. */
  function recordToFlat(object) {
    const record = new Map();
    for (const key of ownKeys(object)) {
      const descriptor = getOwnPropertyDescriptor(object, key);
      if (descriptor !== undefined && descriptor.enumerable) {
        mapSet(record, toUSVString(key), toUSVString(object[key]));
      }
    }
    const flat = [];
    mapForEach(record, (value, key) => {
      flat.push(key, value);
    });
    return flat;
  }

  /** https://url.spec.whatwg.org/#interface-urlsearchparams */
  class URLSearchParams {
    /** The Java UrlSearchParams. */
    #handle;
    /** The URL object whose query object this is, or null. */
    #url = null;
    /** The list as [name, value, name, value, ...]; null until read after a change. */
    #list = null;
    /** The serialization; null until read after a change. */
    #string = null;

    constructor(init = '') {
      if (init === INTERNAL) {
        this.#handle = arguments[1];
        this.#url = arguments[2];
        return;
      }
      // The union (sequence<sequence<USVString>> or record<USVString, USVString> or USVString).
      if (init !== null && (typeof init === 'object' || typeof init === 'function')) {
        const method = iteratorMethodOf(init);
        let flat;
        if (method !== undefined) {
          flat = [];
          for (const pair of sequenceFrom(init, method, toPair)) {
            flat.push(pair[0], pair[1]);
          }
        } else {
          flat = recordToFlat(init);
        }
        this.#handle = host.searchParamsOf(flat);
        this.#list = flat;
      } else {
        this.#handle = host.searchParamsParse(toUSVString(init));
      }
    }

    #entries() {
      return this.#list ??= copyArray(host.searchParamsList(this.#handle));
    }

    /** Forgets the caches after a change to the list, the URL's among them. */
    #changed() {
      this.#list = null;
      this.#string = null;
      if (this.#url !== null) {
        invalidateUrl(this.#url);
      }
    }

    get size() {
      return this.#entries().length / 2;
    }

    append(name, value) {
      const handle = this.#handle;
      requiredArguments(arguments.length, 2, "Failed to execute 'append' on 'URLSearchParams'");
      host.searchParamsAppend(handle, toUSVString(name), toUSVString(value));
      this.#changed();
    }

    delete(name, value = undefined) {
      const handle = this.#handle;
      requiredArguments(arguments.length, 1, "Failed to execute 'delete' on 'URLSearchParams'");
      host.searchParamsDelete(handle, toUSVString(name), value === undefined ? null : toUSVString(value));
      this.#changed();
    }

    get(name) {
      const list = this.#entries();
      requiredArguments(arguments.length, 1, "Failed to execute 'get' on 'URLSearchParams'");
      const key = toUSVString(name);
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === key) {
          return list[i + 1];
        }
      }
      return null;
    }

    getAll(name) {
      const list = this.#entries();
      requiredArguments(arguments.length, 1, "Failed to execute 'getAll' on 'URLSearchParams'");
      const key = toUSVString(name);
      const values = [];
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === key) {
          values.push(list[i + 1]);
        }
      }
      return values;
    }

    has(name, value = undefined) {
      const list = this.#entries();
      requiredArguments(arguments.length, 1, "Failed to execute 'has' on 'URLSearchParams'");
      const key = toUSVString(name);
      const wanted = value === undefined ? undefined : toUSVString(value);
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === key && (wanted === undefined || list[i + 1] === wanted)) {
          return true;
        }
      }
      return false;
    }

    set(name, value) {
      const handle = this.#handle;
      requiredArguments(arguments.length, 2, "Failed to execute 'set' on 'URLSearchParams'");
      host.searchParamsSet(handle, toUSVString(name), toUSVString(value));
      this.#changed();
    }

    sort() {
      host.searchParamsSort(this.#handle);
      this.#changed();
    }

    forEach(callback, thisArg = undefined) {
      let list = this.#entries();
      requiredArguments(arguments.length, 1, "Failed to execute 'forEach' on 'URLSearchParams'");
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'forEach' on 'URLSearchParams': The callback provided as parameter 1 is not a function.");
      }
      // WebIDL's forEach for pair iterators reads the live list after every call.
      for (let i = 0; i < list.length; i += 2) {
        call(callback, thisArg, list[i + 1], list[i], this);
        list = this.#entries();
      }
    }

    keys() {
      URLSearchParams.#check(this);
      return new URLSearchParamsIterator(this, KEY);
    }

    values() {
      URLSearchParams.#check(this);
      return new URLSearchParamsIterator(this, VALUE);
    }

    entries() {
      URLSearchParams.#check(this);
      return new URLSearchParamsIterator(this, KEY_VALUE);
    }

    toString() {
      return this.#string ??= host.searchParamsToString(this.#handle);
    }

    /** WebIDL's check that an operation's receiver implements the interface. */
    static #check(value) {
      if (value === null || typeof value !== 'object' || !(#handle in value)) {
        throw new TypeError('Illegal invocation');
      }
    }

    static {
      invalidateQuery = (params) => {
        params.#list = null;
        params.#string = null;
      };
      listOf = (params) => params.#entries();
    }
  }
  enumerableMembers(URLSearchParams, ['size', 'append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'forEach',
    'keys', 'values', 'entries', 'toString']);
  Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
    value: URLSearchParams.prototype.entries, writable: true, enumerable: false, configurable: true,
  });
  brand(URLSearchParams);

  /** A host ProxyArray copied into a JavaScript array, so later reads stay in JavaScript. */
  function copyArray(proxy) {
    const length = proxy.length;
    const array = new Array(length);
    for (let i = 0; i < length; i++) {
      array[i] = proxy[i];
    }
    return array;
  }

  const KEY = 0;
  const VALUE = 1;
  const KEY_VALUE = 2;

  /**
   * WebIDL's default iterator objects for URLSearchParams' pair iterator: each call of next()
   * reads the list as it is then, so changes made while iterating are seen.
   */
  class URLSearchParamsIterator {
    #target;
    #kind;
    #index = 0;

    constructor(target, kind) {
      this.#target = target;
      this.#kind = kind;
    }

    next() {
      if (!(#target in this)) {
        throw new TypeError("Failed to execute 'next' on 'URLSearchParams Iterator': Illegal invocation");
      }
      const list = listOf(this.#target);
      const at = this.#index * 2;
      if (at >= list.length) {
        return { value: undefined, done: true };
      }
      this.#index++;
      switch (this.#kind) {
        case KEY:
          return { value: list[at], done: false };
        case VALUE:
          return { value: list[at + 1], done: false };
        default:
          return { value: [list[at], list[at + 1]], done: false };
      }
    }
  }
  // The iterator prototype object WebIDL describes: no constructor, %IteratorPrototype% as prototype.
  const iteratorPrototype = URLSearchParamsIterator.prototype;
  Object.setPrototypeOf(iteratorPrototype, IteratorPrototype);
  delete iteratorPrototype.constructor;
  enumerableMembers(URLSearchParamsIterator, ['next']);
  brand(URLSearchParamsIterator, 'URLSearchParams Iterator');

  defineGlobal('URL', URL);
  defineGlobal('URLSearchParams', URLSearchParams);

  internals.toUSVString = toUSVString;
  internals.url = { isURL, href: urlHref };
})
