package io.jenkins.plugins.databricks.reliability;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.Backend;
import io.jenkins.plugins.databricks.deploy.DatabricksGateway;
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
import io.jenkins.plugins.databricks.emulator.Faults;
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
 * "sleep" by moving a manual clock), the gateway of one {@link Backend} (REST 1.2 unless told) and the Deployer, whose poller moves the same clock. So
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

    final Backend backend;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private Rest12Client reader;

    Rig(Path workspace) {
        this(workspace, Backend.REST_1_2);
    }

    Rig(Path workspace, Backend backend) {
        this.workspace = workspace;
        this.backend = backend;
        emulator.settings().clock(clock);
        emulator.addCluster(ETL, "etl", ClusterState.RUNNING);
        emulator.addCluster(ML, "ml", ClusterState.RUNNING);
        emulator.addCluster(OFF, "nightly", ClusterState.TERMINATED);
        backend.prepare(emulator);
    }

    /** The backend's gateway over a transport of its own (short timeouts, quick retries). */
    DatabricksGateway backendGateway(Auth auth, Duration responseTimeout) {
        return backend.gateway(client(auth, responseTimeout).transport(), poller());
    }

    /**
     * Faults on the backend's call for what the 1.2 endpoint names: {@code libraries/upload} is the file PUT on
     * 2.x, {@code libraries/attach} the install, {@code libraries/status} the all-cluster statuses ...
     */
    Faults.Scope faultsOn(String rest12Endpoint) {
        if (backend == Backend.REST_1_2) {
            return emulator.faults().forPath(rest12Endpoint);
        }
        return switch (rest12Endpoint) {
            case "libraries/upload" -> emulator.faults().forPathPrefix("/api/2.0/fs/files/");
            default -> emulator.faults().forPath(rest2Path(rest12Endpoint));
        };
    }

    /** How many requests the emulator served to the backend's call for that 1.2 endpoint. */
    List<io.jenkins.plugins.databricks.emulator.JournalEntry> served(String rest12Endpoint) {
        if (backend == Backend.REST_1_2) {
            return emulator.journal().forEndpoint(rest12Endpoint);
        }
        String path = rest12Endpoint.equals("libraries/upload") ? "/api/2.0/fs/files/" : rest2Path(rest12Endpoint);
        return emulator.journal()
                .matching(e -> rest12Endpoint.equals("libraries/upload")
                        ? e.path().startsWith(path) && e.method().equals("PUT")
                        : e.path().equals(path));
    }

    private static String rest2Path(String rest12Endpoint) {
        return switch (rest12Endpoint) {
            case "libraries/attach" -> "/api/2.0/libraries/install";
            case "libraries/detach" -> "/api/2.0/libraries/uninstall";
            case "libraries/status" -> "/api/2.0/libraries/all-cluster-statuses";
            case "clusters/restart" -> "/api/2.1/clusters/restart";
            case "clusters/list" -> "/api/2.1/clusters/list";
            default -> throw new IllegalArgumentException("no 2.x call for " + rest12Endpoint);
        };
    }

    /** The status an answered upload gets: 200 on 1.2, 204 (no body) from the Files API. */
    int uploadedStatus() {
        return backend == Backend.REST_1_2 ? 200 : 204;
    }

    /** Installs take {@code delay} before they land (1.2 attach delay; 2.x a long PENDING). */
    void slowInstalls(Duration delay) {
        emulator.settings().attachDelay(delay);
        emulator.settings().libraryPendingDuration(delay.isZero() ? Duration.ofMillis(10) : delay);
    }

    /** The state-changing calls in the engine's words (upload, install, uninstall, restart ...). */
    List<String> mutations() {
        return backend.mutations(emulator);
    }

    /** The ids of every stored jar whose name contains {@code text}, not deleted. */
    List<String> storedIds(String text) {
        if (backend == Backend.REST_1_2) {
            return emulator.libraries().stream()
                    .filter(l -> l.name().contains(text) && !l.deleted())
                    .map(EmulatedLibrary::id)
                    .toList();
        }
        return emulator.files().stream()
                .filter(f -> f.name().contains(text))
                .map(f -> f.path())
                .toList();
    }

    /** Lets what is under way finish, then reads where the library stands on a cluster, in the engine's words. */
    String settledPhase(String libraryId, String clusterId) {
        clock.advance(Duration.ofMinutes(10));
        if (reader == null) {
            // a token of its own: a scenario may have expired the deploy's
            reader = client(
                    Auth.bearer(emulator.issueToken(emulator.settings().defaultUserName())), Duration.ofSeconds(5));
        }
        return backend.statusOn(emulator, reader.transport(), libraryId, clusterId);
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

    Deployer deployer(DatabricksGateway gateway) {
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
                .folder(backend.folder())
                .auth(WorkspaceAuth.bearer(emulator.token()))
                .jar("target/app-*.jar")
                .clusters(List.of(clusters))
                .waitTimeoutSeconds(600)
                .smokeTimeoutSeconds(120);
    }

    /** Deploys version {@code v} of the app to etl and ml, successfully: the "old version" of a scenario. */
    String baseline(String version) throws Exception {
        jar(version);
        DeployReport report = deployer(backendGateway(Auth.bearer(emulator.token()), Duration.ofSeconds(5)))
                .deploy(spec(ETL, ML).build());
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
