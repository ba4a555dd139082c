package org.sw4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sw4j.network.TestOrigin;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.message.SerializedValue;

/** Messaging between windows and real JavaScript workers, driven from the Java API. */
class MessagingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final TestOrigin origin = new TestOrigin();
    private TestOrigin otherOrigin;
    private UserAgent agent;

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        origin.close();
        if (otherOrigin != null) {
            otherOrigin.close();
        }
    }

    private Window start(String worker) throws Exception {
        origin.serve("/", 200, Map.of("Content-Type", "text/html"), "<!doctype html><title>app</title>");
        origin.script("/sw.js", worker);
        agent = UserAgent.builder().idleTimeout(Duration.ofSeconds(1)).build();
        return agent.openWindow(origin.url("/"));
    }

    private static MessageEvent next(BlockingQueue<MessageEvent> queue) throws InterruptedException {
        MessageEvent event = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(event).as("a message within " + WAIT).isNotNull();
        return event;
    }

    @Test
    void aWorkerPostsToItsClientsAndTheWindowHearsOnceItListens() throws Exception {
        Window page = start("""
                self.addEventListener('activate', (e) => e.waitUntil(clients.claim()
                  .then(() => clients.matchAll())
                  .then((all) => all.forEach((client) => client.postMessage({ hello: client.id, n: 1, list: [true, null] })))));
                """);
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        Thread.sleep(100);
        BlockingQueue<MessageEvent> messages = new LinkedBlockingQueue<>();
        page.onMessage(messages::add);
        MessageEvent event = next(messages);
        assertThat(event.data()).isEqualTo(Map.of("hello", page.id(), "n", 1.0, "list", java.util.Arrays.asList(true, null)));
        assertThat(event.origin()).isEqualTo(origin.origin());
        assertThat(event.source().scriptUrl()).isEqualTo(origin.url("/sw.js"));
        assertThat(event.source().id()).isEqualTo(registration.state().active().id());
        assertThat(event.ports()).isEmpty();
    }

    @Test
    void aMessageToAStoppedWorkerStartsItAndItsSourceIsTheWindow() throws Exception {
        Window page = start("""
                self.addEventListener('message', (e) => {
                  e.ports[0].postMessage({ data: e.data, origin: e.origin, source: e.source.id, type: e.source.type,
                    windowClient: e.source instanceof WindowClient, lastEventId: e.lastEventId });
                });
                """);
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        registration.awaitState(state -> !state.active().running(), WAIT);
        MessageChannel channel = new MessageChannel();
        BlockingQueue<MessageEvent> replies = new LinkedBlockingQueue<>();
        channel.port1().onMessage(replies::add);
        registration.active().orElseThrow().postMessage(Map.of("ping", 1), List.of(channel.port2()));
        MessageEvent reply = next(replies);
        assertThat(reply.data()).isEqualTo(Map.of("data", Map.of("ping", 1.0), "origin", origin.origin(),
                "source", page.id(), "type", "window", "windowClient", true, "lastEventId", ""));
        assertThat(reply.origin()).isEmpty();
        assertThat(reply.source()).isNull();
        assertThatThrownBy(() -> channel.port2().postMessage("moved")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChannelRoundTripTransfersBuffersAndQueuesUntilStarted() throws Exception {
        Window page = start("""
                self.addEventListener('message', (e) => {
                  const port = e.ports[0];
                  const buffer = new Uint8Array([1, 2, 3]).buffer;
                  port.postMessage({ buffer }, [buffer]);
                  port.postMessage(buffer.byteLength);
                  try { port.postMessage(() => 1); } catch (error) { port.postMessage(error.name); }
                  port.onmessage = (m) => port.postMessage('echo ' + new Uint8Array(m.data)[0]);
                });
                """);
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        MessageChannel channel = new MessageChannel();
        registration.active().orElseThrow().postMessage("here is a port", List.of(channel.port2()));
        channel.port1().postMessage(new byte[] {42});
        // Nothing is lost while the port is not started.
        Thread.sleep(300);
        BlockingQueue<MessageEvent> replies = new LinkedBlockingQueue<>();
        channel.port1().onMessage(replies::add);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) next(replies).data();
        assertThat((byte[]) first.get("buffer")).containsExactly(1, 2, 3);
        assertThat(next(replies).data()).isEqualTo(0.0);
        assertThat(next(replies).data()).isEqualTo("DataCloneError");
        assertThat(next(replies).data()).isEqualTo("echo 42");
        assertThatThrownBy(() -> channel.port1().postMessage(new Object()))
                .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.jsName()).isEqualTo("DataCloneError"));
        assertThatThrownBy(() -> channel.port1().postMessage("self", List.of(channel.port1())))
                .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.jsName()).isEqualTo("DataCloneError"));
    }

    @Test
    void broadcastChannelsReachTheWorkerAndWindowsOfTheSameOriginOnly() throws Exception {
        Window page = start("""
                const news = new BroadcastChannel('news');
                news.onmessage = (e) => news.postMessage(`worker heard ${e.data} from ${e.origin}`);
                self.addEventListener('message', (e) => e.ports[0].postMessage('running'));
                """);
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        // Make sure the worker runs (its channel exists only while it does).
        MessageChannel channel = new MessageChannel();
        BlockingQueue<MessageEvent> running = new LinkedBlockingQueue<>();
        channel.port1().onMessage(running::add);
        registration.active().orElseThrow().postMessage("wake up", List.of(channel.port2()));
        next(running);

        otherOrigin = new TestOrigin();
        otherOrigin.serve("/", 200, Map.of("Content-Type", "text/html"), "<!doctype html>");
        Window foreign = agent.openWindow(otherOrigin.url("/"));
        BlockingQueue<MessageEvent> foreignHeard = new LinkedBlockingQueue<>();
        new BroadcastChannel(foreign, "news").onMessage(foreignHeard::add);
        BlockingQueue<MessageEvent> otherWindowHeard = new LinkedBlockingQueue<>();
        Window sibling = agent.openWindow(origin.url("/"));
        new BroadcastChannel(sibling, "news").onMessage(otherWindowHeard::add);

        BroadcastChannel news = new BroadcastChannel(page, "news");
        BlockingQueue<MessageEvent> heard = new LinkedBlockingQueue<>();
        news.onMessage(heard::add);
        news.postMessage("hello");
        MessageEvent reply = next(heard);
        assertThat(reply.data()).isEqualTo("worker heard hello from " + origin.origin());
        assertThat(reply.origin()).isEqualTo(origin.origin());
        assertThat(next(otherWindowHeard).data()).isEqualTo("hello");
        assertThat(next(otherWindowHeard).data()).isEqualTo("worker heard hello from " + origin.origin());
        assertThat(heard.poll(200, TimeUnit.MILLISECONDS)).as("a channel does not hear itself").isNull();
        assertThat(foreignHeard).isEmpty();

        // A stopped worker's channels are gone: its thread closes them as it ends, just after the
        // engine counts the worker stopped.
        registration.awaitState(state -> !state.active().running(), WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (agent.context().broadcastChannels().openChannels(origin.origin(), "news") > 2
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(agent.context().broadcastChannels().openChannels(origin.origin(), "news")).isEqualTo(2);
        news.close();
        assertThatThrownBy(() -> news.postMessage("late"))
                .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.jsName()).isEqualTo("InvalidStateError"));
    }

    @Test
    void aMessageThatCannotBeDeserializedIsAMessageerror() throws Exception {
        Window page = start("""
                self.onmessage = (e) => e.source.postMessage('message');
                self.onmessageerror = (e) => e.source.postMessage(`${e.type} ${e.data} ${e instanceof ExtendableMessageEvent}`);
                """);
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        BlockingQueue<MessageEvent> messages = new LinkedBlockingQueue<>();
        page.onMessage(messages::add);
        // A resizable buffer larger than any ArrayBuffer can be: the worker cannot deserialize it.
        registration.active().orElseThrow().postMessage(new SerializedValue.ArrayBufferValue(0, new byte[0], 1L << 53));
        assertThat(next(messages).data()).isEqualTo("messageerror null true");
    }

    /** workbox-window's messageSkipWaiting(): the page tells the waiting worker to take over. */
    @Test
    void theWorkboxSkipWaitingHandshake() throws Exception {
        Window page = start("""
                self.addEventListener('activate', (e) => e.waitUntil(clients.claim()));
                """);
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        LifecycleTestSupport.await(() -> page.controller().isPresent());
        String v1 = page.controller().orElseThrow().id();

        origin.script("/sw.js", """
                // v2
                self.addEventListener('message', (event) => {
                  if (event.data && event.data.type === 'SKIP_WAITING') {
                    event.waitUntil(self.skipWaiting());
                    event.ports[0] && event.ports[0].postMessage('ok');
                  }
                });
                self.addEventListener('activate', (e) => e.waitUntil(clients.claim()));
                """);
        registration.update();
        registration.awaitWaiting(WAIT);
        ServiceWorker waiting = registration.waiting().orElseThrow();
        assertThat(waiting.id()).isNotEqualTo(v1);
        BlockingQueue<String> controllerChanges = new LinkedBlockingQueue<>();
        // What a page's controllerchange listener sees: navigator.serviceWorker.controller is the new
        // worker already (possibly still "activating").
        page.onControllerChange(() -> controllerChanges.add(page.controller().map(WorkerState::id).orElse("none")));

        // messageSW(waiting, {type: 'SKIP_WAITING'}): a MessageChannel, the reply on port1.
        MessageChannel channel = new MessageChannel();
        BlockingQueue<MessageEvent> reply = new LinkedBlockingQueue<>();
        channel.port1().onMessage(reply::add);
        waiting.postMessage(Map.of("type", "SKIP_WAITING"), List.of(channel.port2()));
        assertThat(next(reply).data()).isEqualTo("ok");
        assertThat(controllerChanges.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(waiting.id());
        assertThat(page.serviceWorker().controllerWorker().orElseThrow().id()).isEqualTo(waiting.id());
        assertThat(registration.active().orElseThrow().id()).isEqualTo(waiting.id());
    }

    @Test
    void aWorkerPostsToItselfAndTheSourceIsItsServiceWorkerObject() throws Exception {
        Window page = start("""
                self.addEventListener('message', (e) => {
                  if (e.source instanceof Client) {
                    self.serviceWorker.postMessage({ relay: e.source.id });
                    return;
                  }
                  e.waitUntil(clients.get(e.data.relay).then((client) => client.postMessage(
                    `from ${e.source.constructor.name} ${e.source === self.serviceWorker} ${e.source === registration.active} ${e.origin}`)));
                });
                """);
        Registration registration = page.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        BlockingQueue<MessageEvent> messages = new LinkedBlockingQueue<>();
        page.onMessage(messages::add);
        registration.active().orElseThrow().postMessage("start");
        assertThat(next(messages).data()).isEqualTo("from ServiceWorker true true " + origin.origin());
    }
}
