package org.sw4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.ExtendableMessageEventInit;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.webapi.message.SerializedMessage;
import org.sw4j.webapi.message.SerializedValue;
import org.sw4j.webapi.url.Url;

/** Messages between clients and workers in the engine, on the fake worker host. */
class MessagingEngineTest {
    private static final String ORIGIN = "https://app.test";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final FakeWorkerHost host = new FakeWorkerHost();
    private final FakeNetwork network = new FakeNetwork();
    private ServiceWorkerContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(2);
        }
    }

    private static SerializedMessage text(String text) {
        return SerializedMessage.of(new SerializedValue.StringValue(text));
    }

    /** A context with an activated worker listening to messages, and a window client of its origin. */
    private ServiceWorkerClient start(Duration idleTimeout) throws Exception {
        host.define("messenger", FakeWorkerHost.script("install", "activate", "message"));
        network.script(ORIGIN + "/sw.js", "messenger\n");
        context = ServiceWorkerContext.builder(host).scriptFetcher(network).idleTimeout(idleTimeout).build();
        ServiceWorkerClient client = context.reserveWindowClient(Url.parse(ORIGIN + "/"));
        context.clientExecutionReady(client, Url.parse(ORIGIN + "/"));
        ServiceWorkerRegistration registration = context.register(client, "/sw.js", null, WorkerType.CLASSIC,
                UpdateViaCache.IMPORTS).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await(() -> registration.active() != null && registration.active().state() == ServiceWorkerState.ACTIVATED);
        return client;
    }

    private ServiceWorkerVersion active() {
        return context.registrations().getFirst().active();
    }

    @Test
    void aMessageStartsAStoppedWorkerAndKeepsItBusyUntilItsLifetimeSettles() throws Exception {
        ServiceWorkerClient client = start(Duration.ofSeconds(1));
        ServiceWorkerVersion worker = active();
        context.stopWorker(worker);
        await(() -> !worker.isRunning());
        CompletableFuture<ExtendableEventResult> lifetime = new CompletableFuture<>();
        host.messageLifetime = lifetime;

        CompletableFuture<ExtendableEventResult> settled = context.postMessageToWorker(worker, client, text("hi"));
        await(() -> worker.isRunning() && host.started.getLast().messages.size() == 1);
        ExtendableMessageEventInit init = host.started.getLast().messages.getFirst();
        assertThat(init.origin()).isEqualTo(ORIGIN);
        assertThat(init.sourceClient().id()).isEqualTo(client.id());
        assertThat(init.sourceWorker()).isNull();
        assertThat(init.message().root()).isEqualTo(new SerializedValue.StringValue("hi"));

        // Past the idle timeout, the pending message event still keeps the worker running.
        Thread.sleep(1600);
        assertThat(worker.isRunning()).isTrue();
        assertThat(worker.pendingEventCount()).isEqualTo(1);
        lifetime.complete(ExtendableEventResult.SETTLED);
        assertThat(settled.get(WAIT.toSeconds(), TimeUnit.SECONDS).succeeded()).isTrue();
        await(() -> !worker.isRunning());
        assertThat(worker.state()).isEqualTo(ServiceWorkerState.ACTIVATED);
    }

    @Test
    void aWorkerWithoutMessageListenersIsNotStartedForAMessage() throws Exception {
        host.define("silent", FakeWorkerHost.script("install"));
        network.script(ORIGIN + "/silent.js", "silent\n");
        ServiceWorkerClient client = start(Duration.ofSeconds(30));
        ServiceWorkerRegistration registration = context.register(client, "/silent.js", ORIGIN + "/silent/",
                WorkerType.CLASSIC, UpdateViaCache.IMPORTS).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await(() -> registration.active() != null && registration.active().state() == ServiceWorkerState.ACTIVATED);
        ServiceWorkerVersion silent = registration.active();
        context.stopWorker(silent);
        await(() -> !silent.isRunning());
        long starts = host.startsOf("silent");
        context.postMessageToWorker(silent, client, text("anyone?")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(host.startsOf("silent")).isEqualTo(starts);
    }

    @Test
    void aWorkersMessagesReachTheClientsSinkQueuedUntilOneIsSet() throws Exception {
        ServiceWorkerClient client = start(Duration.ofSeconds(30));
        ServiceWorkerVersion worker = active();
        context.postMessageToWorker(worker, client, text("wake")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        var services = host.started.getLast().start.services();
        services.postMessageToClient(client.id(), text("early"));
        services.postMessageToClient("no-such-client", text("lost"));
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        client.setMessageSink((source, message) -> heard.add(source.id() + " "
                + ((SerializedValue.StringValue) message.root()).value()));
        services.postMessageToClient(client.id(), text("late"));
        assertThat(heard.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(worker.id() + " early");
        assertThat(heard.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(worker.id() + " late");
        assertThat(heard).isEmpty();

        // A worker posting to itself: the source is the worker.
        services.postMessageToWorker(worker.id(), text("to myself"));
        await(() -> host.started.getLast().messages.size() == 2);
        ExtendableMessageEventInit own = host.started.getLast().messages.getLast();
        assertThat(own.sourceWorker().id()).isEqualTo(worker.id());
        assertThat(own.sourceClient()).isNull();
    }

    @Test
    void broadcastChannelsAreKeyedByOriginAndName() throws Exception {
        ServiceWorkerClient client = start(Duration.ofSeconds(30));
        context.postMessageToWorker(active(), client, text("wake")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        var services = host.started.getLast().start.services();
        BlockingQueue<SerializedMessage> sameOrigin = new LinkedBlockingQueue<>();
        BlockingQueue<SerializedMessage> otherOrigin = new LinkedBlockingQueue<>();
        BlockingQueue<SerializedMessage> otherName = new LinkedBlockingQueue<>();
        context.broadcastChannels().open(client.storageKey(), "news", sameOrigin::add);
        context.broadcastChannels().open("https://other.test", "news", otherOrigin::add);
        context.broadcastChannels().open(client.storageKey(), "sport", otherName::add);
        BlockingQueue<SerializedMessage> self = new LinkedBlockingQueue<>();
        var channel = services.openBroadcastChannel("news", self::add);
        channel.post(text("hello"));
        assertThat(sameOrigin).hasSize(1);
        assertThat(otherOrigin).isEmpty();
        assertThat(otherName).isEmpty();
        assertThat(self).isEmpty();
        channel.close();
        channel.post(text("after close"));
        assertThat(sameOrigin).hasSize(1);
        assertThat(context.broadcastChannels().openChannels(client.storageKey(), "news")).isEqualTo(1);
    }

    @Test
    void messagesReachTheWorkerInTheOrderTheyWerePosted() throws Exception {
        ServiceWorkerClient client = start(Duration.ofSeconds(30));
        ServiceWorkerVersion worker = active();
        context.stopWorker(worker);
        await(() -> !worker.isRunning());
        CompletableFuture<?> last = null;
        for (int i = 0; i < 20; i++) {
            last = context.postMessageToWorker(worker, client, text("m" + i));
        }
        last.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await(() -> host.started.getLast().messages.size() == 20);
        List<String> texts = host.started.getLast().messages.stream()
                .map(init -> ((SerializedValue.StringValue) init.message().root()).value()).toList();
        assertThat(texts).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "m" + i).toList());
    }
}
