package io.jenkins.plugins.databricks.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs the smoke test on several clusters at once: a context start alone takes seconds to tens of seconds (a job run
 * longer), so one
 * cluster after another would make ten clusters take ten times as long as one.
 *
 * <p>Each deploy gets a pool of its own, at most {@link #MAX_PARALLEL} daemon threads named {@value #THREAD_PREFIX}
 * plus the deploy and the cluster, and {@link #run} returns only once every one of them has ended, whatever happens:
 * no thread outlives the smoke step. The first failure stops the others (their threads are interrupted, so each
 * cancels its command and destroys its context; the ones not started yet are skipped), because every minute the
 * failing version stays attached counts. An interrupt of the calling thread (a Jenkins abort) stops them all the same
 * way. Either way the results come back in target order.
 */
final class ParallelSmoke {

    /** Enough to cover most deploys in one round without opening dozens of connections to the workspace at once. */
    static final int MAX_PARALLEL = 8;

    static final String THREAD_PREFIX = "databricks-smoke ";

    /**
     * Every cluster's result, in target order.
     *
     * @param firstFailure the failure that stopped the others, or {@code null}
     * @param interrupted the calling thread was interrupted (its flag is cleared; the caller aborts)
     */
    record Round(List<SmokeRunner.Result> results, SmokeRunner.Result firstFailure, boolean interrupted) {}

    private final ClusterSmoke smoke;
    private final String deployName;

    /** @param deployName names the threads, e.g. "app-1.2.jar (build #42)" */
    ParallelSmoke(ClusterSmoke smoke, String deployName) {
        this.smoke = smoke;
        this.deployName = deployName;
    }

    Round run(List<RemoteCluster> clusters) {
        int n = clusters.size();
        AtomicReferenceArray<SmokeRunner.Result> results = new AtomicReferenceArray<>(n);
        // Set before the others are interrupted, so each tells "cancelled because another failed" from an abort.
        AtomicReference<String> stopReason = new AtomicReference<>();
        BlockingQueue<Integer> finished = new LinkedBlockingQueue<>();
        Threads threads = new Threads();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, n), threads);
        SmokeRunner.Result first = null;
        boolean interrupted = false;
        try {
            for (int i = 0; i < n; i++) {
                int index = i;
                RemoteCluster cluster = clusters.get(i);
                pool.execute(() -> {
                    try {
                        results.set(index, runOne(cluster, stopReason));
                    } finally {
                        finished.add(index);
                    }
                });
            }
            for (int done = 0; done < n && first == null; done++) {
                SmokeRunner.Result result = results.get(finished.take());
                if (result != null && !result.passed()) {
                    first = result;
                    stopReason.set("the " + smoke.noun() + " " + result.report().status() + " on "
                            + result.cluster().label());
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            pool.shutdownNow(); // interrupts the running ones; the queued ones never start
            interrupted |= threads.awaitAll(pool);
        }
        List<SmokeRunner.Result> inOrder = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SmokeRunner.Result result = results.get(i);
            if (result == null) {
                String reason = stopReason.get();
                result = SmokeRunner.skipped(clusters.get(i), reason != null ? reason : "the deploy was aborted");
            }
            inOrder.add(result);
        }
        return new Round(inOrder, first, interrupted);
    }

    private SmokeRunner.Result runOne(RemoteCluster cluster, AtomicReference<String> stopReason) {
        Thread me = Thread.currentThread();
        String poolName = me.getName();
        me.setName(THREAD_PREFIX + deployName + " on " + cluster.label());
        try {
            String reason = stopReason.get();
            if (reason != null) {
                return SmokeRunner.skipped(cluster, reason);
            }
            return smoke.run(cluster, stopReason::get);
        } catch (RuntimeException | Error e) {
            // A bug (or an Error such as running out of memory) must still stop the others and roll back, as a failure
            // on the deploying thread would; a thread that died without a result would read as "skipped", not failed.
            return new SmokeRunner.Result(
                    cluster,
                    new DeployReport.SmokeReport(
                            cluster.id(), SmokeRunner.FAILED, null, null, 0, "unexpected error: " + e),
                    false);
        } finally {
            me.setName(poolName);
        }
    }

    /** Creates the pool's threads and keeps them, so the round can join every one before it returns. */
    private final class Threads implements ThreadFactory {
        private final List<Thread> created = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, THREAD_PREFIX + deployName + " #" + (created.size() + 1));
            thread.setDaemon(true);
            created.add(thread);
            return thread;
        }

        /**
         * Waits, through interrupts, until the pool has ended and each of its threads has died: the threads are
         * cancelling commands and destroying contexts, and leaving before they are done would leak both.
         *
         * @return whether the waiting thread was interrupted meanwhile
         */
        boolean awaitAll(ExecutorService pool) {
            boolean interrupted = false;
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            List<Thread> all;
            synchronized (created) {
                all = List.copyOf(created);
            }
            for (Thread thread : all) {
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            return interrupted;
        }
    }
}
