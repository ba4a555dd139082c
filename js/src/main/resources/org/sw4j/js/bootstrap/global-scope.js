// The ServiceWorkerGlobalScope itself: the global object's interfaces and attributes, location,
// navigator, performance, crypto, importScripts, unhandled rejections, and the entry points the
// host's event loop calls.
(function (host, internals, config) {
  'use strict';
  const {
    defineGlobal, brand, enumerableMembers, requiredArguments, illegalConstructor, domException,
    EventTarget, Event, ExtendableEvent, InstallEvent, PromiseRejectionEvent, eventState, lifetime, dispatch,
    defineEventHandler, reportException, uncaught, uncaughtText, targets,
  } = internals;
  const global = globalThis;
  const constructionKey = Symbol('construct');

  // ------------------------------------------------------------------------------ interfaces

  class WorkerGlobalScope extends EventTarget {
    constructor() {
      illegalConstructor();
      super();
    }
  }
  brand(WorkerGlobalScope);

  class ServiceWorkerGlobalScope extends WorkerGlobalScope {
    constructor() {
      illegalConstructor();
      super();
    }
  }
  brand(ServiceWorkerGlobalScope);

  // GraalJS's own globals that no browser has (`Java` gives nothing without host access, but must
  // not even be seen), and SharedArrayBuffer, which browsers expose only to cross-origin isolated
  // contexts.
  for (const name of ['Java', 'global', 'SharedArrayBuffer']) {
    delete global[name];
  }
  delete global[Symbol.toStringTag];
  Object.setPrototypeOf(global, ServiceWorkerGlobalScope.prototype);
  targets.add(global);
  defineGlobal('WorkerGlobalScope', WorkerGlobalScope);
  defineGlobal('ServiceWorkerGlobalScope', ServiceWorkerGlobalScope);

  // ------------------------------------------------------------------------------ location

  /** The worker this realm runs, set by bindWorker(): { scriptUrl, type, timeOrigin, url parts }. */
  const worker = internals.worker = { scriptUrl: '', type: 'classic', timeOrigin: 0, url: null };

  /** HTML's WorkerLocation: the worker's script URL, read-only. */
  class WorkerLocation {
    constructor(key) {
      if (key !== constructionKey) {
        illegalConstructor();
      }
    }

    get href() { return worker.url[0]; }
    get origin() { return worker.url[1]; }
    get protocol() { return worker.url[2]; }
    get host() { return worker.url[5]; }
    get hostname() { return worker.url[6]; }
    get port() { return worker.url[7]; }
    get pathname() { return worker.url[8]; }
    get search() { return worker.url[9]; }
    get hash() { return worker.url[10]; }
    toString() { return worker.url[0]; }
  }
  enumerableMembers(WorkerLocation, ['href', 'origin', 'protocol', 'host', 'hostname', 'port', 'pathname',
    'search', 'hash', 'toString']);
  brand(WorkerLocation);
  const location = new WorkerLocation(constructionKey);

  // ------------------------------------------------------------------------------ navigator

  const languages = Object.freeze(['en-US', 'en']);

  /** HTML's WorkerNavigator. */
  class WorkerNavigator {
    constructor(key) {
      if (key !== constructionKey) {
        illegalConstructor();
      }
    }

    get appCodeName() { return 'Mozilla'; }
    get appName() { return 'Netscape'; }
    get appVersion() { return config.userAgent.replace(/^Mozilla\//, ''); }
    get platform() { return ''; }
    get product() { return 'Gecko'; }
    get userAgent() { return config.userAgent; }
    get language() { return languages[0]; }
    get languages() { return languages; }
    get onLine() { return host.isOnline(); }
    get hardwareConcurrency() { return config.hardwareConcurrency; }
    get storage() { return internals.caches.storage; }
  }
  enumerableMembers(WorkerNavigator, ['appCodeName', 'appName', 'appVersion', 'platform', 'product',
    'userAgent', 'language', 'languages', 'onLine', 'hardwareConcurrency', 'storage']);
  brand(WorkerNavigator);
  const navigator = new WorkerNavigator(constructionKey);

  // ------------------------------------------------------------------------------ performance

  /** High Resolution Time's Performance: now() and timeOrigin. */
  class Performance extends EventTarget {
    constructor(key) {
      if (key !== constructionKey) {
        illegalConstructor();
      }
      super();
    }

    get timeOrigin() { return worker.timeOrigin; }

    now() {
      return host.now();
    }

    toJSON() {
      return { timeOrigin: worker.timeOrigin };
    }
  }
  enumerableMembers(Performance, ['timeOrigin', 'now', 'toJSON']);
  brand(Performance);
  const performance = new Performance(constructionKey);

  // ------------------------------------------------------------------------------ crypto

  const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
    Uint32Array, BigInt64Array, BigUint64Array];
  const typedArrayTag = Object.getOwnPropertyDescriptor(
    Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;

  /** Web Crypto's Crypto: getRandomValues() and randomUUID(). */
  class Crypto {
    constructor(key) {
      if (key !== constructionKey) {
        illegalConstructor();
      }
    }

    getRandomValues(array) {
      requiredArguments(arguments.length, 1, "Failed to execute 'getRandomValues' on 'Crypto'");
      const tag = ArrayBuffer.isView(array) ? typedArrayTag.call(array) : undefined;
      if (tag === undefined) {
        throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'ArrayBufferView'.");
      }
      if (!INTEGER_ARRAYS.some((type) => type.name === tag)) {
        throw domException('TypeMismatchError', `Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView is of type '${tag}', which is not an integer array type.`);
      }
      if (array.byteLength > 65536) {
        throw domException('QuotaExceededError', `Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536).`);
      }
      if (array.byteLength > 0) {
        host.fillRandom(array.buffer, array.byteOffset, array.byteLength);
      }
      return array;
    }

    randomUUID() {
      return host.randomUUID();
    }
  }
  enumerableMembers(Crypto, ['getRandomValues', 'randomUUID']);
  brand(Crypto);
  const crypto = new Crypto(constructionKey);

  // ------------------------------------------------------------------------------ global members

  function readonly(name, value) {
    Object.defineProperty(global, name, { get: () => value, set: undefined, enumerable: true, configurable: true });
  }

  /** A [Replaceable] attribute: scripts may assign to it, shadowing the platform's value. */
  function replaceable(name, value) {
    Object.defineProperty(global, name, {
      enumerable: true,
      configurable: true,
      get: () => value,
      set(v) {
        Object.defineProperty(global, name, { value: v, writable: true, enumerable: true, configurable: true });
      },
    });
  }

  replaceable('self', global);
  readonly('location', location);
  readonly('navigator', navigator);
  readonly('caches', internals.caches.caches);
  replaceable('performance', performance);
  readonly('crypto', crypto);
  // ServiceWorkerGlobalScope's own members (clients.js).
  readonly('clients', internals.serviceWorker.clients);
  Object.defineProperty(global, 'registration', {
    get: () => internals.serviceWorker.registration(), set: undefined, enumerable: true, configurable: true,
  });
  Object.defineProperty(global, 'serviceWorker', {
    get: () => internals.serviceWorker.serviceWorker(), set: undefined, enumerable: true, configurable: true,
  });
  defineGlobal('skipWaiting', internals.serviceWorker.skipWaiting);
  Object.defineProperty(global, 'origin', {
    enumerable: true,
    configurable: true,
    get: () => worker.url[1],
    set(v) {
      Object.defineProperty(global, 'origin', { value: v, writable: true, enumerable: true, configurable: true });
    },
  });
  let isSecure = false;
  Object.defineProperty(global, 'isSecureContext', { get: () => isSecure, enumerable: true, configurable: true });
  readonly('crossOriginIsolated', false);

  for (const name of ['onerror', 'onlanguagechange', 'onoffline', 'ononline', 'onrejectionhandled',
    'onunhandledrejection', 'oninstall', 'onactivate', 'onfetch', 'onmessage', 'onmessageerror', 'onsync',
    'onpush', 'onpushsubscriptionchange', 'onnotificationclick', 'onnotificationclose']) {
    defineEventHandler(global, name, () => global);
  }

  defineGlobal('WorkerLocation', WorkerLocation);
  defineGlobal('WorkerNavigator', WorkerNavigator);
  defineGlobal('Performance', Performance);
  defineGlobal('Crypto', Crypto);

  function reportError(e) {
    requiredArguments(arguments.length, 1, "Failed to execute 'reportError' on 'WorkerGlobalScope'");
    reportException(e);
  }
  defineGlobal('reportError', reportError);

  /**
   * HTML's importScripts(...urls) with Service Workers' rules: URLs are all parsed first
   * (SyntaxError), then each is fetched (or taken from the worker's script resource map) and run
   * in order. Module workers have no importScripts.
   */
  function importScripts(...urls) {
    if (worker.type === 'module') {
      throw new TypeError("Failed to execute 'importScripts' on 'WorkerGlobalScope': Module scripts don't support importScripts().");
    }
    const resolved = urls.map((url) => {
      const parsed = host.parseUrl(String(url), worker.scriptUrl);
      if (parsed === null) {
        throw domException('SyntaxError', `Failed to execute 'importScripts' on 'WorkerGlobalScope': The URL '${String(url)}' is invalid.`);
      }
      return parsed[0];
    });
    for (const url of resolved) {
      host.importScript(url);
    }
  }
  defineGlobal('importScripts', importScripts);

  // ------------------------------------------------------------------------------ late listeners

  const FUNCTIONAL_EVENTS = new Set(['install', 'activate', 'fetch', 'message', 'messageerror', 'sync', 'push',
    'pushsubscriptionchange', 'notificationclick', 'notificationclose']);
  let evaluated = false;
  internals.beforeAddListener = (target, type, existing) => {
    if (evaluated && target === global && existing === 0 && FUNCTIONAL_EVENTS.has(type)) {
      // Service Workers § "Service Worker Script Evaluation": handlers must be added during the
      // initial evaluation; Chromium warns the same way.
      host.console('WARN', `Event handler of '${type}' event must be added on the initial evaluation of worker script.`);
    }
  };

  // ------------------------------------------------------------------------------ rejections

  let pendingRejections = [];
  // GraalJS calls this after a microtask checkpoint for each promise rejected with no handler.
  Graal.setUnhandledPromiseRejectionHandler((reason, promise) => {
    pendingRejections.push({ promise, reason });
    if (pendingRejections.length === 1) {
      host.rejectionsPending();
    }
  });
  delete global.Graal;

  /** HTML's "notify about rejected promises", run as its own task. */
  function notifyRejectedPromises() {
    const list = pendingRejections;
    pendingRejections = [];
    for (const { promise, reason } of list) {
      const event = eventState.trust(new PromiseRejectionEvent('unhandledrejection', { cancelable: true, promise, reason }));
      let notHandled;
      try {
        notHandled = dispatch(global, event);
      } catch (error) {
        reportException(error);
        notHandled = true;
      }
      if (notHandled) {
        uncaught('Uncaught (in promise) ' + uncaughtText(reason), reason);
      }
    }
  }

  // ------------------------------------------------------------------------------ entry points

  /** Dispatches a trusted extendable event and tells the host when its lifetime promises settle. */
  function dispatchExtendableEvent(type, id) {
    const event = eventState.trust(type === 'install' ? new InstallEvent(type) : new ExtendableEvent(type));
    try {
      dispatch(global, event);
    } finally {
      lifetime.whenSettled(event, (rejected, reason) => {
        host.eventSettled(id, rejected ? internals.describeError(reason) : null);
      });
    }
  }

  /**
   * Makes this realm the global scope of one worker. Realms are prepared ahead of time, before
   * anyone knows which worker they will serve; this binds the worker's own values.
   */
  function bindWorker(scriptUrl, type, timeOrigin, moduleEvaluationKey) {
    worker.scriptUrl = scriptUrl;
    worker.type = type;
    worker.timeOrigin = timeOrigin;
    worker.url = host.parseUrl(scriptUrl, null) ?? [scriptUrl, 'null', '', '', '', '', '', '', '', '', ''];
    const protocol = worker.url[2];
    const hostname = worker.url[6];
    isSecure = protocol === 'https:' || hostname === 'localhost' || hostname.endsWith('.localhost')
      || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]';
    if (type === 'module') {
      // The first module of the graph to run calls this: module loading is over from then on.
      const key = Symbol.for(moduleEvaluationKey);
      Object.defineProperty(global, key, {
        configurable: true,
        value() {
          delete global[key];
          host.lockModuleLoading();
        },
      });
    }
  }

  /** HTML's "online"/"offline" events: the network layer's state changed. */
  function onlineChanged(online) {
    dispatch(global, new Event(online ? 'online' : 'offline'));
  }

  Object.assign(internals, {
    bindWorker,
    onlineChanged,
    dispatchExtendableEvent,
    notifyRejectedPromises,
    dispatchFetchEvent: internals.dispatchFetchEvent,
    dispatchMessageEvent: internals.messaging.dispatchMessageEvent,
    registrationChanged: internals.serviceWorker.registrationChanged,
    pendingExtensions: internals.describePendingExtensions,
    /**
     * The main script's initial evaluation is over: answers the worker's "set of event types to
     * handle", the types the global scope has listeners (or event handlers) for now.
     */
    scriptEvaluated() {
      evaluated = true;
      return internals.listenerTypes(global);
    },
  });
})
