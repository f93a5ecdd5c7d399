package io.jenkins.plugins.databricks.deploy.rest2;

import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.ErrorKind;
import io.jenkins.plugins.databricks.api.jobs.JobsClient;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.api.rest2.ClusterDetails;
import io.jenkins.plugins.databricks.api.rest2.ClusterLibraryStatuses;
import io.jenkins.plugins.databricks.api.rest2.ClusterState;
import io.jenkins.plugins.databricks.api.rest2.DirectoryEntry;
import io.jenkins.plugins.databricks.api.rest2.FileMetadata;
import io.jenkins.plugins.databricks.api.rest2.Library;
import io.jenkins.plugins.databricks.api.rest2.LibraryFullStatus;
import io.jenkins.plugins.databricks.api.rest2.Rest2Client;
import io.jenkins.plugins.databricks.deploy.ClientCall;
import io.jenkins.plugins.databricks.deploy.CommandState;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DatabricksGateway;
import io.jenkins.plugins.databricks.deploy.DeployField;
import io.jenkins.plugins.databricks.deploy.DeployPlan;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.FieldError;
import io.jenkins.plugins.databricks.deploy.GatewayException;
import io.jenkins.plugins.databricks.deploy.InstallStatus;
import io.jenkins.plugins.databricks.deploy.JarArtifact;
import io.jenkins.plugins.databricks.deploy.JarRuns;
import io.jenkins.plugins.databricks.deploy.LibraryInventory;
import io.jenkins.plugins.databricks.deploy.LibraryNameConflictException;
import io.jenkins.plugins.databricks.deploy.LibraryState;
import io.jenkins.plugins.databricks.deploy.PollTimeoutException;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.PreflightFindings;
import io.jenkins.plugins.databricks.deploy.RemoteCluster;
import io.jenkins.plugins.databricks.deploy.RemoteLibrary;
import io.jenkins.plugins.databricks.deploy.SmokeLanguage;
import io.jenkins.plugins.databricks.deploy.UploadUnansweredException;
import io.jenkins.plugins.databricks.deploy.jobs.JobsJarRuns;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * {@link DatabricksGateway} over REST 2.x: a library is a jar file in a Unity Catalog volume (Files API), installed per
 * cluster by its path (Libraries 2.0), on clusters read and restarted through Clusters 2.1. There are no library ids,
 * no name conflicts beyond an existing file, and no install on all clusters. Commands still run through the 1.2
 * context and command calls, on the same transport. Retries, timeouts and auth are the client's; this class
 * translates between the engine's words and the wire's, and does the 2.x pre-flight ({@link Rest2Preflight}).
 */
public final class Rest2Gateway implements DatabricksGateway {

    /** How long {@link #start} and {@link #restart} wait for a cluster caught between states. */
    static final Duration STATE_RACE_TIMEOUT = Duration.ofMinutes(20);

    private final Rest2Client client;
    private final Rest12Gateway commands;
    private final Poller poller;
    /** The Jobs API on the same transport: served beside 2.x. */
    private final JarRuns jarRuns;
    /** What the last {@link #clusters()} read, for the pre-flight's access-mode checks. */
    private final Map<String, ClusterDetails> seen = new ConcurrentHashMap<>();

    /**
     * Over the caller's clients, which must share one transport (the caller builds and closes it); {@code poller}
     * paces the waits of a start or restart that met a cluster between states.
     */
    public Rest2Gateway(Rest2Client client, Rest12Client commandClient, Poller poller) {
        this.client = Objects.requireNonNull(client, "client");
        this.commands = new Rest12Gateway(Objects.requireNonNull(commandClient, "commandClient"));
        this.poller = Objects.requireNonNull(poller, "poller");
        this.jarRuns = new JobsJarRuns(new JobsClient(client.transport()));
    }

    @Override
    public String describe() {
        return client.workspaceUrl() + " (REST 2.x)";
    }

    /** Libraries 2.0 installs on one cluster at a time. */
    @Override
    public boolean installsOnAllClusters() {
        return false;
    }

