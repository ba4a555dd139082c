package org.sw4j.js.serviceworker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.messaging.BroadcastChannelRegistry;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.ClientType;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.ExtendableMessageEventInit;
import org.sw4j.core.spi.RegistrationInfo;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.WorkerInfo;
import org.sw4j.core.spi.WorkerServices;
import org.sw4j.core.version.WorkerType;
import org.sw4j.js.WorkerFixture;
import org.sw4j.webapi.message.MessagePortEndpoint;
import org.sw4j.webapi.message.SerializedMessage;
import org.sw4j.webapi.message.SerializedValue;

/** HTML's channel messaging and broadcasting, and ExtendableMessageEvent, in real workers. */
class MessagingTest {
    private static final ClientInfo WINDOW = new ClientInfo("client-1", "http://localhost/page", ClientType.WINDOW,
            "top-level", "visible", true);

    @TempDir
    Path dir;

    /** Standalone services whose Client.postMessage() messages land in a queue. */
    static final class ClientQueue implements WorkerServices {
        final WorkerServices standalone = WorkerServices.standalone("http://localhost/", "http://localhost/sw.js");
        final BlockingQueue<SerializedMessage> toClient = new LinkedBlockingQueue<>();
        final BroadcastChannelRegistry broadcast;

        ClientQueue(BroadcastChannelRegistry broadcast) {
            this.broadcast = broadcast;
        }

        @Override
        public RegistrationInfo registration() {
            return standalone.registration();
        }

        @Override
        public WorkerInfo self() {
            return standalone.self();
        }

        @Override
        public CompletableFuture<Void> skipWaiting() {
            return standalone.skipWaiting();
        }

        @Override
        public CompletableFuture<Void> claimClients() {
            return standalone.claimClients();
        }

        @Override
        public CompletableFuture<Optional<ClientInfo>> getClient(String id) {
            return standalone.getClient(id);
        }

        @Override
        public CompletableFuture<List<ClientInfo>> matchAllClients(boolean includeUncontrolled, ClientType type) {
            return standalone.matchAllClients(includeUncontrolled, type);
        }

        @Override
        public CompletableFuture<Void> update() {
            return standalone.update();
        }

        @Override
        public CompletableFuture<Boolean> unregister() {
            return standalone.unregister();
        }

        @Override
        public void postMessageToClient(String clientId, SerializedMessage message) {
            toClient.add(message);
        }

