package org.sw4j.js.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Value;
import org.sw4j.core.messaging.BroadcastChannelRegistry;
import org.sw4j.core.spi.WorkerServices;
import org.sw4j.webapi.message.MessagePortEndpoint;
import org.sw4j.webapi.message.SerializedMessage;

/**
 * The host operations behind {@code messaging.js} and the postMessage() methods of
 * {@code clients.js}: message channels whose ends ({@link MessagePortEndpoint}) JavaScript holds
 * as opaque handles, broadcast channels, and messages to clients and workers through the worker's
 * {@link WorkerServices}.
 *
 * <p>A message for this realm is handed to JavaScript as a task of the worker's event loop, as the
 * Java {@link SerializedMessage}; JavaScript asks for its record ({@code messageRecord}) when the
 * task runs. The ends and channels this realm holds are closed when it ends: a stopped worker's
 * ports are disentangled and its broadcast channels gone.
 */
final class MessagingBinding {
    private final GlobalScope scope;
    private final Set<MessagePortEndpoint> boundPorts = ConcurrentHashMap.newKeySet();
    private final Set<BroadcastChannelRegistry.Channel> channels = ConcurrentHashMap.newKeySet();

    private MessagingBinding(GlobalScope scope) {
        this.scope = scope;
    }

    static MessagingBinding define(HostFunctions host, GlobalScope scope) {
        MessagingBinding binding = new MessagingBinding(scope);
        host.define("messageChannel", args -> {
            MessagePortEndpoint.Pair pair = MessagePortEndpoint.entangledPair();
            return HostFunctions.array(pair.port1(), pair.port2());
        });
        host.define("portBind", args -> {
            binding.bind(args[0].asHostObject(), args[1]);
            return null;
        });
        host.define("portUnbind", args -> {
            MessagePortEndpoint endpoint = args[0].asHostObject();
            endpoint.bind(null);
            binding.boundPorts.remove(endpoint);
            return null;
        });
        host.define("portEnable", args -> {
            ((MessagePortEndpoint) args[0].asHostObject()).enable();
            return null;
        });
        host.define("portClose", args -> {
            MessagePortEndpoint endpoint = args[0].asHostObject();
            endpoint.close();
            binding.boundPorts.remove(endpoint);
            return null;
        });
        host.define("portPost", args -> {
            ((MessagePortEndpoint) args[0].asHostObject()).post(MessageRecords.fromHost(args[1]));
            return null;
        });
        host.define("portRequeue", args -> {
            ((MessagePortEndpoint) args[0].asHostObject()).requeue(List.of(args[1].asHostObject()));
            return null;
        });
        host.define("messageRecord", args -> MessageRecords.toHost(args[0].asHostObject()));
        host.define("clientPostMessage", args -> {
            binding.services().postMessageToClient(args[0].asString(), MessageRecords.fromHost(args[1]));
            return null;
        });
        host.define("workerPostMessage", args -> {
            binding.services().postMessageToWorker(args[0].asString(), MessageRecords.fromHost(args[1]));
            return null;
        });
        host.define("broadcastOpen", args -> binding.openBroadcast(args[0].asString(), args[1]));
        host.define("broadcastPost", args -> {
            ((BroadcastChannelRegistry.Channel) args[0].asHostObject()).post(MessageRecords.fromHost(args[1]));
            return null;
        });
        host.define("broadcastClose", args -> {
            BroadcastChannelRegistry.Channel channel = args[0].asHostObject();
            channel.close();
            binding.channels.remove(channel);
            return null;
        });
        return binding;
    }

    private WorkerServices services() {
        return scope.worker().startParameters().services();
    }

    /** A port object for {@code endpoint} now lives in this realm: its messages become tasks calling {@code deliver}. */
    private void bind(MessagePortEndpoint endpoint, Value deliver) {
        WorkerInstance worker = scope.worker();
        boundPorts.add(endpoint);
        endpoint.bind(message -> {
            if (!worker.post("port message", () -> deliver.execute(message))) {
                endpoint.close();
            }
        });
    }

    private Object openBroadcast(String name, Value deliver) {
        WorkerInstance worker = scope.worker();
        BroadcastChannelRegistry.Channel channel = services().openBroadcastChannel(name,
                message -> worker.post("broadcast message", () -> deliver.execute(message)));
        channels.add(channel);
        return channel;
    }

    /** The realm ended: its ports are disentangled, its broadcast channels closed. */
    void close() {
        boundPorts.forEach(MessagePortEndpoint::close);
        boundPorts.clear();
        channels.forEach(BroadcastChannelRegistry.Channel::close);
        channels.clear();
    }
}
