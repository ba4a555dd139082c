// The URL Pattern Standard's URLPattern interface (https://urlpattern.spec.whatwg.org/#urlpattern),
// backed by sw4j's Java implementation (org.sw4j.webapi.urlpattern, through UrlPatternBinding).
//
// A URLPattern holds a handle to its Java UrlPattern and its component pattern strings, read once
// when it is made. Web IDL conversions (overload resolution, the URLPatternInput union, the
// URLPatternInit and URLPatternOptions dictionaries) happen here; a URLPatternInit crosses to Java
// as an array of nine strings or nulls (UrlPatternBinding.init).
//
// Exports on `internals.urlPattern`:
//   handleOf(value) → the Java UrlPattern of a URLPattern object, or null
//   toInit(value) → a URLPatternInit dictionary's nine-item array (Web IDL conversion; may throw)
(function (host, internals, config) {
  'use strict';
  const { defineGlobal, brand, enumerableMembers, toUSVString } = internals;
  const { Object, TypeError } = globalThis;

  /** Lets this file construct its objects from host results; scripts cannot reach it. */
  const INTERNAL = Symbol('internal construction');
  // URLPatternInit's members in the order Web IDL reads them (lexicographic), and their index in
  // the array Java takes (component order, then baseURL).
  const INIT_MEMBERS = [
    ['baseURL', 8], ['hash', 7], ['hostname', 3], ['password', 2], ['pathname', 5], ['port', 4],
    ['protocol', 0], ['search', 6], ['username', 1]];
  const COMPONENTS = ['protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash'];

  const isObject = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function';

  /** The URLPatternInit dictionary conversion: its nine-item array. */
  function toInit(value, what) {
    const parts = [null, null, null, null, null, null, null, null, null];
    if (value === undefined || value === null) {
      return parts;
    }
    if (!isObject(value)) {
      throw new TypeError(`${what}: The provided value is not of type 'URLPatternInit'.`);
    }
    for (const [name, index] of INIT_MEMBERS) {
      const member = value[name];
      if (member !== undefined) {
        parts[index] = toUSVString(member);
      }
    }
    return parts;
  }

  /** The (USVString or URLPatternInit) union conversion: a string, or an init array. */
  function toInput(value, what) {
    return value === undefined || value === null || isObject(value) ? toInit(value, what) : toUSVString(value);
  }

  /** The URLPatternOptions dictionary conversion: ignoreCase. */
  function toIgnoreCase(value, what) {
    if (value === undefined || value === null) {
      return false;
    }
    if (!isObject(value)) {
      throw new TypeError(`${what}: The provided value is not of type 'URLPatternOptions'.`);
    }
    return !!value.ignoreCase;
  }

  /** A converted init array as the dictionary Web IDL gives back (present members only). */
  function initObject(parts) {
    const init = {};
    for (const [name, index] of INIT_MEMBERS) {
      if (parts[index] !== null) {
        init[name] = parts[index];
      }
    }
    return init;
  }

  let handleOf;

  /** https://urlpattern.spec.whatwg.org/#urlpattern */
  class URLPattern {
    /** The Java UrlPattern. */
    #handle;
    /** [handle, protocol, username, password, hostname, port, pathname, search, hash, hasRegExpGroups] */
    #parts;

    constructor(input = undefined, baseURL = undefined, options = undefined) {
      const what = "Failed to construct 'URLPattern'";
      if (input === INTERNAL) {
        this.#handle = baseURL[0];
        this.#parts = baseURL;
        return;
      }
      // Overload resolution: (input, baseURL, options) when a third argument is given or the second
      // is neither undefined, null nor an object; else (input, options).
      const second = arguments.length >= 2 ? arguments[1] : undefined;
      const withBaseURL = arguments.length >= 3
        || (arguments.length === 2 && second !== undefined && second !== null && !isObject(second));
      const converted = toInput(input, what);
      let baseString = null;
      let ignoreCase;
      if (withBaseURL) {
        baseString = toUSVString(baseURL);
        ignoreCase = toIgnoreCase(options, what);
      } else {
        ignoreCase = toIgnoreCase(baseURL, what);
      }
      if (typeof converted !== 'string' && baseString !== null) {
        throw new TypeError(`${what}: a baseURL cannot be given with a URLPatternInit input.`);
      }
      const parts = host.urlPatternNew(converted, baseString, ignoreCase);
      this.#handle = parts[0];
      this.#parts = parts;
    }

    /** Converts test()'s and exec()'s arguments: [input, baseURL string or null]. */
    static #arguments(input, baseURL, what) {
      const converted = toInput(input, what);
      const baseString = baseURL === undefined ? null : toUSVString(baseURL);
      if (typeof converted !== 'string' && baseString !== null) {
        throw new TypeError(`${what}: a baseURL cannot be given with a URLPatternInit input.`);
      }
      return [converted, baseString];
    }

    test(input = undefined, baseURL = undefined) {
      const handle = this.#handle;
      const [converted, baseString] = URLPattern.#arguments(input, baseURL, "Failed to execute 'test' on 'URLPattern'");
      return host.urlPatternTest(handle, converted, baseString);
    }

    exec(input = undefined, baseURL = undefined) {
      const handle = this.#handle;
      const [converted, baseString] = URLPattern.#arguments(input, baseURL, "Failed to execute 'exec' on 'URLPattern'");
      const found = host.urlPatternExec(handle, converted, baseString);
      if (found === null) {
        return null;
      }
      const inputs = typeof converted === 'string'
        ? (baseString === null ? [converted] : [converted, baseString])
        : [initObject(converted)];
      const result = { inputs };
      for (let i = 0; i < COMPONENTS.length; i++) {
        const [componentInput, names, values] = found[i];
        const groups = {};
        for (let g = 0; g < names.length; g++) {
          groups[names[g]] = values[g] === null ? undefined : values[g];
        }
        result[COMPONENTS[i]] = { input: componentInput, groups };
      }
      return result;
    }

    get protocol() { return this.#parts[1]; }
    get username() { return this.#parts[2]; }
    get password() { return this.#parts[3]; }
    get hostname() { return this.#parts[4]; }
    get port() { return this.#parts[5]; }
    get pathname() { return this.#parts[6]; }
    get search() { return this.#parts[7]; }
    get hash() { return this.#parts[8]; }
    get hasRegExpGroups() { return this.#parts[9]; }

    static {
      handleOf = (value) => (isObject(value) && #handle in value ? value.#handle : null);
    }
  }
  enumerableMembers(URLPattern, ['test', 'exec', ...COMPONENTS, 'hasRegExpGroups']);
  brand(URLPattern);
  defineGlobal('URLPattern', URLPattern);

  internals.urlPattern = {
    handleOf,
    toInit: (value) => toInit(value, "Failed to execute 'addRoutes' on 'InstallEvent'"),
  };
})