        @Override
        public BroadcastChannelRegistry.Channel openBroadcastChannel(String name,
                java.util.function.Consumer<SerializedMessage> receiver) {
            return broadcast.open("http://localhost", name, receiver);
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    private static SerializedMessage poll(BlockingQueue<SerializedMessage> queue) throws InterruptedException {
        SerializedMessage message = queue.poll(20, TimeUnit.SECONDS);
        assertThat(message).as("a message within 20 s").isNotNull();
        return message;
    }

    private static ExtendableEventResult post(RunningWorker worker, SerializedMessage message) throws Exception {
        return await(worker.dispatchMessageEvent(new ExtendableMessageEventInit(message, "http://localhost", WINDOW, null)));
    }

    @Test
    void aPortQueuesUntilStartedAndOnmessageStartsIt() {
        assertThat(WorkerFixture.outputOf(dir, """
                const { port1, port2 } = new MessageChannel();
                const got = [];
                port2.addEventListener('message', (e) => got.push(e));
                port1.postMessage('a');
                port1.postMessage({ b: [1, 2n] });
                setTimeout(() => {
                  console.log('before start', got.length);
                  port2.start();
                  setTimeout(() => {
                    const [a, b] = got;
                    console.log(a instanceof MessageEvent, a.isTrusted, a.data, JSON.stringify([a.origin, a.lastEventId]), a.source, a.ports.length, Object.isFrozen(a.ports));
                    console.log(b.data.b[1] === 2n);
                    const other = new MessageChannel();
                    other.port2.onmessage = (e) => console.log('onmessage', e.data);
                    other.port1.postMessage('started by onmessage');
                  }, 50);
                }, 50);
                """)).containsExactly("before start 0", "true true a [\"\",\"\"] null 0 true", "true",
                "onmessage started by onmessage");
    }

    @Test
    void portsAndBuffersTransferAndStayEntangled() {
        assertThat(WorkerFixture.outputOf(dir, """
                const outer = new MessageChannel();
                const inner = new MessageChannel();
                const buffer = new Uint8Array([1, 2, 3]).buffer;
                outer.port2.onmessage = (e) => {
                  const [port] = e.ports;
                  console.log(e.data.bytes.byteLength, new Uint8Array(e.data.bytes)[2], e.data.port === port, port instanceof MessagePort);
                  port.postMessage('through the transferred port');
                };
                inner.port1.onmessage = (e) => console.log(e.data);
                outer.port1.postMessage({ bytes: buffer, port: inner.port2 }, [buffer, inner.port2]);
                console.log('sender', buffer.byteLength, buffer.detached);
                const clone = structuredClone(outer.port1, { transfer: [outer.port1] });
                console.log(clone !== outer.port1, clone instanceof MessagePort);
                """)).containsExactly("sender 0 true", "true true", "3 3 true true", "through the transferred port");
    }

    @Test
    void whatCannotBeClonedOrTransferredIsADataCloneError() {
        assertThat(WorkerFixture.outputOf(dir, """
                const { port1, port2 } = new MessageChannel();
                const failure = (f) => { try { f(); return 'posted'; } catch (e) { return `${e.name}: ${e.message}`; } };
                console.log(failure(() => port1.postMessage(() => 1)));
                console.log(failure(() => port1.postMessage('x', [port1])));
                console.log(failure(() => port1.postMessage('x', [{}])));
                console.log(failure(() => port1.postMessage('x', { transfer: [port2, port2] })));
                console.log(failure(() => port1.postMessage({ port2 })));
                const other = new MessageChannel();
                port1.postMessage('x', [other.port1]);
                console.log(failure(() => port1.postMessage('y', [other.port1])));
                console.log(failure(() => new BroadcastChannel('c').postMessage(new MessageChannel().port1)));
                const closed = new BroadcastChannel('c');
                closed.close();
                console.log(failure(() => closed.postMessage('late')));
                """)).containsExactly(
                "DataCloneError: [Function (anonymous)] could not be cloned.",
                "DataCloneError: Failed to execute 'postMessage' on 'MessagePort': Port at index 0 is the source port.",
                "DataCloneError: Value at index 0 of the transfer list does not have a transferable type.",
                "DataCloneError: MessagePort at index 1 of the transfer list is a duplicate of an earlier MessagePort.",
                "DataCloneError: #<MessagePort> could not be cloned.",
                "DataCloneError: MessagePort at index 0 of the transfer list is already detached.",
                "DataCloneError: #<MessagePort> could not be cloned.",
                "InvalidStateError: Failed to execute 'postMessage' on 'BroadcastChannel': Channel is closed");
    }

    @Test
    void aMessageToTheWorkerIsAnExtendableMessageEventWhosePortReachesJava() throws Exception {
        ClientQueue services = new ClientQueue(new BroadcastChannelRegistry());
        try (var w = new WorkerFixture(dir).services(services)) {
            RunningWorker worker = w.run("""
                    self.addEventListener('message', (e) => {
                      e.waitUntil(new Promise((resolve) => setTimeout(resolve, 20)));
                      e.ports[0].postMessage({
                        echo: e.data, origin: e.origin, lastEventId: e.lastEventId, source: e.source.id,
                        windowClient: e.source instanceof WindowClient, extendable: e instanceof ExtendableMessageEvent,
                      });
                    });
                    """);
            MessagePortEndpoint.Pair channel = MessagePortEndpoint.entangledPair();
            BlockingQueue<SerializedMessage> replies = new LinkedBlockingQueue<>();
            channel.port1().bind(replies::add);
            channel.port1().enable();
            SerializedMessage message = new SerializedMessage(new SerializedValue.StringValue("hello"),
                    List.of(new SerializedMessage.Transfer.Port(channel.port2())));
            assertThat(post(worker, message).succeeded()).isTrue();
            SerializedMessage reply = poll(replies);
            assertThat(reply.root()).isInstanceOf(SerializedValue.ObjectValue.class);
            Map<String, SerializedValue> fields = Map.ofEntries(((SerializedValue.ObjectValue) reply.root())
                    .properties().toArray(Map.Entry[]::new));
            assertThat(fields).containsEntry("echo", new SerializedValue.StringValue("hello"))
                    .containsEntry("origin", new SerializedValue.StringValue("http://localhost"))
                    .containsEntry("lastEventId", new SerializedValue.StringValue(""))
                    .containsEntry("source", new SerializedValue.StringValue("client-1"))
                    .containsEntry("windowClient", new SerializedValue.BooleanValue(true))
                    .containsEntry("extendable", new SerializedValue.BooleanValue(true));
        }
    }

    @Test
    void aPortTransferredFromOneWorkerToAnotherKeepsItsEntanglement() throws Exception {
        ClientQueue first = new ClientQueue(new BroadcastChannelRegistry());
        ClientQueue second = new ClientQueue(new BroadcastChannelRegistry());
        try (var a = new WorkerFixture(dir).services(first); var b = new WorkerFixture(dir.resolve("b")).services(second)) {
            RunningWorker sender = a.run("""
                    const channel = new MessageChannel();
                    channel.port1.onmessage = (e) => console.log('A heard', e.data);
                    self.addEventListener('message', (e) => e.source.postMessage('take this port', [channel.port2]));
                    """);
            RunningWorker receiver = b.run("""
                    self.addEventListener('message', (e) => e.ports[0].postMessage('B says ' + e.data));
                    """);
            post(sender, SerializedMessage.of(SerializedValue.Null.INSTANCE));
            SerializedMessage withPort = poll(first.toClient);
            assertThat(withPort.ports()).hasSize(1);
            post(receiver, withPort);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!a.output().contains("A heard B says take this port") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(a.output()).containsExactly("A heard B says take this port");
        }
    }

    @Test
    void aMessageThatCannotBeDeserializedFiresMessageerror() throws Exception {
        ClientQueue services = new ClientQueue(new BroadcastChannelRegistry());
        try (var w = new WorkerFixture(dir).services(services)) {
            RunningWorker worker = w.run("""
                    self.onmessage = (e) => console.log('message');
                    self.onmessageerror = (e) => console.log(e.type, e instanceof ExtendableMessageEvent, e.data, e.source.id);
                    """);
            // A resizable buffer larger than any ArrayBuffer can be: RangeError while deserializing.
            post(worker, SerializedMessage.of(new SerializedValue.ArrayBufferValue(0, new byte[0], 1L << 53)));
            assertThat(w.output()).containsExactly("messageerror true null client-1");
        }
    }

    @Test
    void broadcastChannelsOfOneOriginHearEachOtherButNotThemselves() throws Exception {
        BroadcastChannelRegistry registry = new BroadcastChannelRegistry();
        BlockingQueue<SerializedMessage> java = new LinkedBlockingQueue<>();
        registry.open("http://localhost", "news", java::add);
        BlockingQueue<SerializedMessage> otherOrigin = new LinkedBlockingQueue<>();
        registry.open("http://elsewhere", "news", otherOrigin::add);
        try (var w = new WorkerFixture(dir).services(new ClientQueue(registry))) {
            w.run("""
                    const a = new BroadcastChannel('news');
                    const b = new BroadcastChannel('news');
                    const c = new BroadcastChannel('sport');
                    a.onmessage = (e) => console.log('a heard', e.data);
                    b.onmessage = (e) => console.log('b heard', e.data.text, e.origin, e.source, e.ports.length);
                    c.onmessage = (e) => console.log('c heard', e.data);
                    a.postMessage({ text: 'hello' });
                    console.log(a.name);
                    """);
            SerializedMessage heard = poll(java);
            assertThat(heard.root()).isInstanceOf(SerializedValue.ObjectValue.class);
            assertThat(w.output()).containsExactly("news", "b heard hello http://localhost null 0");
            assertThat(otherOrigin).isEmpty();
        }
    }

    @Test
    void everyKindOfValueCrossesThroughJavaUnchanged() throws Exception {
        ClientQueue first = new ClientQueue(new BroadcastChannelRegistry());
        ClientQueue second = new ClientQueue(new BroadcastChannelRegistry());
        try (var a = new WorkerFixture(dir).services(first); var b = new WorkerFixture(dir.resolve("b")).services(second)) {
            RunningWorker sender = a.run("""
                    self.addEventListener('message', (e) => {
                      const shared = { name: 'shared' };
                      const cyclic = { shared, again: shared, list: [1, , 'three'] };
                      cyclic.self = cyclic;
                      const resizable = new ArrayBuffer(4, { maxByteLength: 16 });
                      const transferred = new Uint8Array([9, 8]).buffer;
                      e.source.postMessage([
                        undefined, null, true, -0, NaN, 2n ** 70n, 'text', new Number(5), Object(7n), new Date(0), /a+b/gu,
                        new Map([[shared, new Set([1, 'x'])]]), new Uint16Array([1, 2, 3]).subarray(1), new DataView(resizable, 1),
                        new Float64Array(resizable), new RangeError('bad', { cause: 'why' }), new DOMException('gone', 'AbortError'),
                        new Blob(['blob text'], { type: 'text/plain' }), new File(['file'], 'f.txt', { lastModified: 1000 }),
                        cyclic, transferred,
                      ], [transferred]);
                    });
                    """);
            RunningWorker receiver = b.run("""
                    self.addEventListener('message', (e) => {
                      const v = e.data;
                      e.waitUntil((async () => {
                        console.log(v[0], v[1], v[2], Object.is(v[3], -0), Number.isNaN(v[4]), v[5], v[6], v[7] instanceof Number, typeof v[8], v[9].getTime(), String(v[10]));
                        const [[key, set]] = v[11];
                        console.log(key.name, [...set]);
                        console.log(v[12].constructor.name, [...v[12]], v[13].byteOffset, v[13].byteLength, v[14].buffer === v[13].buffer, v[13].buffer.resizable);
                        console.log(v[15].name, v[15].message, v[15].cause, v[16].name, v[16].message, v[16] instanceof DOMException);
                        console.log(v[17].type, await v[17].text(), v[18].name, v[18].lastModified, await v[18].text());
                        const c = v[19];
                        console.log(c.self === c, c.shared === c.again, c.shared === key, c.list.length, 1 in c.list, c.list[2]);
                        console.log([...new Uint8Array(v[20])]);
                      })());
                    });
                    """);
            post(sender, SerializedMessage.of(SerializedValue.Null.INSTANCE));
            SerializedMessage message = poll(first.toClient);
            assertThat(message.transfers()).hasSize(1);
            post(receiver, message);
            assertThat(b.uncaught()).isEmpty();
            assertThat(b.output()).containsExactly(
                    "undefined null true true true 1180591620717411303424n text true object 0 /a+b/gu",
                    "shared [ 1, 'x' ]",
                    "Uint16Array [ 2, 3 ] 1 3 true true",
                    "RangeError bad why AbortError gone true",
                    "text/plain blob text f.txt 1000 file",
                    "true true true 3 false three",
                    "[ 9, 8 ]");
        }
    }
}
