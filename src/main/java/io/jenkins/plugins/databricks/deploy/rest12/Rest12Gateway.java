package io.jenkins.plugins.databricks.deploy.rest12;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryListener;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.jobs.JobsClient;
import io.jenkins.plugins.databricks.api.rest12.Cluster;
import io.jenkins.plugins.databricks.api.rest12.ClusterLibraryStatus;
import io.jenkins.plugins.databricks.api.rest12.CommandInfo;
import io.jenkins.plugins.databricks.api.rest12.CommandResults;
import io.jenkins.plugins.databricks.api.rest12.Language;
import io.jenkins.plugins.databricks.api.rest12.LibraryStatus;
import io.jenkins.plugins.databricks.api.rest12.LibraryUpload;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.ClientCall;
import io.jenkins.plugins.databricks.deploy.CommandState;
import io.jenkins.plugins.databricks.deploy.DatabricksGateway;
import io.jenkins.plugins.databricks.deploy.DeployField;
import io.jenkins.plugins.databricks.deploy.DeployListener;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.FieldError;
import io.jenkins.plugins.databricks.deploy.GatewayException;
import io.jenkins.plugins.databricks.deploy.InstallStatus;
import io.jenkins.plugins.databricks.deploy.JarArtifact;
import io.jenkins.plugins.databricks.deploy.JarRuns;
import io.jenkins.plugins.databricks.deploy.LibraryInventory;
import io.jenkins.plugins.databricks.deploy.LibraryNameConflictException;
import io.jenkins.plugins.databricks.deploy.LibraryState;
import io.jenkins.plugins.databricks.deploy.LogFormat;
import io.jenkins.plugins.databricks.deploy.RemoteCluster;
import io.jenkins.plugins.databricks.deploy.RemoteLibrary;
import io.jenkins.plugins.databricks.deploy.SmokeLanguage;
import io.jenkins.plugins.databricks.deploy.UploadUnansweredException;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.jobs.JobsJarRuns;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * {@link DatabricksGateway} over REST 1.2: workspace libraries ({@code libraries/*}), {@code clusters/*},
 * {@code contexts/*} and {@code commands/*}. A library is a workspace library: its id is what every call takes, its
 * folder is a workspace folder, a name is unique in a folder ({@code NameConflictException}), and {@code __ALL_CLUSTERS}
 * installs it everywhere. The 1.2 API reads per-cluster statuses one library at a time. Retries, timeouts and auth are
 * the client's; this class only translates between the engine's vocabulary and the wire's.
 */
public final class Rest12Gateway implements DatabricksGateway, AutoCloseable {

    /** Where the files of workspace libraries live (their {@code files} entries are relative to it). */
    static final String FILESTORE_JARS = "dbfs:/FileStore/jars/";

    private final Rest12Client client;
    private final boolean owned;
    /** The Jobs API on the same transport: served beside 1.2. */
    private final JarRuns jarRuns;

    /** Over a client the caller built (proxy, timeouts, retries) and closes. */
    public Rest12Gateway(Rest12Client client) {
        this(client, false);
    }

    private Rest12Gateway(Rest12Client client, boolean owned) {
        this.client = Objects.requireNonNull(client, "client");
        this.owned = owned;
        this.jarRuns = new JobsJarRuns(new JobsClient(client.transport()));
    }

    /** Builds its own client for the spec's workspace URL and auth; close the gateway when done. */
    public static Rest12Gateway connect(DeploySpec spec) {
        WorkspaceAuth auth = spec.auth()
                .orElseThrow(() -> new IllegalArgumentException("credentials: the deploy needs a token or a user and"
                        + " password for " + spec.workspaceUrl()));
        return new Rest12Gateway(
                HttpTransport.builder(spec.workspaceUrl().toString())
                        .auth(toClientAuth(auth))
                        .build(Rest12Client::new),
                true);
    }

    /**
     * The client's retries as build-log lines, so that a pause explains itself, e.g. {@code GET
     * /api/1.2/clusters/list failed (attempt 1: HTTP 429 ...); retrying in 7.0 s}. The client's reasons hold no
     * secrets.
     */
    public static RetryListener retriesTo(DeployListener listener) {
        return (endpoint, failedAttempt, delay, reason) -> listener.line(DeployListener.PREFIX + endpoint
                + " failed (attempt " + failedAttempt + ": " + reason + "); retrying in " + LogFormat.duration(delay));
    }

    /** The client's form of the engine's credentials. */
    public static Auth toClientAuth(WorkspaceAuth auth) {
        if (auth.clientAuth().isPresent()) {
            return auth.clientAuth().get();
        }
        return auth.isBearer() ? Auth.bearer(auth.secret()) : Auth.basic(auth.basicUser(), auth.secret());
    }

    @Override
    public String describe() {
        return client.workspaceUrl() + " (REST 1.2)";
    }

    @Override
    public List<RemoteCluster> clusters() throws GatewayException, InterruptedException {
        return call(() ->
                client.listClusters().stream().map(Rest12Gateway::toRemote).toList());
    }

    /** {@code libraries/attach} takes {@code __ALL_CLUSTERS}. */
    @Override
    public boolean installsOnAllClusters() {
        return true;
    }

    /** A Unity Catalog volume is a REST 2.x place: 1.2 libraries live in workspace folders. */
    @Override
    public List<FieldError> check(DeploySpec spec) {
        if (spec.folder().equals("/Volumes") || spec.folder().startsWith("/Volumes/")) {
            return List.of(new FieldError(
                    DeployField.FOLDER,
                    "'" + spec.folder() + "' is a Unity Catalog volume, which REST 1.2 libraries cannot live in — give"
                            + " a workspace folder such as " + DeploySpec.DEFAULT_FOLDER + ", or deploy through REST"
                            + " 2.x"));
        }
        return List.of();
    }

    /** One {@code libraries/list} for the whole workspace, then one {@code libraries/status} per candidate. */
    @Override
    public LibraryInventory inventory(String folder, Predicate<String> candidate)
            throws GatewayException, InterruptedException {
        List<RemoteLibrary> all = listLibraries();
        List<RemoteLibrary> inFolder = all.stream()
                .filter(l -> DeploySpec.normaliseFolder(l.folder()).equals(folder))
                .toList();
        List<LibraryState> candidates = new ArrayList<>();
        for (RemoteLibrary l : all) {
            if (l.name() != null && candidate.test(l.name())) {
                candidates.add(status(l));
            }
        }
        return new LibraryInventory(inFolder, candidates);
    }

    @Override
    public Optional<RemoteLibrary> stored(String folder, String name) throws GatewayException, InterruptedException {
        return listLibraries().stream()
                .filter(l -> DeploySpec.normaliseFolder(l.folder()).equals(folder) && name.equals(l.name()))
                .findFirst();
    }

    @Override
    public List<LibraryState> statuses(List<RemoteLibrary> libraries) throws GatewayException, InterruptedException {
        List<LibraryState> out = new ArrayList<>();
        for (RemoteLibrary l : libraries) {
            out.add(status(l));
        }
        return out;
    }

    private List<RemoteLibrary> listLibraries() throws GatewayException, InterruptedException {
        return call(() -> client.listLibraries().stream()
                .map(l -> new RemoteLibrary(l.id(), l.name(), l.folder(), order(l.id()), RemoteLibrary.UNKNOWN_SIZE))
                .toList());
    }

    /** Library ids are workspace node ids, which grow over time; a non-numeric id sorts first. */
    private static long order(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private LibraryState status(RemoteLibrary library) throws GatewayException, InterruptedException {
        LibraryStatus status = call(() -> client.libraryStatus(library.id()));
        Map<String, InstallStatus> byCluster = new LinkedHashMap<>();
        for (ClusterLibraryStatus s : status.statuses()) {
            if (s != null && s.clusterId() != null) {
                byCluster.put(s.clusterId(), toStatus(s));
            }
        }
        return new LibraryState(library, status.attachAllClusters(), byCluster);
    }

    /**
     * Only Attached and Detached are documented for 1.2; any other word (a pending attach or detach, "deleted pending
     * restart") means the cluster still has the library or is about to, as sbt-databricks treated it.
     */
    private static InstallStatus toStatus(ClusterLibraryStatus s) {
        InstallStatus.Phase phase =
                switch (s.status()) {
                    case ATTACHED -> InstallStatus.Phase.INSTALLED;
                    case DETACHED -> InstallStatus.Phase.ABSENT;
                    case UNKNOWN -> InstallStatus.Phase.PENDING;
                };
        return new InstallStatus(phase, named(s.word()), List.of());
    }

    @Override
    public RemoteLibrary store(String folder, String name, JarArtifact jar)
            throws GatewayException, InterruptedException {
        UploadSource source = jar.uploadSource();
        try {
            String id = call(() -> client.uploadLibrary(LibraryUpload.jar(folder, name, source)));
            return new RemoteLibrary(id, name, folder, order(id), jar.length());
        } catch (GatewayException e) {
            if (e.getCause() instanceof DatabricksApiException api) {
                if (api.isNameConflict()) {
                    throw new LibraryNameConflictException(e.getMessage(), api);
                }
                if (mayHaveArrivedUnanswered(api)) {
                    // The client's hint ("not retried ...; check the workspace") is the engine's decision now.
                    throw new UploadUnansweredException(api.endpoint() + " got no answer: " + api.serverMessage(), api);
                }
            }
            throw e;
        }
    }

    /**
     * No answer (status 0) after a connection was open: dropped mid-request, timed out, answer lost. A connection that
     * could not be opened never carried the request (and the client has retried it already), and a TLS failure is a
     * trust problem another attempt would not fix.
     */
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

    @Override
    public void delete(RemoteLibrary library) throws GatewayException, InterruptedException {
        run(() -> client.deleteLibrary(library.id()));
    }

    @Override
    public void install(RemoteLibrary library, String clusterId) throws GatewayException, InterruptedException {
        run(() -> client.attachLibrary(library.id(), clusterId));
    }

    @Override
    public void uninstall(RemoteLibrary library, String clusterId) throws GatewayException, InterruptedException {
        run(() -> client.detachLibrary(library.id(), clusterId));
    }

    /** 1.2 {@code clusters/restart} starts a terminated cluster too. */
    @Override
    public void start(String clusterId) throws GatewayException, InterruptedException {
        run(() -> client.restartCluster(clusterId));
    }

    @Override
    public void restart(String clusterId) throws GatewayException, InterruptedException {
        run(() -> client.restartCluster(clusterId));
    }

    @Override
    public String createContext(String clusterId, SmokeLanguage language)
            throws GatewayException, InterruptedException {
        return call(() -> client.createContext(clusterId, toClient(language)));
    }

    @Override
    public String contextStatus(String clusterId, String contextId) throws GatewayException, InterruptedException {
        return named(call(() -> client.contextStatus(clusterId, contextId)).word());
    }

    @Override
    public void destroyContext(String clusterId, String contextId) throws GatewayException, InterruptedException {
        run(() -> client.destroyContext(clusterId, contextId));
    }

    @Override
    public String execute(String clusterId, String contextId, SmokeLanguage language, String command)
            throws GatewayException, InterruptedException {
        return call(() -> client.executeCommand(clusterId, contextId, toClient(language), command));
    }

    @Override
    public CommandState commandStatus(String clusterId, String contextId, String commandId)
            throws GatewayException, InterruptedException {
        CommandInfo info = call(() -> client.commandStatus(clusterId, contextId, commandId));
        String status = named(info.word());
        CommandResults r = info.results();
        if (r == null) {
            return new CommandState(status, null, null, null, null);
        }
        String output =
                switch (r.resultType()) {
                    case TEXT -> r.text();
                    case TABLE ->
                        r.rows().stream()
                                .map(row -> row.stream().map(String::valueOf).collect(Collectors.joining("\t")))
                                .collect(Collectors.joining("\n"));
                    default -> r.describe();
                };
        String resultType = r.resultType().wireValue();
        return new CommandState(
                status,
                resultType.isEmpty() ? "unknown" : resultType,
                output,
                r.isError() ? r.displaySummary() : null,
                r.isError() ? r.displayCause() : null);
    }

    @Override
    public void cancelCommand(String clusterId, String contextId, String commandId)
            throws GatewayException, InterruptedException {
        run(() -> client.cancelCommand(clusterId, contextId, commandId));
    }

    @Override
    public JarRuns jarRuns() {
        return jarRuns;
    }

    /** {@code dbfs:/FileStore/jars/<file>}: where a workspace library's {@code files} entry lives. */
    @Override
    public String jarPath(RemoteLibrary library) throws GatewayException, InterruptedException {
        List<String> stored = call(() -> client.libraryStatus(library.id()).files());
        if (stored.isEmpty()) {
            throw new GatewayException("libraries/status of library " + library.id() + " lists no stored file");
        }
        return FILESTORE_JARS + stored.get(0);
    }

    /** Closes the client when this gateway built it. */
    @Override
    public void close() {
        if (owned) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "Rest12Gateway[" + describe() + "]";
    }

    /** The server's word for a state, which the engine logs; "Unknown" when it sent none. */
    private static String named(String word) {
        return word.isEmpty() ? "Unknown" : word;
    }

    private static RemoteCluster toRemote(Cluster c) {
        return new RemoteCluster(c.id(), c.name(), named(c.word()));
    }

    private static Language toClient(SmokeLanguage language) {
        return Language.valueOf(language.name());
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws IOException;
    }

    private static void run(Action action) throws GatewayException, InterruptedException {
        call(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T call(Call<T> call) throws GatewayException, InterruptedException {
        return ClientCall.call(call::run, Rest12Gateway::retiredHint);
    }

    /**
     * Current workspaces answer the 1.2 clusters and libraries calls with "The V1 APIs for clusters and libraries are
     * disabled" (HTTP 400, an HTML page) or not at all (404): the way out is a volume folder, which means REST 2.x.
     */
    private static String retiredHint(IOException e) {
        if (!(e instanceof DatabricksApiException api)
                || api.endpoint() == null
                || !api.endpoint().matches("\\S+ /api/1\\.2/(clusters|libraries)/.*")) {
            return "";
        }
        String text = String.valueOf(api.getMessage()).toLowerCase(java.util.Locale.ROOT);
        boolean disabled = api.statusCode() == 404 || (api.statusCode() == 400 && text.contains("disabled"));
        return disabled
                ? " — this workspace no longer serves REST 1.2 libraries: give " + DeployField.FOLDER
                        + " a Unity Catalog volume folder such as /Volumes/<catalog>/<schema>/<volume>/jars (the"
                        + " deploy then goes through REST 2.x), or set " + DeployField.API + " to 2.x"
                : "";
    }
}
