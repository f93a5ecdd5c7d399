package io.jenkins.plugins.databricks.benchmark;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM: with the emulator in a process of its own, every thread here is our client or engine. */
final class OwnCpu {

    private OwnCpu() {}

    /** All threads of this process so far (JIT and GC included), in nanoseconds; -1 if the JVM cannot tell. */
    static long processNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }
}
