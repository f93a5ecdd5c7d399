package io.jenkins.plugins.databricks.benchmark;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This JVM's heap in use, sampled every 5 ms while it runs: a high-water mark that includes garbage not yet
 * collected, so it says how much heap the work needs at most, not what it keeps.
 */
final class HeapHighWater implements AutoCloseable {

    private final AtomicLong highWater = new AtomicLong();
    private final Thread sampler;

    HeapHighWater() {
        sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        long used = ManagementFactory.getMemoryMXBean()
                                .getHeapMemoryUsage()
                                .getUsed();
                        highWater.accumulateAndGet(used, Math::max);
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-high-water");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The highest heap in use seen so far, in MiB. */
    double mib() {
        return highWater.get() / 1024.0 / 1024.0;
    }

    @Override
    public void close() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
    }
}
