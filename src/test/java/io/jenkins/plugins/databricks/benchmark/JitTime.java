package io.jenkins.plugins.databricks.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/** Time this JVM's JIT compilers have spent so far: their threads' CPU counts in the process's. */
final class JitTime {

    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private JitTime() {}

    /** Milliseconds of compiling so far; 0 where the JVM does not tell. */
    static long millis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }
}
