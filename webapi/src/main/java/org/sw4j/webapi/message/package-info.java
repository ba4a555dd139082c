/**
 * HTML's cross-context messaging, engine-independent: serialized messages
 * ({@link org.sw4j.webapi.message.SerializedMessage}, the output of StructuredSerializeWithTransfer)
 * and the entangled ends of message channels ({@link org.sw4j.webapi.message.MessagePortEndpoint}),
 * so that a message or a port can go from one JavaScript realm to another, or to Java.
 */
package org.sw4j.webapi.message;
