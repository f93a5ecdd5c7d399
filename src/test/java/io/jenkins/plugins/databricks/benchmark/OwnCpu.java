package io.jenkins.plugins.databricks.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of this JVM: with the emulator in a process of its own, every thread here is our client or engine. */
final class OwnCpu {

    private static final Path STAT = Path.of("/proc/self/stat");

    private OwnCpu() {}

    /** All threads of this process so far (JIT and GC included), in nanoseconds; -1 if the JVM cannot tell. */
    static long processNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    /**
     * The kernel's part of {@link #processNanos()} so far (system calls, and on loopback much of the TCP work of
     * both ends), from {@code /proc/self/stat} in clock ticks taken as 10 ms; -1 where there is no such file.
     */
    static long systemNanos() {
        try {
            String stat = Files.readString(STAT);
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
            // stime field 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[12]) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
