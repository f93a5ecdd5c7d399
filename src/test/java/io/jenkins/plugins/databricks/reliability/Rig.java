package io.jenkins.plugins.databricks.reliability;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.DeployListener;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.deploy.LocalJarLocator;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.cli.DemoJar;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;
import io.jenkins.plugins.databricks.emulator.LibraryClusterStatus;
import io.jenkins.plugins.databricks.emulator.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A full deploy stack for reliability tests: the emulator on real HTTP, the real client (short timeouts, retries that
 * "sleep" by moving a manual clock), the REST 1.2 gateway and the Deployer, whose poller moves the same clock. So
 * restarts, attach delays and Retry-After pauses cost no real time. Every log line goes to {@link #log}, and through
 * {@link #onLine} a test acts at a chosen step (arm a fault, expire the token, interrupt the deploy).
 */
final class Rig implements AutoCloseable {

    static final String ETL = "0101-000000-etl01";
    static final String ML = "0101-000000-ml002";
    static final String OFF = "0101-000000-off03";

    final DatabricksEmulator emulator = DatabricksEmulator.start();
    final ManualClock clock = new ManualClock();
    final List<String> log = new CopyOnWriteArrayList<>();
    final Path workspace;
    /** The library of the last {@link #baseline}. */
    volatile String baselineId;

    /** Called with every line, after it was recorded, on the thread that logs it (the smoke threads log too). */
    volatile Consumer<String> onLine = line -> {};

    private final List<AutoCloseable> opened = new ArrayList<>();

    Rig(Path workspace) {
        this.workspace = workspace;
        emulator.settings().clock(clock);
        emulator.addCluster(ETL, "etl", ClusterState.RUNNING);
        emulator.addCluster(ML, "ml", ClusterState.RUNNING);
        emulator.addCluster(OFF, "nightly", ClusterState.TERMINATED);
    }

    /** A few quick retries; waiting moves the manual clock. */
    RetryPolicy retries() {
        return RetryPolicy.builder()
                .maxAttempts(4)
                .maxTotalTime(Duration.ofMinutes(5))
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofSeconds(2))
                .jitter(Duration.ZERO)
                .clock(clock)
                .sleeper(d -> clock.advance(d))
                .build();
    }

    Rest12Client client(Auth auth, Duration responseTimeout) {
        return client(emulator.url(), auth, responseTimeout);
    }

    Rest12Client client(String url, Auth auth, Duration responseTimeout) {
        Rest12Client client = HttpTransport.builder(url)
                .auth(auth)
                .retryPolicy(retries())
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(responseTimeout)
                .build(Rest12Client::new);
        opened.add(client);
        return client;
    }

    Rest12Gateway gateway() {
        return gateway(Auth.bearer(emulator.token()), Duration.ofSeconds(5));
    }

    Rest12Gateway gateway(Auth auth, Duration responseTimeout) {
        return new Rest12Gateway(client(auth, responseTimeout));
    }

    Poller poller() {
        return new Poller(Duration.ofMillis(200), 1.5, Duration.ofSeconds(2), clock, d -> {
            if (Thread.interrupted()) {
                throw new InterruptedException("sleep interrupted");
            }
            clock.advance(d);
        });
    }

    Deployer deployer() {
        return deployer(gateway());
    }

    Deployer deployer(Rest12Gateway gateway) {
        return new Deployer(
                gateway,
                new LocalJarLocator(workspace),
                line -> {
                    log.add(line);
                    onLine.accept(line);
                },
                poller());
    }

    /** A deployer of its own (own client, own build workspace), as a second build of the same Jenkins would have. */
    Deployer deployer(Path buildWorkspace, DeployListener listener) {
        return new Deployer(gateway(), new LocalJarLocator(buildWorkspace), listener, poller());
    }

    /** Replaces target/ with a single app-&lt;version&gt;.jar. */
    void jar(String version) throws IOException {
        jar(workspace, version);
    }

    /** Replaces target/ in {@code buildWorkspace} with a single app-&lt;version&gt;.jar. */
    static void jar(Path buildWorkspace, String version) throws IOException {
        Path target = buildWorkspace.resolve("target");
        if (Files.isDirectory(target)) {
            try (var files = Files.list(target)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
        }
        DemoJar.write(target.resolve("app-" + version + ".jar"), version);
    }

    DeploySpec.Builder spec(String... clusters) {
        return DeploySpec.builder()
                .workspaceUrl(emulator.url())
                .auth(WorkspaceAuth.bearer(emulator.token()))
                .jar("target/app-*.jar")
                .clusters(List.of(clusters))
                .waitTimeoutSeconds(600)
                .smokeTimeoutSeconds(120);
    }

    /** Deploys version {@code v} of the app to etl and ml, successfully: the "old version" of a scenario. */
    String baseline(String version) throws Exception {
        jar(version);
        DeployReport report = deployer().deploy(spec(ETL, ML).build());
        if (report.outcome() != DeployReport.Outcome.DEPLOYED) {
            throw new AssertionError("baseline deploy: " + report.outcome());
        }
        log.clear();
        emulator.journal().clear();
        baselineId = report.library().id();
        return baselineId;
    }

    /** Lets restarts and delayed attaches that are under way finish, then reads a library's status on a cluster. */
    LibraryClusterStatus settledStatus(String libraryId, String clusterId) {
        clock.advance(Duration.ofMinutes(10));
        EmulatedLibrary lib = emulator.library(libraryId);
        return lib == null ? null : lib.status(clusterId);
    }

    String logText() {
        return String.join("\n", log);
    }

    List<String> lastLines(int n) {
        return log.subList(Math.max(0, log.size() - n), log.size());
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        // The JDK server's stop() waits up to a second for its dispatcher's select() to return; nobody needs to
        // watch that, so it finishes in the background (the port is ephemeral and the threads are daemons).
        Thread closer = new Thread(emulator::close, "emulator-closer");
        closer.setDaemon(true);
        closer.start();
    }
}
