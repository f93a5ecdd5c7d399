package io.jenkins.plugins.databricks.emulator;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone until killed, so a person can try a whole deploy without a Databricks account:
 * {@code [--port N]} (default: ephemeral) {@code [--restart-seconds S]} (default 5, closer to a real restart).
 * Starts with three demo clusters (two Running, one Terminated) seen by both faces: {@code Demo Shared} in standard
 * access mode, {@code Demo ETL} dedicated to the token's user, {@code Demo Idle} terminated; and, for the 2.x face,
 * the volume {@code main.default.libs} with its {@code jars} folder on the jar allowlist. Prints the URL and a token.
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
        out.println("Databricks emulator (REST 1.2 and 2.x) listening on " + emulator.url());
        out.println("Token (Bearer, or Basic user 'token'): " + emulator.token() + " for user "
                + emulator.settings().defaultUserName());
        for (EmulatedCluster c : emulator.clusters()) {
            out.println(
                    "  cluster " + c.id() + " '" + c.name() + "' " + c.state().wire() + ", " + c.accessMode()
                            + (c.singleUserName() == null ? "" : " (" + c.singleUserName() + ")"));
        }
        for (EmulatedVolume v : emulator.volumes()) {
            out.println("  volume " + v.path());
        }
        out.println("  jar allowlist " + emulator.allowlists().matchers(ArtifactAllowlists.ArtifactType.LIBRARY_JAR));
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
                .startDuration(Duration.ofSeconds(restartSeconds))
                .libraryPendingDuration(Duration.ofSeconds(1))
                .libraryInstallDuration(Duration.ofSeconds(2))
                .contextStartDuration(Duration.ofSeconds(1))
                .commandRunDuration(Duration.ofSeconds(1));
        emulator.addCluster("0101-120000-demo1", "Demo Shared", ClusterState.RUNNING)
                .accessMode(AccessMode.USER_ISOLATION);
        emulator.addCluster("0101-120000-demo2", "Demo ETL", ClusterState.RUNNING)
                .singleUser(emulator.settings().defaultUserName());
        emulator.addCluster("0101-120000-demo3", "Demo Idle", ClusterState.TERMINATED);
        EmulatedVolume libs = emulator.addVolume("main", "default", "libs");
        emulator.catalogDirectory(libs.path() + "/jars");
        emulator.allowlists().jarPrefixes(libs.path() + "/jars/");
        return emulator;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
