package io.jenkins.plugins.databricks.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the time from the interrupt of a deploy whose status poll is hanging (the server holds its answer for 30 s)
 * to the rollback's first call, over real HTTP against the emulator: what "an abort cancels the request in flight"
 * buys. Run: {@code java -cp <test classpath> io.jenkins.plugins.databricks.deploy.AbortLatency [runs]}.
 */
public final class AbortLatency {

    private AbortLatency() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path dir = Files.createTempDirectory("abort-latency");
            try (EmulatorHarness h = new EmulatorHarness(dir)) {
                h.oldVersionOnEtl();
                AbortTest.AbortTiming timing = AbortTest.AbortTiming.measure(h, Duration.ofSeconds(30));
                millis.add(timing.interruptToFirstRollbackCall().toMillis());
                Thread.interrupted();
            }
        }
        millis.sort(null);
        System.out.println("interrupt to first rollback call over " + runs + " runs: median " + millis.get(runs / 2)
                + " ms, max " + millis.get(runs - 1) + " ms (all: " + millis + " ms)");
    }
}
