// DOM events for a worker: Event, EventTarget and the dispatch algorithm (for targets without
// parents, which is every target a worker has), event handler attributes, ExtendableEvent and its
// lifetime promises, ErrorEvent, PromiseRejectionEvent, and HTML's "report an exception".
(function (host, internals, config) {
  'use strict';
  const { brand, enumerableMembers, requiredArguments, domException } = internals;

  // Captured before any user script runs, so scripts that patch Promise cannot break lifetimes.
  const promiseResolve = ((resolve, apply) => (value) => apply(resolve, Promise, [value]))(Promise.resolve, Reflect.apply);
  const promiseThen = internals.uncurry(Promise.prototype.then);

  const NONE = 0, CAPTURING_PHASE = 1, AT_TARGET = 2, BUBBLING_PHASE = 3;

  function dictionary(value, what) {
    if (value === undefined || value === null) {
      return {};
    }
    if (typeof value !== 'object' && typeof value !== 'function') {
      throw new TypeError(`${what}: The provided value is not of type '${what.split("'")[1]}Init'.`);
    }
    return value;
  }

  let eventState;

  class Event {
    #type;
    #bubbles;
    #cancelable;
    #composed;
    #timeStamp;
    #target = null;
    #currentTarget = null;
    #phase = NONE;
    #canceled = false;
    #stopPropagation = false;
    #stopImmediatePropagation = false;
    #dispatching = false;
    #inPassiveListener = false;
    #initialized = true;
    #trusted = false;

    constructor(type, eventInitDict = undefined) {
      requiredArguments(arguments.length, 1, "Failed to construct 'Event'");
      const init = dictionary(eventInitDict, "Failed to construct 'Event'");
      this.#type = String(type);
      this.#bubbles = Boolean(init.bubbles);
      this.#cancelable = Boolean(init.cancelable);
      this.#composed = Boolean(init.composed);
      this.#timeStamp = hostNow();
    }

    get type() { return this.#type; }
    get target() { return this.#target; }
    get srcElement() { return this.#target; }
    get currentTarget() { return this.#currentTarget; }
    get eventPhase() { return this.#phase; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get composed() { return this.#composed; }
    get defaultPrevented() { return this.#canceled; }
    get isTrusted() { return this.#trusted; }
    get timeStamp() { return this.#timeStamp; }
    get returnValue() { return !this.#canceled; }
    set returnValue(value) {
      if (!value) {
        this.#cancel();
      }
    }
    get cancelBubble() { return this.#stopPropagation; }
    set cancelBubble(value) {
      if (value) {
        this.#stopPropagation = true;
      }
    }

    composedPath() {
      return this.#dispatching && this.#currentTarget !== null ? [this.#currentTarget] : [];
    }

    stopPropagation() {
      this.#stopPropagation = true;
    }

    stopImmediatePropagation() {
      this.#stopPropagation = true;
      this.#stopImmediatePropagation = true;
    }

    preventDefault() {
      this.#cancel();
    }

    initEvent(type, bubbles = false, cancelable = false) {
      requiredArguments(arguments.length, 1, "Failed to execute 'initEvent' on 'Event'");
      if (this.#dispatching) {
        return;
      }
      this.#initialized = true;
      this.#stopPropagation = false;
      this.#stopImmediatePropagation = false;
      this.#canceled = false;
      this.#trusted = false;
      this.#target = null;
      this.#type = String(type);
      this.#bubbles = Boolean(bubbles);
      this.#cancelable = Boolean(cancelable);
    }

    #cancel() {
      if (this.#cancelable && !this.#inPassiveListener) {
        this.#canceled = true;
      }
    }

    static {
      // The dispatch algorithm below reaches the private state through these.
      eventState = {
        isEvent: (value) => value !== null && typeof value === 'object' && #type in value,
        trust(event) { event.#trusted = true; return event; },
        isTrusted: (event) => event.#trusted,
        type: (event) => event.#type,
        untrust(event) { event.#trusted = false; },
        canDispatch: (event) => !event.#dispatching && event.#initialized,
        begin(event, target) {
          event.#dispatching = true;
          event.#target = target;
          event.#currentTarget = target;
          event.#phase = AT_TARGET;
        },
        end(event) {
          event.#phase = NONE;
          event.#currentTarget = null;
          event.#dispatching = false;
          event.#stopPropagation = false;
          event.#stopImmediatePropagation = false;
        },
        dispatching: (event) => event.#dispatching,
        stoppedImmediately: (event) => event.#stopImmediatePropagation,
        passive(event, passive) { event.#inPassiveListener = passive; },
        canceled: (event) => event.#canceled,
      };
    }
  }
  for (const [name, value] of Object.entries({ NONE, CAPTURING_PHASE, AT_TARGET, BUBBLING_PHASE })) {
    Object.defineProperty(Event, name, { value, enumerable: true });
    Object.defineProperty(Event.prototype, name, { value, enumerable: true });
  }
  enumerableMembers(Event, ['type', 'target', 'srcElement', 'currentTarget', 'eventPhase', 'bubbles',
    'cancelable', 'composed', 'defaultPrevented', 'isTrusted', 'timeStamp', 'returnValue', 'cancelBubble',
    'composedPath', 'stopPropagation', 'stopImmediatePropagation', 'preventDefault', 'initEvent']);
  brand(Event);

  // ------------------------------------------------------------------------------ EventTarget

  /** Each target's listeners: Map of type to an array of listener records, in registration order. */
  const listenersOf = new WeakMap();
  const targets = new WeakSet();

  function listeners(target) {
    let map = listenersOf.get(target);
    if (map === undefined) {
      map = new Map();
      listenersOf.set(target, map);
    }
    return map;
  }

  /** A WebIDL operation's `this`: a global object's operations also work when called bare. */
  function targetOf(thisValue, method) {
    const target = thisValue ?? globalThis;
    if (!targets.has(target)) {
      throw new TypeError(`Failed to execute '${method}' on 'EventTarget': Illegal invocation`);
    }
    return target;
  }

  function flattenOptions(options) {
    if (typeof options === 'boolean' || options === undefined || options === null || typeof options !== 'object') {
      return { capture: Boolean(options), once: false, passive: undefined, signal: null };
    }
    const signal = options.signal;
    if (signal !== undefined && !internals.isAbortSignal?.(signal)) {
      throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': Failed to read the 'signal' property from 'AddEventListenerOptions': Failed to convert value to 'AbortSignal'.");
    }
    return {
      capture: Boolean(options.capture),
      once: Boolean(options.once),
      passive: options.passive === undefined ? undefined : Boolean(options.passive),
      signal: signal ?? null,
    };
  }

  class EventTarget {
    constructor() {
      targets.add(this);
    }

    addEventListener(type, callback, options = undefined) {
      const target = targetOf(this, 'addEventListener');
      requiredArguments(arguments.length, 2, "Failed to execute 'addEventListener' on 'EventTarget'");
      addListener(target, String(type), callback, flattenOptions(options));
    }

    removeEventListener(type, callback, options = undefined) {
      const target = targetOf(this, 'removeEventListener');
      requiredArguments(arguments.length, 2, "Failed to execute 'removeEventListener' on 'EventTarget'");
      const capture = typeof options === 'object' && options !== null ? Boolean(options.capture) : Boolean(options);
      const list = listenersOf.get(target)?.get(String(type));
      if (list === undefined) {
        return;
      }
      const index = list.findIndex((l) => l.callback === callback && l.capture === capture);
      if (index >= 0) {
        removeAt(target, String(type), index);
      }
    }

    dispatchEvent(event) {
      const target = targetOf(this, 'dispatchEvent');
      requiredArguments(arguments.length, 1, "Failed to execute 'dispatchEvent' on 'EventTarget'");
      if (!eventState.isEvent(event)) {
        throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
      }
      if (!eventState.canDispatch(event)) {
        throw domException('InvalidStateError', "Failed to execute 'dispatchEvent' on 'EventTarget': The event is already being dispatched.");
      }
      eventState.untrust(event);
      return dispatch(target, event);
    }
  }
  enumerableMembers(EventTarget, ['addEventListener', 'removeEventListener', 'dispatchEvent']);
  brand(EventTarget);

  /** DOM's "add an event listener". */
  function addListener(target, type, callback, options) {
    if (options.signal !== null && options.signal.aborted) {
      return;
    }
    if (callback === null || callback === undefined) {
      return;
    }
    if (typeof callback !== 'function' && typeof callback !== 'object') {
      throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'Object'.");
    }
    const map = listeners(target);
    let list = map.get(type);
    if (list === undefined) {
      list = [];
      map.set(type, list);
    }
    if (list.some((l) => l.callback === callback && l.capture === options.capture)) {
      return;
    }
    internals.beforeAddListener?.(target, type, list.length);
    const listener = {
      callback, capture: options.capture, once: options.once, passive: options.passive ?? false, removed: false,
    };
    list.push(listener);
    if (options.signal !== null) {
      internals.addAbortAlgorithm(options.signal, () => {
        const current = listenersOf.get(target)?.get(type);
        const index = current ? current.indexOf(listener) : -1;
        if (index >= 0) {
          removeAt(target, type, index);
        }
      });
    }
  }

  function removeAt(target, type, index) {
    const map = listenersOf.get(target);
    const list = map.get(type);
    list[index].removed = true;
    // Copy on write: a dispatch in progress keeps iterating its own snapshot.
    const next = list.slice();
    next.splice(index, 1);
    map.set(type, next);
  }

  /** DOM's "dispatch" for a target with no parent; returns false when the event was canceled. */
  function dispatch(target, event) {
    eventState.begin(event, target);
    try {
      const list = listenersOf.get(target)?.get(event.type);
      if (list !== undefined && list.length > 0) {
        // Capturing listeners run first at the target, then the others (DOM "invoke" twice).
        if (list.some((l) => l.capture)) {
          invoke(target, event, list, true);
          invoke(target, event, list, false);
        } else {
          invoke(target, event, list, null);
        }
      }
    } finally {
      eventState.end(event);
    }
    return !eventState.canceled(event);
  }

  /** DOM's "inner invoke" over a snapshot of the listeners. */
  function invoke(target, event, list, capturePhase) {
    for (let i = 0; i < list.length; i++) {
      const listener = list[i];
      if (listener.removed || (capturePhase !== null && listener.capture !== capturePhase)) {
        continue;
      }
      if (listener.once) {
        const current = listenersOf.get(target).get(event.type);
        const index = current.indexOf(listener);
        if (index >= 0) {
          removeAt(target, event.type, index);
        }
      }
      if (listener.passive) {
        eventState.passive(event, true);
      }
      const outer = invoking;
      const outerAdded = invokingAdded;
      invoking = listener;
      invokingAdded = 0;
      try {
        const callback = listener.callback;
        if (typeof callback === 'function') {
          callback.call(target, event);
        } else {
          const handleEvent = callback.handleEvent;
          if (typeof handleEvent !== 'function') {
            throw new TypeError("The provided callback is neither a function nor has a callable 'handleEvent' property.");
          }
          handleEvent.call(callback, event);
        }
      } catch (error) {
        reportException(error);
      } finally {
        invoking = outer;
        invokingAdded = outerAdded;
        eventState.passive(event, false);
      }
      if (eventState.stoppedImmediately(event)) {
        return;
      }
    }
  }

  // ------------------------------------------------------------------------------ event handlers

  /** Each target's event handlers: Map of handler name to { value, listener }. */
  const handlersOf = new WeakMap();

  /**
   * Defines an event handler IDL attribute (HTML § "event handlers") on `object`: a handler is
   * registered as a listener where it is first set and keeps that place when replaced.
   */
  function defineEventHandler(object, name, onTarget = (self) => self) {
    const type = name.slice(2);
    Object.defineProperty(object, name, {
      configurable: true,
      enumerable: true,
      get() {
        const target = onTarget(this ?? globalThis);
        return handlersOf.get(target)?.get(name)?.value ?? null;
      },
      set(value) {
        const target = onTarget(this ?? globalThis);
        let map = handlersOf.get(target);
        if (map === undefined) {
          map = new Map();
          handlersOf.set(target, map);
        }
        const handler = map.get(name);
        const callable = (typeof value === 'function' || (typeof value === 'object' && value !== null)) ? value : null;
        if (callable === null) {
          if (handler !== undefined) {
            map.delete(name);
            const list = listenersOf.get(target)?.get(type);
            const index = list ? list.findIndex((l) => l.callback === handler.listener) : -1;
            if (index >= 0) {
              removeAt(target, type, index);
            }
          }
          return;
        }
        if (handler !== undefined) {
          handler.value = callable;
          return;
        }
        const entry = { value: callable, listener: null };
        entry.listener = function (event) {
          processEventHandler(target, name, entry.value, event);
        };
        map.set(name, entry);
        addListener(target, type, entry.listener, { capture: false, once: false, passive: undefined, signal: null });
      },
    });
  }

  /** HTML's "the event handler processing algorithm". */
  function processEventHandler(target, name, callback, event) {
    if (typeof callback !== 'function') {
      return;
    }
    if (name === 'onerror' && event instanceof ErrorEvent && target === globalThis) {
      const result = callback.call(target, event.message, event.filename, event.lineno, event.colno, event.error);
      if (result === true) {
        event.preventDefault();
      }
      return;
    }
    const result = callback.call(target, event);
    if (result === false) {
      event.preventDefault();
    }
  }

  // ------------------------------------------------------------------------------ event types

  class ErrorEvent extends Event {
    #message; #filename; #lineno; #colno; #error;

    constructor(type, eventInitDict = undefined) {
      requiredArguments(arguments.length, 1, "Failed to construct 'ErrorEvent'");
      const init = dictionary(eventInitDict, "Failed to construct 'ErrorEvent'");
      super(type, init);
      this.#message = init.message === undefined ? '' : String(init.message);
      this.#filename = init.filename === undefined ? '' : String(init.filename);
      this.#lineno = init.lineno >>> 0;
      this.#colno = init.colno >>> 0;
      this.#error = init.error;
    }

    get message() { return this.#message; }
    get filename() { return this.#filename; }
    get lineno() { return this.#lineno; }
    get colno() { return this.#colno; }
    get error() { return this.#error; }
  }
  enumerableMembers(ErrorEvent, ['message', 'filename', 'lineno', 'colno', 'error']);
  brand(ErrorEvent);

  class PromiseRejectionEvent extends Event {
    #promise; #reason;

    constructor(type, eventInitDict) {
      requiredArguments(arguments.length, 2, "Failed to construct 'PromiseRejectionEvent'");
      const init = dictionary(eventInitDict, "Failed to construct 'PromiseRejectionEvent'");
      if (!('promise' in init)) {
        throw new TypeError("Failed to construct 'PromiseRejectionEvent': required member promise is undefined.");
      }
      super(type, init);
      this.#promise = init.promise;
      this.#reason = init.reason;
    }

    get promise() { return this.#promise; }
    get reason() { return this.#reason; }
  }
  enumerableMembers(PromiseRejectionEvent, ['promise', 'reason']);
  brand(PromiseRejectionEvent);

  let lifetime;

  /**
   * The lifetime promises of trusted events not settled yet: { type, method, where, error, since }
   * (where: the place the method was called, when known; else error, whose stack tells it).
   */
  const pendingExtensions = new Set();
  // Captured now: a script that replaces the global Error must not be called from here.
  const ErrorConstructor = Error;
  const hostNow = host.now;
  /** The listener record whose callback is running now (inner invoke), or null. */
  let invoking = null;
  /** How many lifetime promises the running callback has added so far. */
  let invokingAdded = 0;
  /**
   * Per listener callback: where it added its first, second, ... lifetime promise, the first time
   * it ran. Capturing a stack costs more than the rest of a fetch event together; a listener that
   * runs for every request calls respondWith() (or its n-th waitUntil()) from the same place each
   * time, so each place is captured once and reused while that callback runs (a callback that
   * branches to different call sites is reported at the place of the first run's n-th call).
   */
  const placeByCallback = new WeakMap();

  /** Where a lifetime promise was added: the first frame of its stack outside sw4j's bootstrap. */
  function whereAdded(error) {
    let stack = '';
    try {
      stack = typeof error.stack === 'string' ? error.stack : '';
    } catch (e) {
      // a hostile Error.prepareStackTrace; keep it empty
    }
    let first = null;
    for (const line of stack.split('\n')) {
      const match = /^\s+at (?:.*?\()?(.+?):(\d+):(\d+)\)?$/.exec(line);
      if (match === null) {
        if (first === null && /^\s+at /.test(line)) {
          first = line.trim().slice(3);
        }
        continue;
      }
      if (!match[1].startsWith('sw4j:')) {
        return `${match[1]}:${match[2]}:${match[3]}`;
      }
    }
    return first ?? 'unknown';
  }

  /** [type, method, createdAt, sinceMillis] of each pending lifetime promise, for the host. */
  function describePendingExtensions() {
    const now = host.now();
    const all = [];
    for (const record of pendingExtensions) {
      all.push([record.type, record.method, record.where ?? whereAdded(record.error),
        Math.max(0, Math.round(now - record.since))]);
    }
    return all;
  }

  /**
   * Service Workers' ExtendableEvent. Its lifetime is extended while promises passed to
   * waitUntil() are pending; the event settles when dispatch is over and none is pending.
   */
  class ExtendableEvent extends Event {
    #promises = 0;
    #rejection = undefined;
    #rejected = false;
    #onSettled = null;

    constructor(type, eventInitDict = undefined) {
      requiredArguments(arguments.length, 1, "Failed to construct 'ExtendableEvent'");
      super(type, dictionary(eventInitDict, "Failed to construct 'ExtendableEvent'"));
    }

    /** Service Workers § "waitUntil(f)". */
    waitUntil(f) {
      requiredArguments(arguments.length, 1, "Failed to execute 'waitUntil' on 'ExtendableEvent'");
      if (!eventState.isTrusted(this)) {
        throw domException('InvalidStateError', "Failed to execute 'waitUntil' on 'ExtendableEvent': The event is not trusted (it was not dispatched by the platform).");
      }
      if (this.#promises === 0 && !eventState.dispatching(this)) {
        throw domException('InvalidStateError', "Failed to execute 'waitUntil' on 'ExtendableEvent': The event handler is already finished and no extend lifetime promises are outstanding.");
      }
      this.#addLifetimePromise(promiseResolve(f), 'waitUntil');
    }

    /**
     * Service Workers § "add lifetime promise" (used by waitUntil() and respondWith()). On a
     * trusted event the promise is also recorded, with where it was added, until it settles (see
     * pendingExtensions).
     */
    #addLifetimePromise(promise, method) {
      this.#promises++;
      let record = null;
      if (eventState.isTrusted(this)) {
        record = { type: eventState.type(this), method, where: null, error: null, since: hostNow() };
        const callback = invoking !== null && invokingAdded < 16 && eventState.dispatching(this) ? invoking.callback : null;
        if (callback !== null && isObject(callback)) {
          let places = placeByCallback.get(callback);
          if (places === undefined) {
            places = [];
            placeByCallback.set(callback, places);
          }
          const n = invokingAdded++;
          let place = n < places.length ? places[n] : undefined;
          if (place === undefined || place.method !== method) {
            place = { method, where: whereAdded(new ErrorConstructor()) };
            places[n] = place;
          }
          record.where = place.where;
        } else {
          // The Error captures the caller's stack now; it is formatted only if someone asks.
          record.error = new ErrorConstructor();
        }
        pendingExtensions.add(record);
      }
      const settle = () => {
        if (record !== null) {
          pendingExtensions.delete(record);
        }
        // The spec decrements in a microtask queued on settlement, so a handler can still
        // extend the lifetime from a reaction to the promise.
        internals.queueMicrotask(() => {
          this.#promises--;
          this.#checkSettled();
        });
      };
      promiseThen(promise, settle, (reason) => {
        if (!this.#rejected) {
          this.#rejected = true;
          this.#rejection = reason;
        }
        settle();
      });
    }

    #checkSettled() {
      if (this.#promises === 0 && !eventState.dispatching(this) && this.#onSettled !== null) {
        const onSettled = this.#onSettled;
        this.#onSettled = null;
        onSettled(this.#rejected, this.#rejection);
      }
    }

    static {
      lifetime = {
        /** Service Workers § "add lifetime promise": `promise` (a promise) extends `event`'s lifetime. */
        add(event, promise, method) {
          event.#addLifetimePromise(promise, method);
        },
        /** Calls onSettled(rejected, reason) once the event's lifetime promises have all settled. */
        whenSettled(event, onSettled) {
          event.#onSettled = onSettled;
          event.#checkSettled();
        },
        /** Service Workers' "active": a lifetime promise is pending or the event is being dispatched. */
        isActive(event) {
          return event.#promises > 0 || eventState.dispatching(event);
        },
      };
    }
  }
  enumerableMembers(ExtendableEvent, ['waitUntil']);
  brand(ExtendableEvent);

  // ------------------------------------------------------------------------------ static routing

  const ADD_ROUTES = "Failed to execute 'addRoutes' on 'InstallEvent'";
  const isObject = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function';
  const promiseReject = ((reject, apply) => (reason) => apply(reject, Promise, [reason]))(Promise.reject, Reflect.apply);
  const arrayFrom = Array.from;

  /** Web IDL's sequence<T> conversion of an iterable object. */
  function sequence(value, what) {
    if (!isObject(value) || typeof value[Symbol.iterator] !== 'function') {
      throw new TypeError(`${ADD_ROUTES}: ${what} is not a sequence.`);
    }
    return arrayFrom(value);
  }

  /** Web IDL's ByteString conversion. */
  function byteString(value) {
    const string = `${value}`;
    for (let i = 0; i < string.length; i++) {
      if (string.charCodeAt(i) > 0xFF) {
        throw new TypeError(`${ADD_ROUTES}: requestMethod is not a valid ByteString.`);
      }
    }
    return string;
  }

  /**
   * The RouterCondition dictionary conversion, members read in Web IDL's (lexicographic) order, as
   * the array ServicesBinding reads: [urlPatternKind, urlPattern, requestMethod, requestMode,
   * requestDestination, runningStatus, or, not]; urlPatternKind is null, 'pattern' (a URLPattern's
   * Java handle), 'string' or 'init' (URLPatternInit's nine-item array).
   */
  function routerCondition(value, depth) {
    if (value !== undefined && value !== null && !isObject(value)) {
      throw new TypeError(`${ADD_ROUTES}: The provided value is not of type 'RouterCondition'.`);
    }
    if (depth > 64) {
      throw new TypeError(`${ADD_ROUTES}: router conditions nest too deeply.`);
    }
    const dict = value ?? {};
    const parts = [null, null, null, null, null, null, null, null];
    const not = dict.not;
    if (not !== undefined) {
      parts[7] = routerCondition(not, depth + 1);
    }
    const or = dict.or;
    if (or !== undefined) {
      parts[6] = sequence(or, 'or').map((item) => routerCondition(item, depth + 1));
    }
    const requestDestination = dict.requestDestination;
    if (requestDestination !== undefined) {
      parts[4] = `${requestDestination}`;
    }
    const requestMethod = dict.requestMethod;
    if (requestMethod !== undefined) {
      parts[2] = byteString(requestMethod);
    }
    const requestMode = dict.requestMode;
    if (requestMode !== undefined) {
      parts[3] = `${requestMode}`;
    }
    const runningStatus = dict.runningStatus;
    if (runningStatus !== undefined) {
      parts[5] = `${runningStatus}`;
    }
    const urlPattern = dict.urlPattern;
    if (urlPattern !== undefined) {
      const handle = internals.urlPattern.handleOf(urlPattern);
      if (handle !== null) {
        parts[0] = 'pattern';
        parts[1] = handle;
      } else if (urlPattern === null || isObject(urlPattern)) {
        parts[0] = 'init';
        parts[1] = internals.urlPattern.toInit(urlPattern);
      } else {
        parts[0] = 'string';
        parts[1] = internals.toUSVString(urlPattern);
      }
    }
    return parts;
  }

  const SOURCES = ['cache', 'fetch-event', 'network', 'race-network-and-fetch-handler'];

  /** The RouterRule dictionary conversion: [condition, source, cacheName]; source 'dict' for a RouterSourceDict. */
  function routerRule(value) {
    if (value !== undefined && value !== null && !isObject(value)) {
      throw new TypeError(`${ADD_ROUTES}: The provided value is not of type 'RouterRule'.`);
    }
    const dict = value ?? {};
    const condition = dict.condition;
    if (condition === undefined) {
      throw new TypeError(`${ADD_ROUTES}: Failed to read the 'condition' property from 'RouterRule': Required member is undefined.`);
    }
    const convertedCondition = routerCondition(condition, 0);
    const source = dict.source;
    if (source === undefined) {
      throw new TypeError(`${ADD_ROUTES}: Failed to read the 'source' property from 'RouterRule': Required member is undefined.`);
    }
    if (source === null || isObject(source)) {
      const cacheName = source === null ? undefined : source.cacheName;
      return [convertedCondition, 'dict', cacheName === undefined ? null : `${cacheName}`];
    }
    const name = `${source}`;
    if (!SOURCES.includes(name)) {
      throw new TypeError(`${ADD_ROUTES}: The provided value '${name}' is not a valid enum value of type RouterSourceEnum.`);
    }
    return [convertedCondition, name, null];
  }

  class InstallEvent extends ExtendableEvent {
    constructor(type, eventInitDict = undefined) {
      requiredArguments(arguments.length, 1, "Failed to construct 'InstallEvent'");
      super(type, eventInitDict);
    }

    /** Service Workers § "addRoutes(rules)" (https://w3c.github.io/ServiceWorker/#dom-installevent-addroutes). */
    addRoutes(rules) {
      try {
        if (!(this instanceof InstallEvent)) {
          throw new TypeError('Illegal invocation');
        }
        requiredArguments(arguments.length, 1, ADD_ROUTES);
        // (RouterRule or sequence<RouterRule>): an iterable object is a sequence.
        const list = isObject(rules) && typeof rules[Symbol.iterator] === 'function'
          ? arrayFrom(rules).map(routerRule) : [routerRule(rules)];
        // Verify Router Condition for each rule (TypeError), before the event's state is looked at.
        const verified = host.routesVerify(list);
        if (!eventState.isTrusted(this)) {
          throw domException('InvalidStateError', `${ADD_ROUTES}: The event is not trusted (it was not dispatched by the platform).`);
        }
        if (!lifetime.isActive(this)) {
          throw domException('InvalidStateError', `${ADD_ROUTES}: The install event is no longer active.`);
        }
        let resolveLifetime;
        const lifetimePromise = new Promise((resolve) => { resolveLifetime = resolve; });
        lifetime.add(this, lifetimePromise, 'addRoutes');
        return new Promise((resolve, reject) => {
          host.servicesAddRoutes(verified, () => {
            resolveLifetime();
            resolve(undefined);
          }, (name, message) => {
            resolveLifetime();
            reject(internals.makeError(name, message));
          });
        });
      } catch (e) {
        return promiseReject(e);
      }
    }
  }
  enumerableMembers(InstallEvent, ['addRoutes']);
  brand(InstallEvent);

  // ------------------------------------------------------------------------------ errors

  let reporting = false;

  /** Finds where an error was thrown from its stack's first frame. */
  function locate(error) {
    const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
    for (const line of stack.split('\n')) {
      const match = /^\s+at (?:.*\()?(.+?):(\d+):(\d+)\)?$/.exec(line);
      if (match) {
        return { filename: match[1], lineno: Number(match[2]), colno: Number(match[3]) };
      }
    }
    return { filename: internals.worker.scriptUrl, lineno: 0, colno: 0 };
  }

  /** The text a browser's console shows for an uncaught value, after "Uncaught ". */
  function uncaughtText(error) {
    const [name, message, stack] = internals.describeError(error);
    if (name === '') {
      return message;
    }
    return stack.startsWith(name) ? stack : `${name}: ${message}\n${stack}`;
  }

  /**
   * HTML's "report an exception": fires a cancelable ErrorEvent at the global scope and, unless a
   * listener cancels it, logs it as uncaught and tells the host.
   */
  function reportException(error) {
    let handled = false;
    if (!reporting) {
      reporting = true;
      try {
        const where = locate(error);
        const [name, message] = internals.describeError(error);
        const event = eventState.trust(new ErrorEvent('error', {
          cancelable: true, message: 'Uncaught ' + (name ? (message ? `${name}: ${message}` : name) : message),
          filename: where.filename, lineno: where.lineno, colno: where.colno, error,
        }));
        handled = !dispatch(globalThis, event);
      } finally {
        reporting = false;
      }
    }
    if (!handled) {
      uncaught('Uncaught ' + uncaughtText(error), error);
    }
  }

  /** Logs an uncaught error and tells the host about it. */
  function uncaught(text, error) {
    host.console('ERROR', text);
    host.uncaughtError(internals.describeError(error));
  }

  internals.defineGlobal('Event', Event);
  internals.defineGlobal('EventTarget', EventTarget);
  internals.defineGlobal('ErrorEvent', ErrorEvent);
  internals.defineGlobal('PromiseRejectionEvent', PromiseRejectionEvent);
  internals.defineGlobal('ExtendableEvent', ExtendableEvent);
  internals.defineGlobal('InstallEvent', InstallEvent);

  Object.assign(internals, {
    Event, EventTarget, ErrorEvent, PromiseRejectionEvent, ExtendableEvent, InstallEvent,
    eventState, lifetime, targets, dispatch, defineEventHandler, reportException, uncaught, uncaughtText,
    describePendingExtensions,
    /** The types the target has listeners for now (an event handler attribute is one). */
    listenerTypes(target) {
      const types = [];
      for (const [type, list] of listenersOf.get(target) ?? []) {
        if (list.length > 0) {
          types.push(type);
        }
      }
      return types;
    },
  });
})
