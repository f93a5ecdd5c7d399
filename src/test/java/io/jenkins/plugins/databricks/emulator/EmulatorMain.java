package io.jenkins.plugins.databricks.emulator;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone until killed, so a person can try a whole deploy without a Databricks account:
 * {@code [--port N]} (default: ephemeral) {@code [--restart-seconds S]} (default 5, closer to a real restart).
 * Starts with three demo clusters (two Running, one Terminated) and prints the URL and a token.
 */
public final class EmulatorMain {

    private EmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        long restartSeconds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--restart-seconds" -> restartSeconds = Long.parseLong(value(args, ++i, "--restart-seconds"));
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument '" + args[i] + "'; use --port N and/or --restart-seconds S");
            }
        }
        DatabricksEmulator emulator = start(port, restartSeconds);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("Databricks REST 1.2 emulator listening on " + emulator.url());
        out.println("Token (Bearer, or Basic user 'token'): " + emulator.token());
        for (EmulatedCluster c : emulator.clusters()) {
            out.println(
                    "  cluster " + c.id() + " '" + c.name() + "' " + c.state().wire());
        }
        out.println("Stop with Ctrl-C.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** The standalone emulator with its demo clusters; separate from main so a test can check it. */
    static DatabricksEmulator start(int port, long restartSeconds) {
        DatabricksEmulator emulator = DatabricksEmulator.start(port);
        emulator.settings()
                .restartDuration(Duration.ofSeconds(restartSeconds))
                .terminateDuration(Duration.ofSeconds(Math.max(1, restartSeconds / 2)))
                .contextStartDuration(Duration.ofSeconds(1))
                .commandRunDuration(Duration.ofSeconds(1));
        emulator.addCluster("0101-120000-demo1", "Demo Shared", ClusterState.RUNNING);
        emulator.addCluster("0101-120000-demo2", "Demo ETL", ClusterState.RUNNING);
        emulator.addCluster("0101-120000-demo3", "Demo Idle", ClusterState.TERMINATED);
        return emulator;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
