package org.sw4j.inspector.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.sw4j.agent.FetchRecord;

/**
 * What the inspector heard of the user agent: the last fetch records (a ring buffer) and a live
 * feed of fetches and lifecycle events to the page's event streams. Each subscriber has a bounded
 * queue; a subscriber too slow to keep up loses events rather than holding memory. A fetch is
 * kept as its record and made JSON when read or when a subscriber is listening: the proxy reports
 * every request it serves, and most are never looked at.
 */
public final class EventFeed {
    /** One server-sent event: its name and its JSON-ready data. */
    public record Event(String name, Map<String, Object> data) {
    }

    /** The end of a subscription (the feed closed). */
    static final Event END = new Event("end", Map.of());

    private final int capacity;
    private final ArrayDeque<FetchRecord> fetches;
    private final List<BlockingQueue<Event>> subscribers = new CopyOnWriteArrayList<>();
    private final int maxSubscribers;
    private volatile boolean closed;

    public EventFeed(int capacity, int maxSubscribers) {
        this.capacity = capacity;
        this.fetches = new ArrayDeque<>(capacity);
        this.maxSubscribers = maxSubscribers;
    }

    public int capacity() {
        return capacity;
    }

    /** Records a fetch and tells the subscribers. */
    public void fetch(FetchRecord record) {
        if (closed) {
            return;
        }
        synchronized (fetches) {
            if (fetches.size() == capacity) {
                fetches.removeFirst();
            }
            fetches.addLast(record);
        }
        if (!subscribers.isEmpty()) {
            publish(new Event("fetch", InspectorApi.fetch(record)));
        }
    }

    /** The recorded fetches, oldest first, as JSON-ready maps. */
    public List<Map<String, Object>> fetches() {
        List<FetchRecord> records;
        synchronized (fetches) {
            records = new ArrayList<>(fetches);
        }
        List<Map<String, Object>> json = new ArrayList<>(records.size());
        for (FetchRecord record : records) {
            json.add(InspectorApi.fetch(record));
        }
        return json;
    }

    /** Tells the subscribers (a lifecycle event, a change an action made). */
    public void publish(Event event) {
        if (closed) {
            return;
        }
        for (BlockingQueue<Event> queue : subscribers) {
            queue.offer(event);
        }
    }

    /**
     * A new subscription.
     *
     * @throws ApiError 503 when there are already as many as allowed
     */
    public BlockingQueue<Event> subscribe() {
        synchronized (subscribers) {
            if (closed) {
                throw ApiError.unavailable("the inspector is closing");
            }
            if (subscribers.size() >= maxSubscribers) {
                throw ApiError.unavailable("too many event streams are open (" + maxSubscribers + ")");
            }
            BlockingQueue<Event> queue = new ArrayBlockingQueue<>(1024);
            subscribers.add(queue);
            return queue;
        }
    }

    public void unsubscribe(BlockingQueue<Event> queue) {
        subscribers.remove(queue);
    }

    /** Waits up to {@code millis} for the subscription's next event; null when none came. */
    static Event next(BlockingQueue<Event> queue, long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Ends every subscription. */
    public void close() {
        synchronized (subscribers) {
            closed = true;
            for (BlockingQueue<Event> queue : subscribers) {
                queue.clear();
                queue.offer(END);
            }
        }
    }
}
