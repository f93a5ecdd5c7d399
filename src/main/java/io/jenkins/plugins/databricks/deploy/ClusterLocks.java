package io.jenkins.plugins.databricks.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One deploy at a time per cluster, across the whole JVM (one Jenkins controller runs every deploy in its own JVM).
 * Two deploys that swap libraries on the same cluster at once would each plan against a state the other is about to
 * change: both new versions could end up attached, or one would detach what the other just attached. So a deploy
 * holds a lease on every target cluster from just before its first change until it has finished, and a second
 * deploy to any of those clusters waits, saying for whom.
 *
 * <p>A key is the workspace (lower-cased, without trailing slashes) plus the cluster id, so the same cluster id in two
 * workspaces never collides. A lease takes its keys in sorted order, so two deploys with overlapping targets cannot
 * deadlock. Waiting is interruptible (a Jenkins abort); an interrupted acquisition releases what it had taken.
 *
 * <p>{@link #sequence()} and {@link Lease#releasedSince(long)} tell a deploy whether another deploy to one of its
 * clusters finished after it planned, so it can plan again against the state that deploy left.
 */
public final class ClusterLocks {

    private static final ClusterLocks JVM_WIDE = new ClusterLocks();

    /** Who holds a key: the description for others' waiting messages, and the thread, to refuse re-entry. */
    private record Holder(String description, Thread thread) {}

    /** Who holds each key. Guarded by {@code this}. */
    private final Map<String, Holder> holders = new HashMap<>();

    /** The {@link #sequence} value at each key's latest release. Guarded by {@code this}. */
    private final Map<String, Long> releasedAt = new HashMap<>();

    /** Counts releases; guarded by {@code this}. */
    private long sequence;

    /** A separate set of locks; deploys share {@link #jvmWide()}. */
    public ClusterLocks() {}

    /** The locks every {@link Deployer} shares. */
    public static ClusterLocks jvmWide() {
        return JVM_WIDE;
    }

    /** A stamp to compare with {@link Lease#releasedSince(long)} later: take it before planning. */
    public synchronized long sequence() {
        return sequence;
    }

    /**
     * Takes every cluster of {@code clusterIds} in {@code workspace}, waiting for other holders one key at a time, in
     * sorted order. Each wait is logged once through {@code log}, naming the cluster and the holder.
     *
     * @param holder what the caller is doing, for the waiting messages of others, e.g. "deploy of app-1.2.jar (build
     *     #42)"; never a secret
     * @throws InterruptedException when interrupted while waiting; nothing stays held then
     */
    public Lease acquire(String workspace, Collection<String> clusterIds, String holder, Consumer<String> log)
            throws InterruptedException {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(log, "log");
        String ws = normaliseWorkspace(workspace);
        TreeSet<String> keys = new TreeSet<>();
        for (String id : clusterIds) {
            keys.add(ws + " " + Objects.requireNonNull(id, "cluster id"));
        }
        List<String> taken = new ArrayList<>();
        boolean done = false;
        try {
            for (String key : keys) {
                take(key, holder, log);
                taken.add(key);
            }
            done = true;
            return new Lease(List.copyOf(taken));
        } finally {
            if (!done) {
                release(taken);
            }
        }
    }

    private void take(String key, String holder, Consumer<String> log) throws InterruptedException {
        Holder me = new Holder(holder, Thread.currentThread());
        Holder current;
        synchronized (this) {
            current = holders.putIfAbsent(key, me);
        }
        if (current == null) {
            return;
        }
        if (current.thread() == me.thread()) {
            // Waiting for ourselves would never end.
            throw new IllegalStateException("this thread already holds cluster " + clusterOf(key));
        }
        log.accept("Waiting for another deploy to cluster " + clusterOf(key) + " to finish: " + current.description());
        synchronized (this) {
            while (holders.containsKey(key)) {
                wait();
            }
            holders.put(key, me);
        }
        log.accept("Cluster " + clusterOf(key) + " is free now; going ahead");
    }

    private synchronized void release(List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        sequence++;
        for (String key : keys) {
            holders.remove(key);
            releasedAt.put(key, sequence);
        }
        notifyAll();
    }

    private synchronized boolean releasedSince(List<String> keys, long stamp) {
        return keys.stream().anyMatch(k -> releasedAt.getOrDefault(k, Long.MIN_VALUE) > stamp);
    }

    /** Whether any lease is currently held, for tests and diagnostics. */
    public synchronized boolean idle() {
        return holders.isEmpty();
    }

    static String normaliseWorkspace(String workspace) {
        String ws = Objects.requireNonNull(workspace, "workspace").strip().toLowerCase(Locale.ROOT);
        while (ws.endsWith("/")) {
            ws = ws.substring(0, ws.length() - 1);
        }
        return ws;
    }

    private static String clusterOf(String key) {
        return key.substring(key.lastIndexOf(' ') + 1);
    }

    /** Held clusters; closing releases them (once) and wakes the deploys waiting for them. */
    public final class Lease implements AutoCloseable {
        private final List<String> keys;
        private boolean closed;

        private Lease(List<String> keys) {
            this.keys = keys;
        }

        /**
         * Whether another deploy released one of these clusters after {@code stamp} (from {@link #sequence()}): the
         * state planned before the stamp may be stale.
         */
        public boolean releasedSince(long stamp) {
            return ClusterLocks.this.releasedSince(keys, stamp);
        }

        @Override
        public void close() {
            synchronized (ClusterLocks.this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(keys);
        }
    }
}
