package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.cli.DemoJar;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedCluster;
import io.jenkins.plugins.databricks.emulator.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The emulator on real HTTP, the real client and gateway for one {@link Backend}, and one manual clock shared by the
 * emulator and the engine's poller: a poll "sleeps" by moving the clock, so restarts and commands progress without
 * real waiting. On REST 2.x the emulator has the volume {@code main.ci.jars}, its folder on the jar allowlist, and
 * the clusters in standard access mode.
 */
final class EmulatorHarness implements AutoCloseable {

    static final String RUNNING_1 = "0101-000000-run1";
    static final String RUNNING_2 = "0101-000000-run2";
    static final String TERMINATED = "0101-000000-off1";

    final DatabricksEmulator emulator = DatabricksEmulator.start();
    final ManualClock clock = new ManualClock();
    final Backend backend;
    final HttpTransport transport;
    /** The 1.2 calls on the same transport (commands on both backends; libraries on 1.2). */
    final Rest12Client client;

    final DatabricksGateway gateway;
    final List<String> log = new CopyOnWriteArrayList<>();
    final Path workspace;
    /** Runs before each poll sleep; a test uses it to interrupt or to act as another party. */
    volatile Runnable beforeSleep = () -> {};

    EmulatorHarness(Path workspace) {
        this(workspace, Backend.REST_1_2);
    }

    EmulatorHarness(Path workspace, Backend backend) {
        this.workspace = workspace;
        this.backend = backend;
        emulator.settings().clock(clock);
        emulator.addCluster(RUNNING_1, "etl", ClusterState.RUNNING);
        emulator.addCluster(RUNNING_2, "ml", ClusterState.RUNNING);
        emulator.addCluster(TERMINATED, "nightly", ClusterState.TERMINATED);
        backend.prepare(emulator);
        transport = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(RetryPolicy.builder()
                        .clock(clock)
                        .sleeper(clock::sleep)
                        .jitter(Duration.ZERO)
                        .build())
                .retryListener(Rest12Gateway.retriesTo(log::add))
                .build();
        client = new Rest12Client(transport);
        gateway = backend.gateway(transport, poller());
    }

    EmulatedCluster cluster(String id) {
        return emulator.cluster(id);
    }

    /** The library's status on that cluster in the engine's words (INSTALLED, PENDING, REMOVED_AT_RESTART ...). */
    String statusOn(String libraryId, String clusterId) {
        return backend.statusOn(emulator, transport, libraryId, clusterId);
    }

    /** A server word as this backend spells it (Running, Terminated, Attached ... on 1.2). */
    String word(String rest12Word) {
        return backend.word(rest12Word);
    }

    /** Whether a jar is stored under that id (not deleted). */
    boolean stored(String libraryId) {
        return backend.storedSha256(emulator, libraryId) != null;
    }

    /** The state-changing calls so far in the engine's words (upload, install, uninstall, restart, start, delete). */
    List<String> mutations() {
        return backend.mutations(emulator);
    }

    /**
     * The usual starting point of a failure test: version 1.0.0 deployed to etl, 1.1.0 the jar to deploy next, the
     * journal and the log cleared. Returns the old version's library id.
     */
    String oldVersionOnEtl() throws Exception {
        jar("1.0.0");
        String v1 = deploy(spec("etl")).library().id();
        jar("1.1.0");
        emulator.journal().clear();
        log.clear();
        return v1;
    }

    Poller poller() {
        return new Poller(Duration.ofMillis(100), 2, Duration.ofSeconds(10), clock, d -> {
            beforeSleep.run();
            clock.sleep(d);
        });
    }

    Deployer deployer() {
        return deployer(gateway);
    }

    Deployer deployer(DatabricksGateway via) {
        return new Deployer(via, new LocalJarLocator(workspace), log::add, poller());
    }

    /** Writes target/app-&lt;version&gt;.jar (removing other versions) and returns its relative path. */
    String jar(String version) throws IOException {
        java.nio.file.Path target = workspace.resolve("target");
        if (java.nio.file.Files.isDirectory(target)) {
            try (var files = java.nio.file.Files.list(target)) {
                for (Path p : files.toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
        DemoJar.write(target.resolve("app-" + version + ".jar"), version);
        return "target/app-" + version + ".jar";
    }

    DeploySpec.Builder spec(String... clusters) {
        return DeploySpec.builder()
                .workspaceUrl(emulator.url())
                .folder(backend.folder())
                .jar("target/app-*.jar")
                .clusters(List.of(clusters))
                .waitTimeoutSeconds(600);
    }

    DeployReport deploy(DeploySpec.Builder spec) throws Exception {
        return deployer().deploy(spec.build());
    }

    String logText() {
        return String.join("\n", log);
    }

    @Override
    public void close() {
        transport.close();
        emulator.close();
    }
}