    /** 2.x installs jars from a volume. */
    @Override
    public List<FieldError> check(DeploySpec spec) {
        List<FieldError> errors = new ArrayList<>();
        VolumeFolder.parse(spec.folder())
                .ifPresentOrElse(
                        f -> {},
                        () -> errors.add(new FieldError(
                                DeployField.FOLDER,
                                DatabricksApi.isVolumeFolder(spec.folder())
                                        ? "'" + spec.folder() + "' names no volume — a volume folder has the form"
                                                + " /Volumes/<catalog>/<schema>/<volume> or a directory below it, e.g."
                                                + " /Volumes/main/ci/jars"
                                        : "'" + spec.folder()
                                                + "' is not in a Unity Catalog volume, and REST 2.x installs jars"
                                                + " from volumes — give a folder such as /Volumes/<catalog>/<schema>/<volume>/jars,"
                                                + " or set " + DeployField.API
                                                + " to 1.2 for a workspace that still serves REST 1.2"
                                                + " libraries")));
        return errors;
    }

    @Override
    public PreflightFindings preflight(DeploySpec spec, String libraryPath, List<DeployPlan.TargetCluster> targets)
            throws GatewayException, InterruptedException {
        return new Rest2Preflight(client, seen).review(spec, libraryPath, targets);
    }

    @Override
    public List<RemoteCluster> clusters() throws GatewayException, InterruptedException {
        List<ClusterDetails> all = call(client::listClusters);
        seen.clear();
        all.forEach(c -> seen.put(c.clusterId(), c));
        return all.stream().map(Rest2Gateway::toRemote).toList();
    }

    private static RemoteCluster toRemote(ClusterDetails c) {
        return new RemoteCluster(c.clusterId(), c.clusterName(), c.stateWord());
    }

    /** The folder listing (every page) and one all-cluster-statuses for where candidates are installed. */
    @Override
    public LibraryInventory inventory(String folder, Predicate<String> candidate)
            throws GatewayException, InterruptedException {
        Map<String, RemoteLibrary> files = new LinkedHashMap<>();
        for (RemoteLibrary l : listFolder(folder)) {
            files.put(l.id(), l);
        }
        Map<String, LibraryState> candidates = new LinkedHashMap<>();
        Map<String, Map<String, InstallStatus>> byPath = new LinkedHashMap<>();
        Map<String, Boolean> forAll = new LinkedHashMap<>();
        for (ClusterLibraryStatuses cluster : call(client::allClusterLibraryStatuses)) {
            for (LibraryFullStatus s : cluster.libraryStatuses()) {
                String path = s.library() == null ? null : s.library().jar();
                if (path == null || !candidate.test(fileName(path))) {
                    continue;
                }
                byPath.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(cluster.clusterId(), toStatus(s));
                forAll.merge(path, s.forAllClusters(), Boolean::logicalOr);
            }
        }
        byPath.forEach((path, statuses) -> candidates.put(
                path,
                new LibraryState(
                        files.getOrDefault(path, library(path, Long.MIN_VALUE, RemoteLibrary.UNKNOWN_SIZE)),
                        forAll.get(path),
                        statuses)));
        for (RemoteLibrary l : files.values()) {
            if (candidate.test(l.name()) && !candidates.containsKey(l.id())) {
                candidates.put(l.id(), LibraryState.absentEverywhere(l));
            }
        }
        return new LibraryInventory(List.copyOf(files.values()), List.copyOf(candidates.values()));
    }

    /** The files directly in the folder; a folder that does not exist yet holds nothing. */
    private List<RemoteLibrary> listFolder(String folder) throws GatewayException, InterruptedException {
        List<DirectoryEntry> entries;
        try {
            entries = call(() -> client.listDirectory(folder));
        } catch (GatewayException e) {
            if (kindOf(e).is(ErrorKind.NOT_FOUND)) {
                return List.of();
            }
            if (kindOf(e).is(ErrorKind.PERMISSION_DENIED)) {
                throw new GatewayException(
                        new Rest2Preflight(client, seen)
                                .unreadable(VolumeFolder.parse(folder).orElseThrow()),
                        e);
            }
            throw e;
        }
        return entries.stream()
                .filter(e -> !e.directory() && e.path() != null)
                .map(e -> library(
                        e.path(),
                        e.lastModified() == null
                                ? Long.MIN_VALUE
                                : e.lastModified().toEpochMilli(),
                        e.fileSize()))
                .toList();
    }

