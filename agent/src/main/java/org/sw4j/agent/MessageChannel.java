package org.sw4j.agent;

import org.sw4j.webapi.message.MessagePortEndpoint;

/** HTML's {@code MessageChannel} in Java: two entangled ports, one to keep and one to transfer. */
public final class MessageChannel {
    private final MessagePort port1;
    private final MessagePort port2;

    public MessageChannel() {
        MessagePortEndpoint.Pair pair = MessagePortEndpoint.entangledPair();
        this.port1 = new MessagePort(pair.port1());
        this.port2 = new MessagePort(pair.port2());
    }

    public MessagePort port1() {
        return port1;
    }

    public MessagePort port2() {
        return port2;
    }
}
