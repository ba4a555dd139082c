// What a service worker sees of its registration and its clients
// (https://w3c.github.io/ServiceWorker/): ServiceWorkerRegistration, ServiceWorker, Clients,
// Client, WindowClient, and skipWaiting(). The platform's answers come from the host's
// WorkerServices; each call is a host operation answering with onDone(result) or
// onError(name, message).
(function (host, internals, config) {
  'use strict';
  const {
    defineGlobal, brand, enumerableMembers, requiredArguments, illegalConstructor, makeError, EventTarget,
    eventState, dispatch, defineEventHandler, reportException,
  } = internals;
  const { Map, Object, Promise, String, TypeError, Symbol } = globalThis;
  const {
    servicesRegistration, servicesSelf, servicesSkipWaiting, servicesClaim, servicesGetClient, servicesMatchAll,
    servicesUpdate, servicesUnregister, clientPostMessage, workerPostMessage,
  } = host;
  const {
    servicesNavigationPreloadEnable, servicesNavigationPreloadSetHeaderValue, servicesNavigationPreloadGetState,
    servicesFocus, servicesNavigate, servicesOpenWindow,
  } = host;
  const KEY = Symbol('construct');
  const promiseThen = internals.uncurry(Promise.prototype.then);
  const objectFreeze = Object.freeze;
  const isObject = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function';

  /** A promise for a host operation's answer. */
  function hostCall(operation, ...args) {
    return new Promise((resolve, reject) => {
      operation(...args, resolve, (name, message) => reject(makeError(name, message)));
    });
  }

  /** Runs `steps` (which return a promise) so that what they throw rejects instead, as WebIDL says. */
  function promiseSteps(steps) {
    try {
      return steps();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  // ------------------------------------------------------------------------------ ServiceWorker

  /** Each ServiceWorker object of this realm, by the worker's id (§ "get the service worker object"). */
  const workerObjects = new Map();
  let serviceWorkerState;

  /** Service Workers' ServiceWorker: a worker's script URL and lifecycle state, as this realm saw it last. */
  class ServiceWorker extends EventTarget {
    #scriptURL;
    #state;

    constructor(key, scriptURL, state) {
      if (key !== KEY) {
        illegalConstructor();
      }
      super();
      this.#scriptURL = scriptURL;
      this.#state = state;
    }

    static #of(value, what) {
      if (!isObject(value) || !(#state in value)) {
        throw new TypeError(`Failed to read the '${what}' property from 'ServiceWorker': Illegal invocation`);
      }
      return value;
    }

    get scriptURL() { return ServiceWorker.#of(this, 'scriptURL').#scriptURL; }
    get state() { return ServiceWorker.#of(this, 'state').#state; }

    /** § ServiceWorker postMessage(message, transfer | options), from this worker. */
    postMessage(message, options = undefined) {
      const what = "Failed to execute 'postMessage' on 'ServiceWorker'";
      const worker = ServiceWorker.#of(this, 'postMessage');
      requiredArguments(arguments.length, 1, what);
      const record = internals.messaging.serializeForPost(message, options, what);
      // A redundant worker cannot run (Run Service Worker fails): the message goes nowhere.
      if (worker.#state !== 'redundant') {
        workerPostMessage(workerIds.get(worker), record);
      }
    }

    static {
      serviceWorkerState = {
        get: (worker) => worker.#state,
        set(worker, state) { worker.#state = state; },
      };
    }
  }
  enumerableMembers(ServiceWorker, ['scriptURL', 'state', 'postMessage']);
  const workerIds = new WeakMap();
  defineEventHandler(ServiceWorker.prototype, 'onstatechange');
  defineEventHandler(ServiceWorker.prototype, 'onerror');
  brand(ServiceWorker);

  /** § "get the service worker object": the one object of this realm for [id, scriptURL, state], or null. */
  function workerObject(info) {
    if (info === null) {
      return null;
    }
    const [id, scriptURL, state] = info;
    let worker = workerObjects.get(id);
    if (worker === undefined) {
      worker = new ServiceWorker(KEY, scriptURL, state);
      workerObjects.set(id, worker);
      workerIds.set(worker, id);
    }
    return worker;
  }

  // ------------------------------------------------------------------------------ NavigationPreloadManager

  /**
   * Service Workers' NavigationPreloadManager, the registration's: its state lives with the
   * registration in the engine (stored, and the same for every worker of the registration).
   */
  class NavigationPreloadManager {
    constructor(key) {
      if (key !== KEY) {
        illegalConstructor();
      }
    }

    static #check(value, what) {
      if (value !== navigationPreloadManager) {
        throw new TypeError(`Failed to execute '${what}' on 'NavigationPreloadManager': Illegal invocation`);
      }
    }

    /** § enable(): InvalidStateError when the registration has no active worker. */
    enable() {
      return promiseSteps(() => {
        NavigationPreloadManager.#check(this, 'enable');
        return promiseThen(hostCall(servicesNavigationPreloadEnable, true), () => undefined);
      });
    }

    /** § disable(): InvalidStateError when the registration has no active worker. */
    disable() {
      return promiseSteps(() => {
        NavigationPreloadManager.#check(this, 'disable');
        return promiseThen(hostCall(servicesNavigationPreloadEnable, false), () => undefined);
      });
    }

    /** § setHeaderValue(value): TypeError for a value that is not a header value. */
    setHeaderValue(value) {
      const length = arguments.length;
      return promiseSteps(() => {
        NavigationPreloadManager.#check(this, 'setHeaderValue');
        const what = "Failed to execute 'setHeaderValue' on 'NavigationPreloadManager'";
        requiredArguments(length, 1, what);
        const string = String(value);
        for (let i = 0; i < string.length; i++) {
          if (string.charCodeAt(i) > 0xFF) {
            throw new TypeError(`${what}: Value is not a valid ByteString.`);
          }
        }
        return promiseThen(hostCall(servicesNavigationPreloadSetHeaderValue, string), () => undefined);
      });
    }

    /** § getState(): a new NavigationPreloadState dictionary { enabled, headerValue }. */
    getState() {
      return promiseSteps(() => {
        NavigationPreloadManager.#check(this, 'getState');
        return promiseThen(hostCall(servicesNavigationPreloadGetState),
          ([enabled, headerValue]) => ({ enabled, headerValue }));
      });
    }
  }
  enumerableMembers(NavigationPreloadManager, ['enable', 'disable', 'setHeaderValue', 'getState']);
  brand(NavigationPreloadManager);
  const navigationPreloadManager = new NavigationPreloadManager(KEY);

  // ------------------------------------------------------------------------------ ServiceWorkerRegistration

  let registrationSlots;

  /** Service Workers' ServiceWorkerRegistration, the one of this worker's containing registration. */
  class ServiceWorkerRegistration extends EventTarget {
    #scope;
    #updateViaCache;
    #installing = null;
    #waiting = null;
    #active = null;

    constructor(key) {
      if (key !== KEY) {
        illegalConstructor();
      }
      super();
    }

    static #of(value, what) {
      if (!isObject(value) || !(#scope in value)) {
        throw new TypeError(`Failed to read the '${what}' property from 'ServiceWorkerRegistration': Illegal invocation`);
      }
      return value;
    }

    get installing() { return ServiceWorkerRegistration.#of(this, 'installing').#installing; }
    get waiting() { return ServiceWorkerRegistration.#of(this, 'waiting').#waiting; }
    get active() { return ServiceWorkerRegistration.#of(this, 'active').#active; }
    get scope() { return ServiceWorkerRegistration.#of(this, 'scope').#scope; }
    get updateViaCache() { return ServiceWorkerRegistration.#of(this, 'updateViaCache').#updateViaCache; }
    get navigationPreload() {
      ServiceWorkerRegistration.#of(this, 'navigationPreload');
      return navigationPreloadManager;
    }

    /** § ServiceWorkerRegistration update(): the host's update job; resolves with this registration. */
    update() {
      return promiseSteps(() => {
        const registration = ServiceWorkerRegistration.#of(this, 'update');
        return promiseThen(hostCall(servicesUpdate), () => registration);
      });
    }

    /** § ServiceWorkerRegistration unregister(). */
    unregister() {
      return promiseSteps(() => {
        ServiceWorkerRegistration.#of(this, 'unregister');
        return hostCall(servicesUnregister);
      });
    }

    static {
      registrationSlots = {
        /** Takes the values of [scope, updateViaCache, installing, waiting, active] (§ Update Registration State). */
        set(registration, [scope, updateViaCache, installing, waiting, active]) {
          registration.#scope = scope;
          registration.#updateViaCache = updateViaCache;
          registration.#installing = workerObject(installing);
          registration.#waiting = workerObject(waiting);
          registration.#active = workerObject(active);
        },
      };
    }
  }
  enumerableMembers(ServiceWorkerRegistration, ['installing', 'waiting', 'active', 'scope', 'updateViaCache',
    'update', 'unregister']);
  enumerableMembers(ServiceWorkerRegistration, ['navigationPreload']);
  defineEventHandler(ServiceWorkerRegistration.prototype, 'onupdatefound');
  brand(ServiceWorkerRegistration);

  /** The realm's registration object, made when first asked for. */
  let registration = null;

  function registrationObject() {
    if (registration === null) {
      registration = new ServiceWorkerRegistration(KEY);
      registrationSlots.set(registration, servicesRegistration());
    }
    return registration;
  }

  function serviceWorkerObject() {
    return workerObject(servicesSelf());
  }

  /**
   * The registration changed ([scope, updateViaCache, installing, waiting, active]): every
   * ServiceWorker object takes its new state (§ Update Worker State) — a worker that left every
   * slot became redundant — the registration takes the new slots (§ Update Registration State),
   * then each object whose state changed fires statechange and, when `updateFound`, the
   * registration fires updatefound.
   */
  function registrationChanged(info, updateFound) {
    const [, , installing, waiting, active] = info;
    const present = new Map();
    for (const worker of [installing, waiting, active]) {
      if (worker !== null) {
        present.set(worker[0], worker[2]);
      }
    }
    const changed = [];
    for (const [id, worker] of workerObjects) {
      const before = serviceWorkerState.get(worker);
      const after = present.has(id) ? present.get(id) : 'redundant';
      if (before !== after && before !== 'redundant') {
        serviceWorkerState.set(worker, after);
        changed.push(worker);
      }
    }
    if (registration !== null) {
      registrationSlots.set(registration, info);
    }
    for (const worker of changed) {
      fire(worker, 'statechange');
    }
    if (updateFound && registration !== null) {
      fire(registration, 'updatefound');
    }
  }

  function fire(target, type) {
    try {
      dispatch(target, eventState.trust(new internals.Event(type)));
    } catch (error) {
      reportException(error);
    }
  }

  // ------------------------------------------------------------------------------ Client

  /** Service Workers' Client: a snapshot of one client, taken when the worker asked. */
  class Client {
    #id;
    #url;
    #type;
    #frameType;

    constructor(key, info) {
      if (key !== KEY) {
        illegalConstructor();
      }
      const [id, url, type, frameType] = info;
      this.#id = id;
      this.#url = url;
      this.#type = type;
      this.#frameType = frameType;
    }

    static #of(value, what) {
      if (!isObject(value) || !(#id in value)) {
        throw new TypeError(`Failed to read the '${what}' property from 'Client': Illegal invocation`);
      }
      return value;
    }

    get url() { return Client.#of(this, 'url').#url; }
    get frameType() { return Client.#of(this, 'frameType').#frameType; }
    get id() { return Client.#of(this, 'id').#id; }
    get type() { return Client.#of(this, 'type').#type; }

    /** § Client postMessage(message, transfer | options): to the client's message queue. */
    postMessage(message, options = undefined) {
      const what = "Failed to execute 'postMessage' on 'Client'";
      const client = Client.#of(this, 'postMessage');
      requiredArguments(arguments.length, 1, what);
      clientPostMessage(client.#id, internals.messaging.serializeForPost(message, options, what));
    }
  }
  enumerableMembers(Client, ['url', 'frameType', 'id', 'type', 'postMessage']);
  brand(Client);

  /** Service Workers' WindowClient: a window's client, with its visibility and focus when asked. */
  class WindowClient extends Client {
    #visibilityState;
    #focused;
    #ancestorOrigins = objectFreeze([]);

    constructor(key, info) {
      if (key !== KEY) {
        illegalConstructor();
      }
      super(key, info);
      this.#visibilityState = info[4];
      this.#focused = info[5];
    }

    static #of(value, what) {
      if (!isObject(value) || !(#focused in value)) {
        throw new TypeError(`Failed to read the '${what}' property from 'WindowClient': Illegal invocation`);
      }
      return value;
    }

    get visibilityState() { return WindowClient.#of(this, 'visibilityState').#visibilityState; }
    get focused() { return WindowClient.#of(this, 'focused').#focused; }
    get ancestorOrigins() { return WindowClient.#of(this, 'ancestorOrigins').#ancestorOrigins; }

    /** § focus(): InvalidAccessError unless window interaction is allowed; resolves with the focused client. */
    focus() {
      return promiseSteps(() => {
        const client = WindowClient.#of(this, 'focus');
        return promiseThen(hostCall(servicesFocus, client.id), (info) => clientObject(info));
      });
    }

    /** § navigate(url): a navigation through the worker; resolves with the new client, or null when cross-origin. */
    navigate(url) {
      const length = arguments.length;
      return promiseSteps(() => {
        const client = WindowClient.#of(this, 'navigate');
        requiredArguments(length, 1, "Failed to execute 'navigate' on 'WindowClient'");
        return promiseThen(hostCall(servicesNavigate, client.id, internals.toUSVString(url)),
          (info) => (info === null ? null : clientObject(info)));
      });
    }
  }
  enumerableMembers(WindowClient, ['visibilityState', 'focused', 'ancestorOrigins']);
  enumerableMembers(WindowClient, ['focus', 'navigate']);
  brand(WindowClient);

  /** A Client object for [id, url, type, frameType, visibilityState, focused]. */
  function clientObject(info) {
    return info[2] === 'window' ? new WindowClient(KEY, info) : new Client(KEY, info);
  }

  // ------------------------------------------------------------------------------ Clients

  /** Service Workers' Clients: the worker's view of its clients. */
  class Clients {
    constructor(key) {
      if (key !== KEY) {
        illegalConstructor();
      }
    }

    static #check(value, what) {
      if (value !== clients) {
        throw new TypeError(`Failed to execute '${what}' on 'Clients': Illegal invocation`);
      }
    }

    /** § Clients get(id): the client with that id, or undefined. */
    get(id) {
      const length = arguments.length;
      return promiseSteps(() => {
        Clients.#check(this, 'get');
        requiredArguments(length, 1, "Failed to execute 'get' on 'Clients'");
        return promiseThen(hostCall(servicesGetClient, String(id)), (info) => (info === null ? undefined : clientObject(info)));
      });
    }

    /** § Clients matchAll(options), with ClientQueryOptions { includeUncontrolled = false, type = "window" }. */
    matchAll(options = undefined) {
      return promiseSteps(() => {
        Clients.#check(this, 'matchAll');
        const what = "Failed to execute 'matchAll' on 'Clients'";
        let includeUncontrolled = false;
        let type = 'window';
        if (options !== undefined && options !== null) {
          if (!isObject(options)) {
            throw new TypeError(`${what}: The provided value is not of type 'ClientQueryOptions'.`);
          }
          includeUncontrolled = Boolean(options.includeUncontrolled);
          const typeValue = options.type;
          if (typeValue !== undefined) {
            type = String(typeValue);
            if (type !== 'window' && type !== 'worker' && type !== 'sharedworker' && type !== 'all') {
              throw new TypeError(`${what}: Failed to read the 'type' property from 'ClientQueryOptions': The provided value '${type}' is not a valid enum value of type ClientType.`);
            }
          }
        }
        return promiseThen(hostCall(servicesMatchAll, includeUncontrolled, type), (list) => {
          const all = [];
          for (let i = 0; i < list.length; i++) {
            all.push(clientObject(list[i]));
          }
          return all;
        });
      });
    }

    /** § Clients openWindow(url): the embedder opens a window; resolves with its client, or null when cross-origin. */
    openWindow(url) {
      const length = arguments.length;
      return promiseSteps(() => {
        Clients.#check(this, 'openWindow');
        requiredArguments(length, 1, "Failed to execute 'openWindow' on 'Clients'");
        return promiseThen(hostCall(servicesOpenWindow, internals.toUSVString(url)),
          (info) => (info === null ? null : clientObject(info)));
      });
    }

    /** § Clients claim(). */
    claim() {
      return promiseSteps(() => {
        Clients.#check(this, 'claim');
        return promiseThen(hostCall(servicesClaim), () => undefined);
      });
    }
  }
  enumerableMembers(Clients, ['get', 'matchAll', 'claim']);
  enumerableMembers(Clients, ['openWindow']);
  brand(Clients);
  const clients = new Clients(KEY);

  /** § ServiceWorkerGlobalScope skipWaiting(). */
  function skipWaiting() {
    return promiseThen(hostCall(servicesSkipWaiting), () => undefined);
  }

  defineGlobal('ServiceWorkerRegistration', ServiceWorkerRegistration);
  defineGlobal('ServiceWorker', ServiceWorker);
  defineGlobal('Clients', Clients);
  defineGlobal('Client', Client);
  defineGlobal('WindowClient', WindowClient);
  defineGlobal('NavigationPreloadManager', NavigationPreloadManager);

  internals.serviceWorker = {
    clients, skipWaiting, registrationChanged, clientObject, workerObject,
    registration: registrationObject,
    serviceWorker: serviceWorkerObject,
  };
})
