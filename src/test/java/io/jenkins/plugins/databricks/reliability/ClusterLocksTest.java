package io.jenkins.plugins.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.databricks.deploy.ClusterLocks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-cluster lock on its own: who waits, for whom, what an interrupt leaves behind, and no deadlock. */
class ClusterLocksTest {

    private static final String WS = "https://dbc-1.cloud.databricks.com";

    private final ClusterLocks locks = new ClusterLocks();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void secondHolderOfTheSameClusterWaitsAndSaysForWhom() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch waiting = new CountDownLatch(1);
        ClusterLocks.Lease first = locks.acquire(WS, List.of("c1"), "deploy of app-1.jar (build 7)", log::add);
        Future<?> second = pool.submit(() -> {
            try (ClusterLocks.Lease lease = locks.acquire(WS + "/", List.of("c1"), "deploy of app-2.jar", line -> {
                log.add(line);
                waiting.countDown();
            })) {
                log.add("second has it");
            }
            return null;
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(log)
                .containsExactly("Waiting for another deploy to cluster c1 to finish: deploy of app-1.jar (build 7)");
        first.close();
        second.get(10, TimeUnit.SECONDS);
        assertThat(log).endsWith("Cluster c1 is free now; going ahead", "second has it");
        assertThat(locks.idle()).isTrue();
    }

    @Test
    void otherClustersAndOtherWorkspacesDoNotWait() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (ClusterLocks.Lease a = locks.acquire(WS, List.of("c1"), "a", log::add);
                ClusterLocks.Lease b = pool.submit(() -> locks.acquire(WS, List.of("c2"), "b", log::add))
                        .get(10, TimeUnit.SECONDS);
                ClusterLocks.Lease c = pool.submit(
                                () -> locks.acquire("https://other.example", List.of("c1"), "c", log::add))
                        .get(10, TimeUnit.SECONDS)) {
            assertThat(log).isEmpty();
            assertThat(locks.idle()).isFalse();
        }
        assertThat(locks.idle()).isTrue();
    }

    @Test
    void interruptWhileWaitingLeavesNothingHeld() throws Exception {
        ClusterLocks.Lease first = locks.acquire(WS, List.of("c2"), "first", line -> {});
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                // c1 is free and taken first (sorted order), then c2 blocks.
                locks.acquire(WS, List.of("c2", "c1"), "second", line -> waiting.countDown());
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        t.interrupt();
        t.join(10_000);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        first.close();
        // c1, taken before the wait, was given back: a third party gets both at once.
        try (ClusterLocks.Lease third = locks.acquire(WS, List.of("c1", "c2"), "third", line -> {
            throw new AssertionError("should not wait: " + line);
        })) {
            assertThat(locks.idle()).isFalse();
        }
        assertThat(locks.idle()).isTrue();
    }

    @Test
    void overlappingTargetsInOppositeOrderDoNotDeadlock() throws Exception {
        int rounds = 200;
        Future<?> ab = pool.submit(() -> {
            for (int i = 0; i < rounds; i++) {
                locks.acquire(WS, List.of("a", "b"), "ab", line -> {}).close();
            }
            return null;
        });
        Future<?> ba = pool.submit(() -> {
            for (int i = 0; i < rounds; i++) {
                locks.acquire(WS, List.of("b", "a"), "ba", line -> {}).close();
            }
            return null;
        });
        ab.get(30, TimeUnit.SECONDS);
        ba.get(30, TimeUnit.SECONDS);
        assertThat(locks.idle()).isTrue();
    }

    @Test
    void releasedSinceTellsWhetherAPlanMayBeStale() throws Exception {
        long before = locks.sequence();
        try (ClusterLocks.Lease lease = locks.acquire(WS, List.of("c1"), "first", line -> {})) {
            assertThat(lease.releasedSince(before)).isFalse();
        }
        locks.acquire(WS, List.of("other"), "unrelated", line -> {}).close();
        try (ClusterLocks.Lease lease = locks.acquire(WS, List.of("c1"), "second", line -> {})) {
            assertThat(lease.releasedSince(before)).isTrue();
            assertThat(lease.releasedSince(locks.sequence())).isFalse();
        }
    }

    @Test
    void theSameThreadCannotWaitForItself() throws Exception {
        try (ClusterLocks.Lease lease = locks.acquire(WS, List.of("c1"), "outer", line -> {})) {
            assertThatThrownBy(() -> locks.acquire(WS, List.of("c1"), "inner", line -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("c1");
        }
        assertThat(locks.idle()).isTrue();
    }
}
