package org.sw4j.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.sw4j.agent.internal.SerialExecutor;
import org.sw4j.core.engine.ServiceWorkerClient;
import org.sw4j.core.engine.ServiceWorkerVersion;
import org.sw4j.webapi.message.SerializedMessage;
import org.sw4j.webapi.fetch.BodyInit;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.Header;
import org.sw4j.webapi.fetch.RequestConstructor;
import org.sw4j.webapi.fetch.RequestInit;
import org.sw4j.webapi.fetch.RequestInput;

/**
 * A window client: a document at a URL, opened by {@link UserAgent#openWindow}. Its fetches go to
 * its controller (the service worker that was active for its URL when it loaded, or that claimed
 * it) and otherwise to the network.
 */
public final class Window implements AutoCloseable {
    private final UserAgent agent;
    private volatile ServiceWorkerClient client;
    private volatile Response navigationResponse;
    private volatile ServiceWorkerContainer container;
    private final List<Runnable> controllerChangeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<MessageEvent>> messageListeners = new CopyOnWriteArrayList<>();
    /** The client message queue's messages until a listener is set (then it is enabled). */
    private final List<MessageEvent> undeliveredMessages = new ArrayList<>();
    private final SerialExecutor messageEvents = new SerialExecutor();
    private final List<BroadcastChannel> broadcastChannels = new CopyOnWriteArrayList<>();

    Window(UserAgent agent, ServiceWorkerClient client, Response navigationResponse) {
        this.agent = agent;
        this.client = client;
        this.navigationResponse = navigationResponse;
        this.container = new ServiceWorkerContainer(agent, client);
        client.setMessageSink(this::messageFromWorkerQueued);
    }

    /**
     * The client's id, as {@code FetchEvent.clientId} and {@code clients.get()} know it. A
     * navigation gives the window a new client, hence a new id.
     */
    public String id() {
        return client.id();
    }

    /** The document's URL (the navigation response's URL). */
    public String url() {
        return client.url().href();
    }

    /** The response the window's document was loaded with (its last navigation's). */
    public Response navigationResponse() {
        return navigationResponse;
    }

    /** {@code navigator.serviceWorker} of the window's current document (a navigation makes a new one). */
    public ServiceWorkerContainer serviceWorker() {
        return container;
    }

    /** {@code fetch(url)}: a GET through the window's controller, body read whole. */
    public Response fetch(String url) throws NetworkErrorException {
        return fetch(url, "GET", Map.of(), null);
    }

    /**
     * {@code fetch(url, {method, headers, body})}: through the window's controller, or the
     * network.
     *
     * @param body the request body, or null
     * @throws NetworkErrorException when the fetch ended in a network error
     * @throws org.sw4j.webapi.error.WebError TypeError for a request {@code new Request()} would reject
     */
    public Response fetch(String url, String method, Map<String, String> headers, byte[] body)
            throws NetworkErrorException {
        if (client.isClosed()) {
            throw new IllegalStateException("the window " + url() + " is closed");
        }
        List<Header> headerList = headers.entrySet().stream().map(e -> new Header(e.getKey(), e.getValue())).toList();
        RequestInit init = RequestInit.EMPTY.withMethod(Objects.requireNonNull(method)).withHeaders(headerList);
        if (body != null) {
            init = init.withBody(new BodyInit.Bytes(body.clone()));
        }
        FetchRequest request = RequestConstructor.construct(new RequestInput.UrlString(url), init, client.url(),
                client.url().originValue()).request();
        return agent.fetch(request, client, null, client.url());
    }

    /** The window's controller, if any. */
    public Optional<WorkerState> controller() {
        return container.controller();
    }

    /** Runs {@code listener} on each {@code controllerchange} of this window. */
    public void onControllerChange(Runnable listener) {
        controllerChangeListeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Listens to the messages service workers post to this window ({@code Client.postMessage()},
     * heard by {@code navigator.serviceWorker.onmessage}); the source is the posting worker.
     * Messages are queued until the first listener is set (as {@code startMessages()} does).
     * Listeners run one message at a time on a thread of their own.
     */
    public void onMessage(Consumer<MessageEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        messageEvents.execute(() -> {
            messageListeners.add(listener);
            List<MessageEvent> queued = List.copyOf(undeliveredMessages);
            undeliveredMessages.clear();
            queued.forEach(event -> messageListeners.forEach(l -> l.accept(event)));
        });
    }

    /**
     * Navigates the window to {@code url} (resolved against its URL), as following a link does: the
     * navigation goes through the worker whose scope matches ({@code FetchEvent.replacesClientId}
     * is the window's current client), and the window gets a new client for the new document.
     *
     * @throws NetworkErrorException when the navigation ended in a network error (the window stays)
     */
    public void navigate(String url) throws NetworkErrorException {
        if (client.isClosed()) {
            throw new IllegalStateException("the window " + url() + " is closed");
        }
        agent.navigate(this, url);
    }

    /** Whether the window has focus, as {@code WindowClient.focused} shows it. */
    public boolean isFocused() {
        return client.isFocused();
    }

    /** {@code "visible"} or {@code "hidden"}, as {@code WindowClient.visibilityState} shows it. */
    public String visibilityState() {
        return client.visibilityState();
    }

    /** Sets the window's visibility ({@code "visible"}/{@code "hidden"}) and focus, as clients.matchAll() shows them. */
    public void setState(String visibilityState, boolean focused) {
        agent.context().setClientState(client, visibilityState, focused);
    }

    public boolean isClosed() {
        return client.isClosed();
    }

    /** Closes the window: its registration may then activate a waiting worker or finish unregistering. */
    @Override
    public void close() {
        broadcastChannels.forEach(BroadcastChannel::close);
        agent.context().closeClient(client);
        agent.closed(this);
    }

    ServiceWorkerClient client() {
        return client;
    }

    /** A channel opened in this window, closed with it. */
    void opened(BroadcastChannel channel) {
        broadcastChannels.add(channel);
    }

    UserAgent agent() {
        return agent;
    }

    private void messageFromWorkerQueued(ServiceWorkerVersion source, SerializedMessage message) {
        messageEvents.execute(() -> messageFromWorker(source, message));
    }

    /** Service Workers § Client postMessage()'s task in this window: a MessageEvent at the container. */
    private void messageFromWorker(ServiceWorkerVersion source, SerializedMessage message) {
        MessageValues.Received received = MessageValues.deserialize(message);
        MessageEvent event = new MessageEvent(received.data(), source.scriptUrl().origin(), received.ports(),
                new ServiceWorker(agent, source, client));
        if (messageListeners.isEmpty()) {
            undeliveredMessages.add(event);
        } else {
            messageListeners.forEach(listener -> listener.accept(event));
        }
    }

    /** The navigation answered: the window shows the new document, with its new client. */
    void navigated(ServiceWorkerClient newClient, Response response) {
        this.container = new ServiceWorkerContainer(agent, newClient);
        this.navigationResponse = response;
        this.client = newClient;
        newClient.setMessageSink(this::messageFromWorkerQueued);
    }

    void controllerChanged() {
        controllerChangeListeners.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return "Window[" + url() + "]";
    }
}
