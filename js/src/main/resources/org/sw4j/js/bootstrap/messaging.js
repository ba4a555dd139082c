// HTML's cross-context messaging in a worker: MessageEvent, Service Workers' ExtendableMessageEvent,
// channel messaging (MessageChannel, MessagePort) and BroadcastChannel, and the task that fires a
// message posted to the service worker itself.
//
// A MessagePort object holds one end of a channel, a Java MessagePortEndpoint (host object): the
// port message queue lives there, so that a port keeps its entanglement wherever it is
// transferred (another worker, or the embedder's Java). Messages cross the host as serialized
// records (structured-clone.js) in a "host form": the record with undefined, bigints and bytes
// spelled out as { $: 'undefined' }, { $: 'bigint', value } and { $: 'bytes', data, max? }
// (data an ArrayBuffer toward Java, packed bytes from Java), and a port's end as
// { $: 'host', value } from Java. Delivered messages arrive as Java SerializedMessage handles,
// turned into a host form only when their task runs (a port transferred meanwhile hands them back).
(function (host, internals, config) {
  'use strict';
  const {
    defineGlobal, brand, enumerableMembers, requiredArguments, illegalConstructor, domException, kindOf,
    EventTarget, Event, ExtendableEvent, eventState, lifetime, dispatch, defineEventHandler, reportException,
    structuredSerialize, structuredDeserialize, registerTransferable, transferListOf,
  } = internals;
  const { ArrayBuffer, BigInt, Object, String, Symbol, TypeError, Uint8Array } = globalThis;
  const { isArray } = Array;
  const objectFreeze = Object.freeze;
  const objectKeys = Object.keys;
  const {
    messageChannel, portBind, portUnbind, portEnable, portClose, portPost, portRequeue, messageRecord,
    broadcastOpen, broadcastPost, broadcastClose,
  } = host;
  const KEY = Symbol('construct');
  const isObject = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function';

  // ------------------------------------------------------------------------------ host form

  const UNDEFINED = objectFreeze({ $: 'undefined' });

  /** A serialized record in host form, for Java (MessageRecords.fromHost). */
  function toHost(record) {
    return {
      root: toHostValue(record.root),
      transfers: record.transfers.map((node) => (node.type === 'ArrayBuffer' ? toHostValue(node) : node)),
    };
  }

  function toHostValue(value) {
    if (value === undefined) {
      return UNDEFINED;
    }
    if (typeof value === 'bigint') {
      return { $: 'bigint', value: `${value}` };
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    if (isArray(value)) {
      return value.map(toHostValue);
    }
    if (kindOf(value) === 'ArrayBuffer') {
      return { $: 'bytes', data: value };
    }
    const copy = {};
    for (const key of objectKeys(value)) {
      copy[key] = toHostValue(value[key]);
    }
    return copy;
  }

  /** A serialized record from Java's host form (MessageRecords.toHost). */
  function fromHost(value) {
    if (value === null || typeof value !== 'object') {
      return value;
    }
    if (isArray(value)) {
      const copy = [];
      for (let i = 0; i < value.length; i++) {
        copy[i] = fromHost(value[i]);
      }
      return copy;
    }
    switch (value.$) {
      case 'undefined':
        return undefined;
      case 'bigint':
        return BigInt(value.value);
      case 'host':
        return value.value;
      case 'bytes':
        return bufferOf(internals.fetch.unpackBytes(value.data), value.max);
      default: {
        const copy = {};
        for (const key of objectKeys(value)) {
          copy[key] = fromHost(value[key]);
        }
        return copy;
      }
    }
  }

  /** An ArrayBuffer of exactly these bytes (resizable up to `max` when given). */
  function bufferOf(bytes, max) {
    if ((max === undefined || max === null) && bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength) {
      return bytes.buffer;
    }
    const buffer = max === undefined || max === null ? new ArrayBuffer(bytes.byteLength)
      : new ArrayBuffer(bytes.byteLength, { maxByteLength: max });
    new Uint8Array(buffer).set(bytes);
    return buffer;
  }

  /** The ports a deserialization made, in transfer order, while one runs. */
  let received = null;

  /**
   * StructuredDeserializeWithTransfer of a delivered message (a Java SerializedMessage):
   * { data, ports } with ports a frozen array, as MessageEvent's `ports` wants; throws when the
   * record cannot be deserialized here (the caller fires messageerror).
   */
  function deserializeMessage(message) {
    const record = fromHost(messageRecord(message));
    const outer = received;
    received = [];
    try {
      const data = structuredDeserialize(record);
      return { data, ports: objectFreeze(received) };
    } finally {
      received = outer;
    }
  }

  /**
   * StructuredSerializeWithTransfer for a postMessage(message, transfer | options) overload, in
   * host form; throws TypeError or DataCloneError.
   */
  function serializeForPost(message, options, what, excluded = null) {
    const transfer = transferListOf(options, what, true);
    if (excluded !== null) {
      for (let i = 0; i < transfer.length; i++) {
        if (transfer[i] === excluded) {
          throw domException('DataCloneError', `${what}: Port at index ${i} is the source port.`);
        }
      }
    }
    return toHost(structuredSerialize(message, transfer));
  }

  // ------------------------------------------------------------------------------ events

  function messageInit(init, what) {
    if (init === undefined || init === null) {
      return { data: null, origin: '', lastEventId: '', source: null, ports: objectFreeze([]) };
    }
    if (!isObject(init)) {
      throw new TypeError(`${what}: The provided value is not of type 'MessageEventInit'.`);
    }
    const data = init.data === undefined ? null : init.data;
    const lastEventId = init.lastEventId === undefined ? '' : String(init.lastEventId);
    const origin = init.origin === undefined ? '' : String(init.origin);
    let ports = [];
    if (init.ports !== undefined) {
      if (!isObject(init.ports) || typeof init.ports[Symbol.iterator] !== 'function') {
        throw new TypeError(`${what}: Failed to read the 'ports' property from 'MessageEventInit': The provided value cannot be converted to a sequence.`);
      }
      ports = [...init.ports];
      for (const port of ports) {
        if (!isPort(port)) {
          throw new TypeError(`${what}: Failed to read the 'ports' property from 'MessageEventInit': Failed to convert value to 'MessagePort'.`);
        }
      }
    }
    const source = init.source === undefined ? null : init.source;
    return { data, origin, lastEventId, source, ports: objectFreeze(ports) };
  }

  /** HTML's MessageEvent. */
  class MessageEvent extends Event {
    #data; #origin; #lastEventId; #source; #ports;

    constructor(type, eventInitDict = undefined) {
      const what = "Failed to construct 'MessageEvent'";
      requiredArguments(arguments.length, 1, what);
      super(type, eventInitDict);
      const init = messageInit(eventInitDict, what);
      this.#data = init.data;
      this.#origin = init.origin;
      this.#lastEventId = init.lastEventId;
      this.#source = init.source;
      this.#ports = init.ports;
    }

    static #of(value, what) {
      if (!isObject(value) || !(#ports in value)) {
        throw new TypeError(`Failed to read the '${what}' property from 'MessageEvent': Illegal invocation`);
      }
      return value;
    }

    get data() { return MessageEvent.#of(this, 'data').#data; }
    get origin() { return MessageEvent.#of(this, 'origin').#origin; }
    get lastEventId() { return MessageEvent.#of(this, 'lastEventId').#lastEventId; }
    get source() { return MessageEvent.#of(this, 'source').#source; }
    get ports() { return MessageEvent.#of(this, 'ports').#ports; }
  }
  enumerableMembers(MessageEvent, ['data', 'origin', 'lastEventId', 'source', 'ports']);
  brand(MessageEvent);

  /** Service Workers' ExtendableMessageEvent: a message to the service worker, with waitUntil(). */
  class ExtendableMessageEvent extends ExtendableEvent {
    #data; #origin; #lastEventId; #source; #ports;

    constructor(type, eventInitDict = undefined) {
      const what = "Failed to construct 'ExtendableMessageEvent'";
      requiredArguments(arguments.length, 1, what);
      super(type, eventInitDict);
      const init = messageInit(eventInitDict, what);
      this.#data = init.data;
      this.#origin = init.origin;
      this.#lastEventId = init.lastEventId;
      this.#source = init.source;
      this.#ports = init.ports;
    }

    static #of(value, what) {
      if (!isObject(value) || !(#ports in value)) {
        throw new TypeError(`Failed to read the '${what}' property from 'ExtendableMessageEvent': Illegal invocation`);
      }
      return value;
    }

    get data() { return ExtendableMessageEvent.#of(this, 'data').#data; }
    get origin() { return ExtendableMessageEvent.#of(this, 'origin').#origin; }
    get lastEventId() { return ExtendableMessageEvent.#of(this, 'lastEventId').#lastEventId; }
    get source() { return ExtendableMessageEvent.#of(this, 'source').#source; }
    get ports() { return ExtendableMessageEvent.#of(this, 'ports').#ports; }
  }
  enumerableMembers(ExtendableMessageEvent, ['data', 'origin', 'lastEventId', 'source', 'ports']);
  brand(ExtendableMessageEvent);

  /** Fires `message` (or `messageerror` when the message cannot be deserialized here) at target. */
  function fireMessage(target, message, origin) {
    let event;
    try {
      const { data, ports } = deserializeMessage(message);
      event = new MessageEvent('message', { data, origin, ports });
    } catch (error) {
      event = new MessageEvent('messageerror', { origin });
    }
    try {
      dispatch(target, eventState.trust(event));
    } catch (error) {
      reportException(error);
    }
  }

  // ------------------------------------------------------------------------------ MessagePort

  let portState;

  /** HTML's MessagePort: one end of a channel; its port message queue is its Java end's. */
  class MessagePort extends EventTarget {
    #endpoint;
    #detached = false;

    constructor(key, endpoint) {
      if (key !== KEY) {
        illegalConstructor();
      }
      super();
      this.#endpoint = endpoint;
      portBind(endpoint, (message) => portMessage(this, message));
    }

    static #of(value, what) {
      if (!isObject(value) || !(#endpoint in value)) {
        throw new TypeError(`Failed to execute '${what}' on 'MessagePort': Illegal invocation`);
      }
      return value;
    }

    /** HTML § MessagePort postMessage(message, transfer | options): the message port post message steps. */
    postMessage(message, options = undefined) {
      const what = "Failed to execute 'postMessage' on 'MessagePort'";
      const port = MessagePort.#of(this, 'postMessage');
      requiredArguments(arguments.length, 1, what);
      const record = serializeForPost(message, options, what, port);
      if (!port.#detached) {
        portPost(port.#endpoint, record);
      }
    }

    /** HTML § MessagePort start(): enables the port message queue. */
    start() {
      const port = MessagePort.#of(this, 'start');
      if (!port.#detached) {
        portEnable(port.#endpoint);
      }
    }

    /** HTML § MessagePort close(): disentangles the port. */
    close() {
      const port = MessagePort.#of(this, 'close');
      if (!port.#detached) {
        portClose(port.#endpoint);
      }
    }

    static {
      portState = {
        isPort: (value) => isObject(value) && #endpoint in value,
        isDetached: (port) => port.#detached,
        /** HTML's transfer steps: the object is detached; its end leaves this realm. */
        detach(port) {
          port.#detached = true;
          portUnbind(port.#endpoint);
          return port.#endpoint;
        },
        endpoint: (port) => port.#endpoint,
      };
    }
  }
  enumerableMembers(MessagePort, ['postMessage', 'start', 'close']);
  defineEventHandler(MessagePort.prototype, 'onmessageerror');
  defineEventHandler(MessagePort.prototype, 'onmessage');
  {
    // Setting onmessage (not addEventListener) also starts the port (HTML § MessagePort onmessage).
    const { get, set } = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
    Object.defineProperty(MessagePort.prototype, 'onmessage', {
      configurable: true,
      enumerable: true,
      get,
      set(value) {
        set.call(this, value);
        if (portState.isPort(this)) {
          this.start();
        }
      },
    });
  }
  brand(MessagePort);
  const { isPort } = portState;

  /** A message from the port's Java end, as a task: fired, or handed back if the port left meanwhile. */
  function portMessage(port, message) {
    if (portState.isDetached(port)) {
      portRequeue(portState.endpoint(port), message);
      return;
    }
    fireMessage(port, message, '');
  }

  registerTransferable('MessagePort', {
    is: isPort,
    isDetached: portState.isDetached,
    transfer: (port) => ({ endpoint: portState.detach(port) }),
    receive(node) {
      const port = new MessagePort(KEY, node.endpoint);
      if (received !== null) {
        received.push(port);
      }
      return port;
    },
  });

  /** HTML's MessageChannel: two new entangled ports. */
  class MessageChannel {
    #port1;
    #port2;

    constructor() {
      if (new.target === undefined) {
        throw new TypeError("Failed to construct 'MessageChannel': Please use the 'new' operator, this DOM object constructor cannot be called as a function.");
      }
      const ends = messageChannel();
      this.#port1 = new MessagePort(KEY, ends[0]);
      this.#port2 = new MessagePort(KEY, ends[1]);
    }

    static #of(value, what) {
      if (!isObject(value) || !(#port1 in value)) {
        throw new TypeError(`Failed to read the '${what}' property from 'MessageChannel': Illegal invocation`);
      }
      return value;
    }

    get port1() { return MessageChannel.#of(this, 'port1').#port1; }
    get port2() { return MessageChannel.#of(this, 'port2').#port2; }
  }
  enumerableMembers(MessageChannel, ['port1', 'port2']);
  brand(MessageChannel);

  // ------------------------------------------------------------------------------ BroadcastChannel

  /** HTML's BroadcastChannel: messages to every other channel of this origin with the same name. */
  class BroadcastChannel extends EventTarget {
    #name;
    #handle;
    #closed = false;

    constructor(name) {
      const what = "Failed to construct 'BroadcastChannel'";
      if (new.target === undefined) {
        throw new TypeError(`${what}: Please use the 'new' operator, this DOM object constructor cannot be called as a function.`);
      }
      requiredArguments(arguments.length, 1, what);
      super();
      this.#name = String(name);
      this.#handle = broadcastOpen(this.#name, (message) => {
        if (!this.#closed) {
          fireMessage(this, message, internals.worker.url[1]);
        }
      });
    }

    static #of(value, what, kind = 'execute') {
      if (!isObject(value) || !(#handle in value)) {
        throw new TypeError(kind === 'read'
          ? `Failed to read the '${what}' property from 'BroadcastChannel': Illegal invocation`
          : `Failed to execute '${what}' on 'BroadcastChannel': Illegal invocation`);
      }
      return value;
    }

    get name() { return BroadcastChannel.#of(this, 'name', 'read').#name; }

    /** HTML § BroadcastChannel postMessage(message). */
    postMessage(message) {
      const what = "Failed to execute 'postMessage' on 'BroadcastChannel'";
      const channel = BroadcastChannel.#of(this, 'postMessage');
      requiredArguments(arguments.length, 1, what);
      if (channel.#closed) {
        throw domException('InvalidStateError', `${what}: Channel is closed`);
      }
      broadcastPost(channel.#handle, toHost(structuredSerialize(message, [])));
    }

    /** HTML § BroadcastChannel close(). */
    close() {
      const channel = BroadcastChannel.#of(this, 'close');
      if (!channel.#closed) {
        channel.#closed = true;
        broadcastClose(channel.#handle);
      }
    }
  }
  enumerableMembers(BroadcastChannel, ['name', 'postMessage', 'close']);
  defineEventHandler(BroadcastChannel.prototype, 'onmessage');
  defineEventHandler(BroadcastChannel.prototype, 'onmessageerror');
  brand(BroadcastChannel);

  // ------------------------------------------------------------------------------ the worker's own messages

  /**
   * Service Workers § ServiceWorker postMessage(), the task in this worker: fires an
   * ExtendableMessageEvent `message` at the global scope (`messageerror` when the message cannot
   * be deserialized), its source a Client ([id, url, type, ...]) or a ServiceWorker ([id,
   * scriptURL, state]); tells the host when its lifetime promises settled.
   */
  function dispatchMessageEvent(id, message, origin, client, worker) {
    const objects = internals.serviceWorker;
    const source = client !== null ? objects.clientObject(client) : objects.workerObject(worker);
    let event;
    try {
      const { data, ports } = deserializeMessage(message);
      event = new ExtendableMessageEvent('message', { data, origin, source, ports });
    } catch (error) {
      event = new ExtendableMessageEvent('messageerror', { origin, source });
    }
    eventState.trust(event);
    try {
      dispatch(globalThis, event);
    } finally {
      lifetime.whenSettled(event, (rejected, reason) => {
        host.eventSettled(id, rejected ? internals.describeError(reason) : null);
      });
    }
  }

  defineGlobal('MessageEvent', MessageEvent);
  defineGlobal('ExtendableMessageEvent', ExtendableMessageEvent);
  defineGlobal('MessagePort', MessagePort);
  defineGlobal('MessageChannel', MessageChannel);
  defineGlobal('BroadcastChannel', BroadcastChannel);

  internals.messaging = { serializeForPost, dispatchMessageEvent, MessageEvent, ExtendableMessageEvent };
})