    @Override
    public Optional<RemoteLibrary> stored(String folder, String name) throws GatewayException, InterruptedException {
        String path = folder + "/" + name;
        Optional<FileMetadata> meta = call(() -> client.findFile(path));
        return meta.map(m -> library(
                path,
                m.lastModified() == null ? Long.MIN_VALUE : m.lastModified().toEpochMilli(),
                m.size() < 0 ? RemoteLibrary.UNKNOWN_SIZE : m.size()));
    }

    @Override
    public RemoteLibrary store(String folder, String name, JarArtifact jar)
            throws GatewayException, InterruptedException {
        String path = folder + "/" + name;
        try {
            call(() -> {
                client.uploadFile(path, jar.uploadSource());
                return null;
            });
        } catch (GatewayException e) {
            if (e.getCause() instanceof DatabricksApiException api) {
                if (api.statusCode() == 409) {
                    throw new LibraryNameConflictException(e.getMessage(), api);
                }
                if (mayHaveArrivedUnanswered(api)) {
                    throw new UploadUnansweredException(api.endpoint() + " got no answer: " + api.serverMessage(), api);
                }
            }
            throw e;
        }
        return library(path, Long.MIN_VALUE, jar.length());
    }

    /** As {@code Rest12Gateway}: no answer once a connection was open, so the request may have arrived. */
    private static boolean mayHaveArrivedUnanswered(DatabricksApiException api) {
        Throwable cause = api.getCause();
        return api.statusCode() == 0
                && cause != null
                && !(cause instanceof ConnectException
                        || cause instanceof ConnectTimeoutException
                        || cause instanceof UnknownHostException
                        || cause instanceof NoRouteToHostException
                        || cause instanceof SSLException);
    }

    /** A file already gone is what was asked for. */
    @Override
    public void delete(RemoteLibrary library) throws GatewayException, InterruptedException {
        try {
            call(() -> {
                client.deleteFile(library.id());
                return null;
            });
        } catch (GatewayException e) {
            if (!kindOf(e).is(ErrorKind.NOT_FOUND)) {
                throw e;
            }
        }
    }

    /** One all-cluster-statuses for all of them. */
    @Override
    public List<LibraryState> statuses(List<RemoteLibrary> libraries) throws GatewayException, InterruptedException {
        if (libraries.isEmpty()) {
            return List.of();
        }
        List<ClusterLibraryStatuses> all = call(client::allClusterLibraryStatuses);
        List<LibraryState> out = new ArrayList<>(libraries.size());
        for (RemoteLibrary l : libraries) {
            Map<String, InstallStatus> statuses = new LinkedHashMap<>();
            boolean forAll = false;
            for (ClusterLibraryStatuses cluster : all) {
                for (LibraryFullStatus s : cluster.libraryStatuses()) {
                    if (s.library() != null && l.id().equals(s.library().jar())) {
                        statuses.put(cluster.clusterId(), toStatus(s));
                        forAll |= s.forAllClusters();
                    }
                }
            }
            out.add(new LibraryState(l, forAll, statuses));
        }
        return out;
    }

    /** The engine's phases for the documented words; an undocumented word waits, as the SDK waiters do. */
    private static InstallStatus toStatus(LibraryFullStatus s) {
        InstallStatus.Phase phase =
                switch (s.status()) {
                    case INSTALLED, SKIPPED, RESTORED -> InstallStatus.Phase.INSTALLED;
                    case PENDING, RESOLVING, INSTALLING, UNKNOWN -> InstallStatus.Phase.PENDING;
                    case UNINSTALL_ON_RESTART -> InstallStatus.Phase.REMOVED_AT_RESTART;
                    case FAILED -> InstallStatus.Phase.FAILED;
                };
        return new InstallStatus(phase, s.statusWord(), s.messages());
    }

    @Override
    public void install(RemoteLibrary library, String clusterId) throws GatewayException, InterruptedException {
        call(() -> {
            client.installLibraries(clusterId, one(library));
            return null;
        });
    }

    @Override
    public void uninstall(RemoteLibrary library, String clusterId) throws GatewayException, InterruptedException {
        call(() -> {
            client.uninstallLibraries(clusterId, one(library));
            return null;
        });
    }

    /** The jar as the install and uninstall calls take it: by its path, exactly as installed. */
    private static List<Library> one(RemoteLibrary library) {
        return List.of(Library.jar(library.id()));
    }

