// Cache Storage (https://w3c.github.io/ServiceWorker/#cache-objects): CacheStorage, Cache and
// StorageManager. The argument conversions and the steps that must happen before anything
// asynchronous (request conversion, method and scheme checks, marking a put's body used) are here;
// the rest (Query Cache, Batch Cache Operations, the store) is Java's (org.sw4j.core.cache), each
// call a host operation answering with onDone(result) or onError(name, message).
(function (host, internals, config) {
  'use strict';
  const {
    defineGlobal, brand, enumerableMembers, requiredArguments, illegalConstructor, uncurry, makeError, toUSVString,
  } = internals;
  const { Array, Object, Promise, Symbol, TypeError, AbortController, FinalizationRegistry } = globalThis;
  const {
    Request, Response, requestParts, responseParts, bodyToJava, bodyUnusable, responseFromJava, fetch, KEY,
  } = internals.fetch;
  const {
    cachesOpen, cachesHas, cachesDelete, cachesKeys, cachesMatch, cacheMatchAll, cacheKeys, cacheDelete,
    cachePutAll, cacheRelease, cacheRequestProblem, cacheRequestIsGet, cacheResponseProblem, storageEstimate,
    storagePersisted, storagePersist, cacheAddAllProgress,
  } = host;
  /** An addAll of at least this many requests logs its progress (logger sw4j.progress). */
  const ADD_ALL_PROGRESS_THRESHOLD = 50;
  const dateNow = Date.now;
  const promiseThen = uncurry(Promise.prototype.then);
  const promiseAll = ((all, apply) => (values) => apply(all, Promise, [values]))(Promise.all, Reflect.apply);
  const arrayPush = uncurry(Array.prototype.push);
  const objectFreeze = Object.freeze;
  const isObject = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function';

  /** A promise for a host operation's answer. */
  function hostCall(operation, ...args) {
    return new Promise((resolve, reject) => {
      operation(...args, resolve, (name, message) => reject(makeError(name, message)));
    });
  }

  /** The CacheQueryOptions dictionary, as WebIDL converts it. */
  function queryOptions(options, what) {
    if (options === undefined || options === null) {
      return { ignoreSearch: false, ignoreMethod: false, ignoreVary: false, cacheName: undefined };
    }
    if (!isObject(options)) {
      throw new TypeError(`${what}: The provided value is not of type 'CacheQueryOptions'.`);
    }
    const cacheName = options.cacheName;
    return {
      ignoreMethod: !!options.ignoreMethod,
      ignoreSearch: !!options.ignoreSearch,
      ignoreVary: !!options.ignoreVary,
      cacheName: cacheName === undefined ? undefined : `${cacheName}`,
    };
  }

  /**
   * The request of a RequestInfo argument: a Request's own, or a new Request's for anything else
   * (which may throw). `isRequest` says which, for the method checks that apply to Requests only.
   */
  function innerRequest(info) {
    if (info instanceof Request) {
      return { request: requestParts(info).request, isRequest: true };
    }
    return { request: requestParts(new Request(info)).request, isRequest: false };
  }

  /**
   * A query's request: a Request's own, or the URL string Java turns into the request the Request
   * constructor would make (the same steps and errors, without the JavaScript object).
   */
  function queryRequest(info) {
    if (info instanceof Request) {
      return { request: requestParts(info).request, isRequest: true };
    }
    return { request: toUSVString(info), isRequest: false };
  }

  function requestFromJava([request, headers]) {
    return new Request(KEY, request, headers, null, new AbortController().signal);
  }

  function responsesFromJava(list) {
    const responses = [];
    for (let i = 0; i < list.length; i++) {
      const [response, headers, source, length] = list[i];
      arrayPush(responses, responseFromJava(response, headers, source, length));
    }
    return responses;
  }

  // Releases a Cache's hold on its store when the object is collected (and all remaining holds when
  // the worker stops).
  const releases = new FinalizationRegistry((handle) => cacheRelease(handle));

  // ------------------------------------------------------------------------------ Cache

  class Cache {
    #handle;

    constructor(key, handle) {
      if (key !== KEY) {
        illegalConstructor();
      }
      this.#handle = handle;
      releases.register(this, handle);
    }

    static #of(value) {
      if (!isObject(value) || !(#handle in value)) {
        throw new TypeError('Illegal invocation');
      }
      return value.#handle;
    }

    /** The match(request, options) steps: the first of matchAll's answer, or undefined. */
    match(request, options = undefined) {
      return this.#matchAll(request, options, true, "Failed to execute 'match' on 'Cache'", arguments.length);
    }

    /** The matchAll(request, options) steps. */
    matchAll(request = undefined, options = undefined) {
      return this.#matchAll(request, options, false, "Failed to execute 'matchAll' on 'Cache'", 1);
    }

    #matchAll(request, options, first, what, count) {
      try {
        requiredArguments(count, 1, what);
        const handle = Cache.#of(this);
        const opts = queryOptions(options, what);
        let r = null;
        if (request !== undefined) {
          const inner = queryRequest(request);
          if (inner.isRequest && !opts.ignoreMethod && !cacheRequestIsGet(inner.request)) {
            return Promise.resolve(first ? undefined : objectFreeze([]));
          }
          r = inner.request;
        }
        if (first && r === null) {
          return Promise.resolve(undefined);
        }
        return promiseThen(hostCall(cacheMatchAll, handle, r, opts.ignoreSearch, opts.ignoreMethod, opts.ignoreVary,
          first), (found) => {
          if (first) {
            return found === null ? undefined : responsesFromJava([found])[0];
          }
          return objectFreeze(responsesFromJava(found));
        });
      } catch (e) {
        return Promise.reject(e);
      }
    }

    /** The add(request) steps: addAll of one. */
    add(request) {
      try {
        requiredArguments(arguments.length, 1, "Failed to execute 'add' on 'Cache'");
        return this.#addAll([request], "Failed to execute 'add' on 'Cache'");
      } catch (e) {
        return Promise.reject(e);
      }
    }

    /**
     * The addAll(requests) steps (https://w3c.github.io/ServiceWorker/#cache-addAll): every request
     * fetched in parallel; a failed fetch, a status that is not ok, or Vary: * aborts the others
     * and rejects with a TypeError; else one batch of puts stores them all or none.
     */
    addAll(requests) {
      try {
        requiredArguments(arguments.length, 1, "Failed to execute 'addAll' on 'Cache'");
        if (!isObject(requests) || typeof requests[Symbol.iterator] !== 'function') {
          throw new TypeError("Failed to execute 'addAll' on 'Cache': The provided value cannot be converted to a sequence.");
        }
        return this.#addAll(Array.from(requests), "Failed to execute 'addAll' on 'Cache'");
      } catch (e) {
        return Promise.reject(e);
      }
    }

    #addAll(requests, what) {
      const handle = Cache.#of(this);
      const requestObjects = [];
      for (let i = 0; i < requests.length; i++) {
        const info = requests[i];
        const requestObject = info instanceof Request ? info : new Request(info);
        const problem = cacheRequestProblem(requestParts(requestObject).request);
        if (problem !== null) {
          throw new TypeError(`${what}: ${problem}`);
        }
        arrayPush(requestObjects, requestObject);
      }
      const controller = new AbortController();
      const fetches = [];
      // A long addAll (an install precaching hundreds of files, say) says how far it got.
      const total = requestObjects.length;
      const reportProgress = total >= ADD_ALL_PROGRESS_THRESHOLD;
      let fetched = 0;
      let lastReport = dateNow();
      for (let i = 0; i < requestObjects.length; i++) {
        const requestObject = requestObjects[i];
        arrayPush(fetches, promiseThen(fetch(requestObject, { signal: controller.signal }), (response) => {
          fetched++;
          if (reportProgress && (fetched === total || dateNow() - lastReport >= 2000)) {
            lastReport = dateNow();
            cacheAddAllProgress(handle, fetched, total);
          }
          const javaResponse = responseParts(response).response;
          let problem = null;
          if (response.type === 'error' || !response.ok) {
            problem = `Request failed with status ${response.status}`;
          } else {
            problem = cacheResponseProblem(javaResponse);
          }
          if (problem !== null) {
            throw new TypeError(`${what}: ${problem}`);
          }
          return response;
        }));
      }
      return promiseThen(promiseAll(fetches), (responses) => {
        const flat = [];
        for (let i = 0; i < responses.length; i++) {
          const { response, body } = responseParts(responses[i]);
          arrayPush(flat, requestParts(requestObjects[i]).request, response, bodyToJava(body));
        }
        return promiseThen(hostCall(cachePutAll, handle, flat), () => undefined);
      }, (error) => {
        controller.abort();
        throw error;
      });
    }

    /**
     * The put(request, response) steps (https://w3c.github.io/ServiceWorker/#cache-put): checked
     * now, the body marked used now and streamed into the store, then a batch of one put.
     */
    put(request, response) {
      const what = "Failed to execute 'put' on 'Cache'";
      try {
        requiredArguments(arguments.length, 2, what);
        const handle = Cache.#of(this);
        if (!(response instanceof Response)) {
          throw new TypeError(`${what}: parameter 2 is not of type 'Response'.`);
        }
        const { request: inner } = innerRequest(request);
        const requestProblem = cacheRequestProblem(inner);
        if (requestProblem !== null) {
          throw new TypeError(`${what}: ${requestProblem}`);
        }
        const { response: javaResponse, body } = responseParts(response);
        const responseProblem = cacheResponseProblem(javaResponse);
        if (responseProblem !== null) {
          throw new TypeError(`${what}: ${responseProblem}`);
        }
        if (bodyUnusable(body)) {
          throw new TypeError(`${what}: Response body is already used`);
        }
        return promiseThen(hostCall(cachePutAll, handle, [inner, javaResponse, bodyToJava(body)]), () => undefined);
      } catch (e) {
        return Promise.reject(e);
      }
    }

    /** The delete(request, options) steps. */
    delete(request, options = undefined) {
      const what = "Failed to execute 'delete' on 'Cache'";
      try {
        requiredArguments(arguments.length, 1, what);
        const handle = Cache.#of(this);
        const opts = queryOptions(options, what);
        const inner = queryRequest(request);
        if (inner.isRequest && !opts.ignoreMethod && !cacheRequestIsGet(inner.request)) {
          return Promise.resolve(false);
        }
        return hostCall(cacheDelete, handle, inner.request, opts.ignoreSearch, opts.ignoreMethod, opts.ignoreVary);
      } catch (e) {
        return Promise.reject(e);
      }
    }

    /** The keys(request, options) steps. */
    keys(request = undefined, options = undefined) {
      const what = "Failed to execute 'keys' on 'Cache'";
      try {
        const handle = Cache.#of(this);
        const opts = queryOptions(options, what);
        let r = null;
        if (request !== undefined) {
          const inner = queryRequest(request);
          if (inner.isRequest && !opts.ignoreMethod && !cacheRequestIsGet(inner.request)) {
            return Promise.resolve(objectFreeze([]));
          }
          r = inner.request;
        }
        return promiseThen(hostCall(cacheKeys, handle, r, opts.ignoreSearch, opts.ignoreMethod, opts.ignoreVary),
          (list) => {
            const requests = [];
            for (let i = 0; i < list.length; i++) {
              arrayPush(requests, requestFromJava(list[i]));
            }
            return objectFreeze(requests);
          });
      } catch (e) {
        return Promise.reject(e);
      }
    }
  }
  enumerableMembers(Cache, ['match', 'matchAll', 'add', 'addAll', 'put', 'delete', 'keys']);
  brand(Cache);

  // ------------------------------------------------------------------------------ CacheStorage

  class CacheStorage {
    constructor(key) {
      if (key !== KEY) {
        illegalConstructor();
      }
    }

    static #check(value) {
      if (value !== caches) {
        throw new TypeError('Illegal invocation');
      }
    }

    /** The match(request, options) steps: in the named cache, or in each cache in creation order. */
    match(request, options = undefined) {
      const what = "Failed to execute 'match' on 'CacheStorage'";
      try {
        requiredArguments(arguments.length, 1, what);
        CacheStorage.#check(this);
        const opts = queryOptions(options, what);
        const inner = queryRequest(request);
        if (inner.isRequest && !opts.ignoreMethod && !cacheRequestIsGet(inner.request)) {
          return Promise.resolve(undefined);
        }
        return promiseThen(hostCall(cachesMatch, inner.request, opts.ignoreSearch, opts.ignoreMethod, opts.ignoreVary,
          opts.cacheName === undefined ? null : opts.cacheName),
        (found) => (found === null ? undefined : responsesFromJava([found])[0]));
      } catch (e) {
        return Promise.reject(e);
      }
    }

    /** has, open and delete: the name converted, then the host's answer. */
    static #byName(storage, count, method, operation, cacheName) {
      try {
        requiredArguments(count, 1, `Failed to execute '${method}' on 'CacheStorage'`);
        CacheStorage.#check(storage);
        return hostCall(operation, `${cacheName}`);
      } catch (e) {
        return Promise.reject(e);
      }
    }

    has(cacheName) {
      return CacheStorage.#byName(this, arguments.length, 'has', cachesHas, cacheName);
    }

    open(cacheName) {
      return promiseThen(CacheStorage.#byName(this, arguments.length, 'open', cachesOpen, cacheName),
        (handle) => new Cache(KEY, handle));
    }

    delete(cacheName) {
      return CacheStorage.#byName(this, arguments.length, 'delete', cachesDelete, cacheName);
    }

    keys() {
      try {
        CacheStorage.#check(this);
        return promiseThen(hostCall(cachesKeys), (names) => Array.from(names));
      } catch (e) {
        return Promise.reject(e);
      }
    }
  }
  enumerableMembers(CacheStorage, ['match', 'has', 'open', 'delete', 'keys']);
  brand(CacheStorage);
  const caches = new CacheStorage(KEY);

  // ------------------------------------------------------------------------------ StorageManager

  /** The Storage Standard's StorageManager (navigator.storage), answering from the cache store. */
  class StorageManager {
    constructor(key) {
      if (key !== KEY) {
        illegalConstructor();
      }
    }

    estimate() {
      try {
        if (this !== storage) {
          throw new TypeError('Illegal invocation');
        }
        return promiseThen(hostCall(storageEstimate), ([usage, quota]) => ({ usage, quota }));
      } catch (e) {
        return Promise.reject(e);
      }
    }

    persisted() {
      return this === storage ? hostCall(storagePersisted) : Promise.reject(new TypeError('Illegal invocation'));
    }

    persist() {
      return this === storage ? hostCall(storagePersist) : Promise.reject(new TypeError('Illegal invocation'));
    }
  }
  enumerableMembers(StorageManager, ['estimate', 'persisted', 'persist']);
  brand(StorageManager);
  const storage = new StorageManager(KEY);

  defineGlobal('Cache', Cache);
  defineGlobal('CacheStorage', CacheStorage);
  defineGlobal('StorageManager', StorageManager);
  internals.caches = { caches, storage };
})
