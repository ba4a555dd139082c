// Service Workers' FetchEvent (https://w3c.github.io/ServiceWorker/#fetchevent-interface) and the
// part of Handle Fetch that runs in the worker: creating the event for a request the host hands
// over, dispatching it, and telling the host how it was answered.
(function (host, internals, config) {
  'use strict';
  const {
    defineGlobal, brand, enumerableMembers, requiredArguments, domException, uncurry, describeError,
    ExtendableEvent, Event, eventState, lifetime, dispatch,
  } = internals;
  const {
    Request, Response, requestParts, responseParts, bodyToJava, bodyUnusable, newBody, responseFromJava, KEY,
  } = internals.fetch;
  const { Object, Promise, String, TypeError, AbortController } = globalThis;
  const { fetchEventAnswered, eventSettled, preloadResponseWait } = host;
  const promiseThen = uncurry(Promise.prototype.then);
  const promiseResolve = ((resolve, apply) => (value) => apply(resolve, Promise, [value]))(Promise.resolve, Reflect.apply);
  const stopImmediatePropagation = uncurry(Event.prototype.stopImmediatePropagation);
  const isObject = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function';

  function isRequest(value) {
    try {
      requestParts(value);
      return true;
    } catch (e) {
      return false;
    }
  }

  function isResponse(value) {
    try {
      responseParts(value);
      return true;
    } catch (e) {
      return false;
    }
  }

  /** A short description of a value that is not a Response, for a network error's reason. */
  function describeValue(value) {
    if (value === null) {
      return 'null';
    }
    if (typeof value === 'object' || typeof value === 'function') {
      const tag = Object.prototype.toString.call(value);
      return tag.slice(8, -1);
    }
    return typeof value;
  }

  let fetchEventState;

  /**
   * Service Workers' FetchEvent. For a trusted event the host created, `#answer` is how the host
   * hears of the response: { id, dispatched, outcome, resolveHandled, rejectHandled }.
   */
  class FetchEvent extends ExtendableEvent {
    #request;
    #clientId;
    #resultingClientId;
    #replacesClientId;
    #handled;
    #preloadResponse;
    #respondWithEntered = false;
    #answer = null;

    constructor(type, eventInitDict) {
      const what = "Failed to construct 'FetchEvent'";
      requiredArguments(arguments.length, 2, what);
      if (!isObject(eventInitDict)) {
        throw new TypeError(`${what}: The provided value is not of type 'FetchEventInit'.`);
      }
      super(type, eventInitDict);
      // WebIDL reads a dictionary's own members in lexicographic order, after the inherited ones.
      const init = eventInitDict;
      const clientId = init.clientId;
      const handled = init.handled;
      const preloadResponse = init.preloadResponse;
      const replacesClientId = init.replacesClientId;
      const request = init.request;
      if (request === undefined) {
        throw new TypeError(`${what}: Failed to read the 'request' property from 'FetchEventInit': Required member is undefined.`);
      }
      if (!isRequest(request)) {
        throw new TypeError(`${what}: Failed to read the 'request' property from 'FetchEventInit': Failed to convert value to 'Request'.`);
      }
      const resultingClientId = init.resultingClientId;
      this.#request = request;
      this.#clientId = clientId === undefined ? '' : String(clientId);
      this.#handled = handled === undefined ? new Promise(() => {}) : promiseResolve(handled);
      this.#preloadResponse = promiseResolve(preloadResponse);
      this.#replacesClientId = replacesClientId === undefined ? '' : String(replacesClientId);
      this.#resultingClientId = resultingClientId === undefined ? '' : String(resultingClientId);
    }

    get request() { return this.#request; }
    get clientId() { return this.#clientId; }
    get resultingClientId() { return this.#resultingClientId; }
    get replacesClientId() { return this.#replacesClientId; }
    get handled() { return this.#handled; }
    get preloadResponse() { return this.#preloadResponse; }

    /** Service Workers § "respondWith(r)". */
    respondWith(r) {
      const what = "Failed to execute 'respondWith' on 'FetchEvent'";
      if (!isObject(this) || !(#respondWithEntered in this)) {
        throw new TypeError(`${what}: Illegal invocation`);
      }
      requiredArguments(arguments.length, 1, what);
      if (!eventState.dispatching(this)) {
        throw domException('InvalidStateError', `${what}: The event handler is already finished.`);
      }
      if (this.#respondWithEntered) {
        throw domException('InvalidStateError', `${what}: The event has already been responded to.`);
      }
      const promise = promiseResolve(r);
      lifetime.add(this, promise, 'respondWith');
      // Sets the stop propagation and stop immediate propagation flags.
      stopImmediatePropagation(this);
      this.#respondWithEntered = true;
      const answer = this.#answer;
      promiseThen(promise, (response) => {
        if (answer === null) {
          return; // an event a script made: nobody waits for its response
        }
        let outcome;
        if (!isResponse(response)) {
          outcome = { error: `respondWith() was given an object that is not a Response (${describeValue(response)})` };
        } else {
          const { response: javaResponse, body } = responseParts(response);
          if (body !== null && bodyUnusable(body)) {
            outcome = { error: 'the Response given to respondWith() has a body that is disturbed or locked' };
          } else {
            // The body now belongs to the host: it streams from here as the host reads it.
            outcome = { response: javaResponse, source: bodyToJava(body) };
          }
        }
        settled(answer, outcome);
      }, (reason) => {
        if (answer === null) {
          return;
        }
        const [name, message] = describeError(reason);
        settled(answer, { error: `the promise passed to respondWith() rejected: ${name ? `${name}: ${message}` : message}` });
      });
    }

    static {
      fetchEventState = {
        attach(event, answer) { event.#answer = answer; },
        respondWithEntered: (event) => event.#respondWithEntered,
      };
    }
  }
  enumerableMembers(FetchEvent, ['request', 'clientId', 'resultingClientId', 'replacesClientId', 'handled',
    'preloadResponse', 'respondWith']);
  brand(FetchEvent);

  /** respondWith()'s promise settled: the answer goes to the host once dispatch is over too. */
  function settled(answer, outcome) {
    answer.outcome = outcome;
    if (answer.dispatched) {
      deliver(answer, outcome);
    }
  }

  /**
   * The end of Handle Fetch: the host gets the response or the network error, and the event's
   * handled promise settles — resolved when a response is handed over (or the request falls back
   * to the network), rejected with a "NetworkError" DOMException when the result is a network error.
   */
  function deliver(answer, outcome) {
    if (outcome.error !== undefined) {
      host.console('WARN', `The FetchEvent for "${answer.url}" resulted in a network error response: ${outcome.error}`);
      fetchEventAnswered(answer.id, null, null, outcome.error);
      answer.rejectHandled(domException('NetworkError', outcome.error));
    } else if (outcome.response !== undefined) {
      fetchEventAnswered(answer.id, outcome.response, outcome.source, null);
      answer.resolveHandled(undefined);
    } else {
      fetchEventAnswered(answer.id, null, null, null);
      answer.resolveHandled(undefined);
    }
  }

  /**
   * Service Workers § Handle Fetch, the task that fires the event: a trusted FetchEvent for the
   * host's request (its headers immutable, its body streaming from the host, a fresh signal), then
   * the answer (see deliver), and eventSettled(id) once every lifetime promise has settled.
   */
  function dispatchFetchEvent(id, javaRequest, headers, source, length, url, clientId, resultingClientId,
    replacesClientId, preload) {
    const body = source === null ? null : newBody(null, source, null, length);
    const request = new Request(KEY, javaRequest, headers, body, new AbortController().signal);
    let resolveHandled;
    let rejectHandled;
    const handled = new Promise((resolve, reject) => {
      resolveHandled = resolve;
      rejectHandled = reject;
    });
    // A network error is already reported; a script that does not look at `handled` is not told again.
    promiseThen(handled, undefined, () => {});
    const event = eventState.trust(new FetchEvent('fetch', {
      __proto__: null, cancelable: true, request, clientId, resultingClientId, replacesClientId, handled,
      preloadResponse: preload === null ? undefined : preloadResponse(preload),
    }));
    const answer = { id, url, dispatched: false, outcome: null, resolveHandled, rejectHandled };
    fetchEventState.attach(event, answer);
    try {
      dispatch(globalThis, event);
    } finally {
      answer.dispatched = true;
      if (!fetchEventState.respondWithEntered(event)) {
        deliver(answer, eventState.canceled(event) ? { error: 'the fetch event was canceled' } : {});
      } else if (answer.outcome !== null) {
        deliver(answer, answer.outcome);
      }
      lifetime.whenSettled(event, (rejected, reason) => {
        eventSettled(id, rejected ? describeError(reason) : null);
      });
    }
  }

  /**
   * Handle Fetch's preload steps, the worker's part: a promise for a Response over the navigation
   * preload's response, rejected with a TypeError when the preload failed. A preload the script
   * never waited for is no unhandled rejection (its fetch is cancelled when the event ends).
   */
  function preloadResponse(preload) {
    const promise = new Promise((resolve, reject) => {
      preloadResponseWait(preload, (response, headers, body, length) => {
        resolve(responseFromJava(response, headers, body, length));
      }, (name, message) => reject(internals.makeError(name, message)));
    });
    promiseThen(promise, undefined, () => {});
    return promise;
  }

  /**
   * Runs the fetch event's path once in this realm, on a private target, while the realm is being
   * prepared: what a realm makes lazily on first use (built-ins, shapes, the bootstrap's own
   * structures) is then made before a worker's first event needs it. Nothing observable remains.
   */
  function warmUp(javaRequest, headers) {
    const target = new globalThis.EventTarget();
    target.addEventListener('fetch', (event) => {
      void event.request.url;
      void event.request.headers.get('accept');
      event.respondWith(promiseResolve(new Response(new Uint8Array(8), { headers: { 'content-type': 'text/plain' } })));
      event.waitUntil(promiseResolve(undefined));
    });
    const request = new Request(KEY, javaRequest, headers, null, new AbortController().signal);
    const event = eventState.trust(new FetchEvent('fetch', {
      __proto__: null, cancelable: true, request, clientId: '', resultingClientId: '', replacesClientId: '',
      handled: promiseResolve(undefined), preloadResponse: undefined,
    }));
    dispatch(target, event);
    promiseThen(new Response('warm').arrayBuffer(), () => {}, () => {});
    void new globalThis.URL('https://warm.invalid/a?b#c').pathname;
  }

  defineGlobal('FetchEvent', FetchEvent);
  Object.assign(internals, { FetchEvent, dispatchFetchEvent, warmUp });
})
