// HTML's timers (setTimeout, setInterval, clearTimeout, clearInterval) and queueMicrotask. The
// host keeps the due times; this side keeps the callbacks and the timer nesting level.
(function (host, internals, config) {
  'use strict';
  const { defineGlobal, reportException } = internals;
  const promiseThen = internals.uncurry(Promise.prototype.then);
  const resolved = Promise.resolve();

  /** Active timers by id: { handler, args, repeat, timeout, nesting, keepsAlive }. */
  const timers = new Map();
  let nextId = 1;
  /** The timer nesting level of the task running now; 0 when it is not a timer task. */
  let currentNesting = 0;

  function toTimeout(value) {
    // WebIDL `long`: ToNumber, then ToInt32; negative means 0.
    const n = Number(value) | 0;
    return n < 0 ? 0 : n;
  }

  /** HTML's "timer initialization steps". */
  function initialize(handler, timeout, args, repeat, keepsAlive, previousId) {
    const id = previousId ?? nextId++;
    let delay = toTimeout(timeout);
    const nesting = currentNesting;
    if (nesting > 5 && delay < 4) {
      delay = 4;
    }
    let timer = timers.get(id);
    if (timer === undefined) {
      timer = { handler, args, repeat, timeout, keepsAlive, nesting: 0 };
      timers.set(id, timer);
    }
    timer.nesting = nesting + 1;
    host.schedule(id, delay, keepsAlive);
    return id;
  }

  /** Runs timer `id`'s task; called by the event loop when it is due. */
  function runTimer(id) {
    const timer = timers.get(id);
    if (timer === undefined) {
      return;
    }
    if (!timer.repeat) {
      timers.delete(id);
    }
    currentNesting = timer.nesting;
    try {
      if (typeof timer.handler === 'function') {
        timer.handler.apply(globalThis, timer.args);
      } else {
        // A string handler is compiled as a classic script, as indirect eval does.
        (0, eval)(timer.handler);
      }
    } catch (error) {
      reportException(error);
    }
    if (timer.repeat && timers.get(id) === timer) {
      initialize(timer.handler, timer.timeout, timer.args, true, timer.keepsAlive, id);
    }
    currentNesting = 0;
  }

  function handlerOf(handler) {
    return typeof handler === 'function' ? handler : String(handler);
  }

  function setTimeout(handler, timeout = 0, ...args) {
    internals.requiredArguments(arguments.length, 1, "Failed to execute 'setTimeout' on 'WorkerGlobalScope'");
    return initialize(handlerOf(handler), timeout, args, false, true);
  }

  function setInterval(handler, timeout = 0, ...args) {
    internals.requiredArguments(arguments.length, 1, "Failed to execute 'setInterval' on 'WorkerGlobalScope'");
    return initialize(handlerOf(handler), timeout, args, true, true);
  }

  function clearTimer(id = 0) {
    const key = Number(id) | 0;
    if (timers.delete(key)) {
      host.cancel(key);
    }
  }

  function clearTimeout(id = 0) {
    clearTimer(id);
  }

  function clearInterval(id = 0) {
    clearTimer(id);
  }

  /** HTML's queueMicrotask: an exception from the callback is reported, not a rejection. */
  function queueMicrotask(callback) {
    internals.requiredArguments(arguments.length, 1, "Failed to execute 'queueMicrotask' on 'WorkerGlobalScope'");
    if (typeof callback !== 'function') {
      throw new TypeError("Failed to execute 'queueMicrotask' on 'WorkerGlobalScope': The callback provided as parameter 1 is not a function.");
    }
    promiseThen(resolved, () => {
      try {
        callback();
      } catch (error) {
        reportException(error);
      }
    });
  }

  defineGlobal('setTimeout', setTimeout);
  defineGlobal('setInterval', setInterval);
  defineGlobal('clearTimeout', clearTimeout);
  defineGlobal('clearInterval', clearInterval);
  defineGlobal('queueMicrotask', queueMicrotask);

  Object.assign(internals, {
    runTimer,
    queueMicrotask,
    /** A timer for platform use; `keepsAlive` false lets the worker go idle while it is pending. */
    setTimer(callback, delay, keepsAlive) {
      return initialize(callback, delay, [], false, keepsAlive);
    },
    clearTimer,
  });
})
