// DOM's AbortController and AbortSignal, including AbortSignal.timeout() and AbortSignal.any().
(function (host, internals, config) {
  'use strict';
  const { brand, enumerableMembers, requiredArguments, domException, EventTarget, Event, eventState, dispatch } = internals;

  let signalState;

  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    #algorithms = new Set();
    #dependent = false;
    #sources = [];
    #dependents = [];

    constructor(key) {
      if (key !== constructionKey) {
        throw new TypeError("Failed to construct 'AbortSignal': Illegal constructor");
      }
      super();
    }

    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }

    throwIfAborted() {
      if (this.#aborted) {
        throw this.#reason;
      }
    }

    static abort(reason = undefined) {
      const signal = new AbortSignal(constructionKey);
      signal.#aborted = true;
      signal.#reason = reason !== undefined ? reason : domException('AbortError', 'signal is aborted without reason');
      return signal;
    }

    static timeout(milliseconds) {
      requiredArguments(arguments.length, 1, "Failed to execute 'timeout' on 'AbortSignal'");
      const ms = Number(milliseconds);
      if (!Number.isFinite(ms) || ms < 0 || ms > Number.MAX_SAFE_INTEGER) {
        throw new TypeError("Failed to execute 'timeout' on 'AbortSignal': Value is outside the 'unsigned long long' value range.");
      }
      const signal = new AbortSignal(constructionKey);
      // A pending timeout does not keep the worker busy, as in browsers (and Deno's unref'd timer).
      internals.setTimer(() => {
        signalAbort(signal, domException('TimeoutError', 'signal timed out'));
      }, Math.trunc(ms), false);
      return signal;
    }

    /** DOM's "create a dependent abort signal". */
    static any(signals) {
      requiredArguments(arguments.length, 1, "Failed to execute 'any' on 'AbortSignal'");
      const list = [...signals];
      for (const s of list) {
        if (!isAbortSignal(s)) {
          throw new TypeError("Failed to execute 'any' on 'AbortSignal': Failed to convert value to 'AbortSignal'.");
        }
      }
      const result = new AbortSignal(constructionKey);
      for (const s of list) {
        if (s.#aborted) {
          result.#aborted = true;
          result.#reason = s.#reason;
          return result;
        }
      }
      result.#dependent = true;
      for (const s of list) {
        const sources = s.#dependent ? s.#sources : [s];
        for (const source of sources) {
          if (!result.#sources.includes(source)) {
            result.#sources.push(source);
            source.#dependents.push(result);
          }
        }
      }
      return result;
    }

    static {
      signalState = {
        isAbortSignal: (value) => value !== null && typeof value === 'object' && #aborted in value,
        /** DOM's "signal abort". */
        abort(signal, reason) {
          if (signal.#aborted) {
            return;
          }
          signal.#aborted = true;
          signal.#reason = reason !== undefined ? reason : domException('AbortError', 'signal is aborted without reason');
          const toAbort = [];
          for (const dependent of signal.#dependents) {
            if (!dependent.#aborted) {
              dependent.#aborted = true;
              dependent.#reason = signal.#reason;
              toAbort.push(dependent);
            }
          }
          runAbortSteps(signal);
          toAbort.forEach(runAbortSteps);
        },
        addAlgorithm(signal, algorithm) {
          if (!signal.#aborted) {
            signal.#algorithms.add(algorithm);
          }
        },
        removeAlgorithm(signal, algorithm) {
          signal.#algorithms.delete(algorithm);
        },
        runSteps(signal) {
          const algorithms = [...signal.#algorithms];
          signal.#algorithms.clear();
          for (const algorithm of algorithms) {
            algorithm();
          }
          dispatch(signal, eventState.trust(new Event('abort')));
        },
      };
    }
  }
  const constructionKey = Symbol('AbortSignal');
  const isAbortSignal = signalState.isAbortSignal;
  const signalAbort = signalState.abort;
  const runAbortSteps = signalState.runSteps;
  enumerableMembers(AbortSignal, ['aborted', 'reason', 'throwIfAborted']);
  brand(AbortSignal);
  internals.defineEventHandler(AbortSignal.prototype, 'onabort');

  class AbortController {
    #signal = new AbortSignal(constructionKey);

    get signal() { return this.#signal; }

    abort(reason = undefined) {
      signalAbort(this.#signal, reason);
    }
  }
  enumerableMembers(AbortController, ['signal', 'abort']);
  brand(AbortController);

  internals.defineGlobal('AbortSignal', AbortSignal);
  internals.defineGlobal('AbortController', AbortController);
  Object.assign(internals, {
    AbortSignal, isAbortSignal, signalAbort,
    addAbortAlgorithm: signalState.addAlgorithm,
    removeAbortAlgorithm: signalState.removeAlgorithm,
  });
})
