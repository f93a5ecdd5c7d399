package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.api.rest2.Rest2Client;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DatabricksGateway;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.rest2.Rest2Gateway;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * REST 2.x through the engine's {@link Rest2Gateway}: a Unity Catalog volume, Libraries 2.0, Clusters 2.1, the jar
 * allowlist; the smoke command over 1.2's command execution, on the same transport, as in Jenkins.
 */
final class Rest2Fleet implements FleetBackend {

    /** The deploy's folder, below the volume, on the jar allowlist (the benchmark's clusters use standard mode). */
    static final String FOLDER = Rest2Upload.FOLDER + "/deploy";

    /** The most clusters one {@code clusters/list} page holds: the emulator's ceiling, as on Clusters 2.1. */
    static final int CLUSTERS_PER_PAGE = 100;

    /** The most entries one Files API directory page holds (documented maximum and default). */
    static final int ENTRIES_PER_PAGE = 1000;

    @Override
    public String api() {
        return "2.x";
    }

    private static final String ALL_STATUSES = "GET /api/2.0/libraries/all-cluster-statuses";

    @Override
    public String name() {
        return "REST 2.x";
    }

    /**
     * The volume and its allowlisted folder, and the documented page sizes: the emulator's own default is two a
     * page, so that its tests meet paging, which would make a fleet's listing hundreds of calls no workspace makes.
     */
    @Override
    public void prepare(RemoteEmulator emulator) throws IOException {
        emulator.addVolume(Rest2Upload.CATALOG, Rest2Upload.SCHEMA, Rest2Upload.VOLUME, FOLDER + "/");
        emulator.paging(CLUSTERS_PER_PAGE, ENTRIES_PER_PAGE);
    }

    @Override
    public Connection connect(String url, String token, Consumer<String> onRetry) {
        HttpTransport transport = HttpTransport.builder(url)
                .auth(Auth.bearer(token))
                .retryListener((endpoint, attempt, delay, reason) -> onRetry.accept(endpoint))
                .build();
        // The gateway's own poller paces only a start or restart that meets a cluster between states.
        Rest2Gateway gateway =
                new Rest2Gateway(new Rest2Client(transport), new Rest12Client(transport), Poller.standard());
        return new Connection() {
            @Override
            public DatabricksGateway gateway() {
                return gateway;
            }

            @Override
            public void close() {
                transport.close();
            }
        };
    }

    @Override
    public DeploySpec.Builder target(DeploySpec.Builder spec) {
        return spec.folder(FOLDER).api(DatabricksApi.REST_2);
    }

    /**
     * With P = ⌈N/100⌉ pages of {@code clusters/list}: pre-flight P + 4 ({@code clusters/list}, {@code HEAD} on the
     * volume, {@code PUT} of the folder (mkdir -p), the jar allowlist, the folder's listing, one {@code
     * all-cluster-statuses} for where the old versions are installed), upload 1, install N, uninstall N, restart N,
     * wait P + 1 ({@code clusters/list} and one {@code all-cluster-statuses}), smoke 5N, clean-up 1 ({@code DELETE}
     * of the file).
     */
    @Override
    public int protocolMinimum(int clusters) {
        int pages = (clusters + CLUSTERS_PER_PAGE - 1) / CLUSTERS_PER_PAGE;
        return 8 + 8 * clusters + 2 * pages;
    }

    @Override
    public String minimumFormula() {
        return "8 + 8N + 2⌈N/100⌉";
    }

    /**
     * Every wait round reads all targets' libraries in one {@code all-cluster-statuses} and their states in one
     * {@code clusters/list}: no per-cluster read ({@code libraries/cluster-status}, {@code clusters/get}) at all.
     */
    @Override
    public Optional<String> pollingGoal(Map<String, Integer> perCall) {
        int perCluster = perCall.entrySet().stream()
                .filter(e -> e.getKey().endsWith("/libraries/cluster-status")
                        || e.getKey().endsWith("/clusters/get"))
                .mapToInt(Map.Entry::getValue)
                .sum();
        return Optional.of("a polling round reads every target in one all-cluster-statuses call: "
                + ResultTable.verdict(perCluster == 0 && perCall.containsKey(ALL_STATUSES))
                + (perCluster == 0 ? "" : " (" + perCluster + " per-cluster status reads)"));
    }
}