    /** From TERMINATED; a cluster already on its way up or running is what was asked for. */
    @Override
    public void start(String clusterId) throws GatewayException, InterruptedException {
        try {
            call(() -> {
                client.startCluster(clusterId);
                return null;
            });
        } catch (GatewayException e) {
            if (!kindOf(e).is(ErrorKind.INVALID_STATE)) {
                throw e;
            }
            ClusterState now = stateOf(clusterId);
            if (now == ClusterState.TERMINATING) {
                awaitState(clusterId, s -> s == ClusterState.TERMINATED, "Terminated, to start it");
                start(clusterId);
            } else if (now == ClusterState.TERMINATED || now == ClusterState.ERROR || now == ClusterState.UNKNOWN) {
                throw e;
            }
        }
    }

    /**
     * Only a RUNNING cluster restarts. Caught between states: a terminated one is started instead; one that is
     * starting or restarting may have read its library list before the change, so it is restarted once it runs.
     */
    @Override
    public void restart(String clusterId) throws GatewayException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                call(() -> {
                    client.restartCluster(clusterId);
                    return null;
                });
                return;
            } catch (GatewayException e) {
                if (!kindOf(e).is(ErrorKind.INVALID_STATE) || attempt >= 3) {
                    throw e;
                }
                ClusterState now = stateOf(clusterId);
                switch (now) {
                    case TERMINATED, TERMINATING -> {
                        start(clusterId);
                        return;
                    }
                    case PENDING, RESTARTING, RESIZING ->
                        awaitState(clusterId, s -> s == ClusterState.RUNNING, "Running, to restart it");
                    case RUNNING -> {
                        // it came up between the call and the read: restart it now
                    }
                    default -> throw e;
                }
            }
        }
    }

    private ClusterState stateOf(String clusterId) throws GatewayException, InterruptedException {
        return call(() -> client.getCluster(clusterId)).state();
    }

    private void awaitState(String clusterId, Predicate<ClusterState> wanted, String what)
            throws GatewayException, InterruptedException {
        try {
            poller.until(
                    "cluster " + clusterId + " " + what,
                    STATE_RACE_TIMEOUT,
                    () -> stateOf(clusterId),
                    s -> wanted.test(s) || s == ClusterState.ERROR);
        } catch (PollTimeoutException e) {
            throw new GatewayException(e.getMessage(), e);
        }
    }

    @Override
    public String createContext(String clusterId, SmokeLanguage language)
            throws GatewayException, InterruptedException {
        return commands.createContext(clusterId, language);
    }

    @Override
    public String contextStatus(String clusterId, String contextId) throws GatewayException, InterruptedException {
        return commands.contextStatus(clusterId, contextId);
    }

    @Override
    public void destroyContext(String clusterId, String contextId) throws GatewayException, InterruptedException {
        commands.destroyContext(clusterId, contextId);
    }

    @Override
    public String execute(String clusterId, String contextId, SmokeLanguage language, String command)
            throws GatewayException, InterruptedException {
        return commands.execute(clusterId, contextId, language, command);
    }

    @Override
    public CommandState commandStatus(String clusterId, String contextId, String commandId)
            throws GatewayException, InterruptedException {
        return commands.commandStatus(clusterId, contextId, commandId);
    }

    @Override
    public void cancelCommand(String clusterId, String contextId, String commandId)
            throws GatewayException, InterruptedException {
        commands.cancelCommand(clusterId, contextId, commandId);
    }

    @Override
    public JarRuns jarRuns() {
        return jarRuns;
    }

    /** The volume path: a 2.x library's id is the path the cluster installs it from. */
    @Override
    public String jarPath(RemoteLibrary library) {
        return library.id();
    }

    @Override
    public String toString() {
        return "Rest2Gateway[" + describe() + "]";
    }

    /** A stored file as the engine names it: the path is the id. */
    private static RemoteLibrary library(String path, long lastModified, long size) {
        int slash = path.lastIndexOf('/');
        return new RemoteLibrary(
                path, path.substring(slash + 1), slash <= 0 ? "/" : path.substring(0, slash), lastModified, size);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static ErrorKind kindOf(GatewayException e) {
        return e.getCause() instanceof DatabricksApiException api ? api.kind() : ErrorKind.OTHER;
    }

    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    /** The client's exceptions as the engine's; an interrupted thread stays an interrupt. */
    static <T> T call(Call<T> call) throws GatewayException, InterruptedException {
        return ClientCall.call(call::run);
    }
}
