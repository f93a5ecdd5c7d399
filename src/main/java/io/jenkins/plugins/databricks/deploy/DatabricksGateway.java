package io.jenkins.plugins.databricks.deploy;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The operations a deploy needs from Databricks, and nothing more, in words both APIs share: a library is a stored
 * jar ({@link RemoteLibrary}, whose {@code id} is what the backend's calls take), installed or uninstalled on one
 * cluster at a time, with a status per cluster ({@link InstallStatus}). The {@link Deployer} has no backend test: where
 * the backends differ, the difference is in what a method does here, or in {@link #check(DeploySpec)}.
 *
 * <p>Implementations: {@code deploy.rest12.Rest12Gateway} (workspace libraries: ids, folders, name conflicts,
 * {@code __ALL_CLUSTERS}) and a REST 2.x gateway (a library is a file in a Unity Catalog volume; Libraries 2.0 and
 * Clusters 2.1). Each method's javadoc says what it must do on each.
 *
 * <p>Every method may block on the network and none retries on its own account beyond what the client does (except
 * where a method says so). A call that is interrupted throws {@link InterruptedException}. Messages of
 * {@link GatewayException} say which call failed and what the server answered, never a secret.
 */
public interface DatabricksGateway {

    /**
     * The cluster entry that means "every cluster" for {@link #install} and {@link #uninstall}; passed only when
     * {@link #installsOnAllClusters()} and the spec targets {@link DeploySpec#ALL_CLUSTERS}.
     */
    String ALL_CLUSTERS = DeploySpec.ALL_CLUSTERS;

    /** What the deploy talks to, for the log, e.g. {@code https://host (REST 1.2)}. */
    String describe();

    /**
     * Whether {@link #install} and {@link #uninstall} take {@link #ALL_CLUSTERS}. 1.2: yes. 2.x: no — Libraries 2.0
     * has no install for all clusters (a library listed with {@code is_library_for_all_clusters} was set up in the
     * workspace UI and can only be removed there). The engine refuses {@code __ALL_CLUSTERS} where this is false.
     */
    boolean installsOnAllClusters();

    /**
     * What else this backend cannot do with that spec, each problem naming the field and the way out; empty when it
     * can. Called before any other call. 1.2: a {@code /Volumes/} folder is refused. 2.x: a folder outside
     * {@code /Volumes/} is refused.
     */
    List<FieldError> check(DeploySpec spec);

    /**
     * What this backend must read from the workspace to judge the plan, once the engine has chosen the targets and
     * what it does with each, before anything changes; refusals name the field and the way out. 1.2: nothing. 2.x: the
     * volume exists and the identity may write to it (USE CATALOG, USE SCHEMA, READ VOLUME, WRITE VOLUME); a
     * standard-mode target needs {@code libraryPath} on the Unity Catalog jar allowlist (a warning naming the prefix
     * to allow when the identity may not read the list); a dedicated-mode target that runs the smoke command needs the
     * identity as its single user; a job cluster is refused.
     *
     * @param libraryPath where the new jar is (or will be) stored: the folder, {@code /}, the library name
     */
    default PreflightFindings preflight(DeploySpec spec, String libraryPath, List<DeployPlan.TargetCluster> targets)
            throws GatewayException, InterruptedException {
        return PreflightFindings.NONE;
    }

    /**
     * Every cluster the identity can see (every page), each with the server's state word. 2.x:
     * {@code GET /api/2.1/clusters/list}, following {@code next_page_token}; map the state words as
     * {@link RemoteCluster} expects them (RUNNING, TERMINATED ...: case and underscores do not matter).
     */
    List<RemoteCluster> clusters() throws GatewayException, InterruptedException;

    /**
     * The deploy's view of stored and installed jars, in as few calls as the backend allows (pre-flight only).
     *
     * <ul>
     *   <li>1.2: one {@code libraries/list}; the folder is its entries in {@code folder}; a candidate is an entry in
     *       any folder whose name {@code candidate} accepts, with one {@code libraries/status} each.
     *   <li>2.x: the folder is {@code GET /api/2.0/fs/directories<folder>} (every page; files only, {@code id} = the
     *       full path, {@code sequence} = {@code last_modified}, {@code sizeBytes} = {@code file_size}); the
     *       candidates come from one {@code GET /api/2.0/libraries/all-cluster-statuses}: every {@code jar} library
     *       whose file name {@code candidate} accepts, grouped by path, plus every folder file it accepts that no
     *       cluster lists ({@link LibraryState#absentEverywhere}). A missing folder is an empty folder.
     * </ul>
     *
     * @param folder the spec's folder, without a trailing slash
     * @param candidate a filter on file names (no folder): the new name and anything that may be a copy of the
     *     same artifact
     */
    LibraryInventory inventory(String folder, Predicate<String> candidate)
            throws GatewayException, InterruptedException;

    /**
     * The library stored under exactly that name in that folder, if any: after an upload whose answer was lost, or
     * that met a name conflict. 1.2: {@code libraries/list}; 2.x: {@code HEAD /api/2.0/fs/files<folder>/<name>}
     * (404 = empty; {@code Content-Length} is the size).
     */
    Optional<RemoteLibrary> stored(String folder, String name) throws GatewayException, InterruptedException;

    /**
     * Stores the jar under a name nobody holds yet and returns it; never overwrites. 1.2: {@code libraries/upload}
     * (multipart, streamed). 2.x: {@code PUT /api/2.0/fs/files<folder>/<name>?overwrite=false}, streamed, the jar
     * reopened for each attempt; returns the path as {@code id}.
     *
     * @throws LibraryNameConflictException the name is taken (1.2 {@code NameConflictException}; 2.x HTTP 409). The
     *     engine then decides whether that copy is this jar.
     * @throws UploadUnansweredException the request may have reached the server but no answer came back (a dropped
     *     connection or a response timeout once the request was sent, not a refused connection or a TLS failure)
     */
    RemoteLibrary store(String folder, String name, JarArtifact jar) throws GatewayException, InterruptedException;

    /**
     * Deletes a stored version the engine made sure no cluster lists. 1.2: {@code libraries/delete}; 2.x:
     * {@code DELETE /api/2.0/fs/files<path>}.
     */
    void delete(RemoteLibrary library) throws GatewayException, InterruptedException;

    /**
     * The statuses of these libraries on every cluster that lists them, in the order given, one entry each (a library
     * no cluster lists comes back {@link LibraryState#absentEverywhere}). This is what every wait polls, so it must
     * cost as few calls as the backend allows. 1.2: one {@code libraries/status} per library. 2.x: one
     * {@code GET /api/2.0/libraries/all-cluster-statuses} for all of them, whatever their number; map
     * {@code INSTALLED}, {@code SKIPPED}, {@code RESTORED} to INSTALLED; {@code PENDING}, {@code RESOLVING},
     * {@code INSTALLING} to PENDING; {@code UNINSTALL_ON_RESTART} to REMOVED_AT_RESTART; {@code FAILED} to FAILED with
     * the entry's {@code messages}; keep the wire word.
     */
    List<LibraryState> statuses(List<RemoteLibrary> libraries) throws GatewayException, InterruptedException;

    /**
     * Installs the library on one cluster, or on every cluster with {@link #ALL_CLUSTERS}. On a running cluster it
     * loads without a restart; on a stopped one it installs at the next start. Installing what is installed is a
     * no-op. 1.2: {@code libraries/attach}. 2.x: {@code POST /api/2.0/libraries/install}
     * {@code {cluster_id, libraries:[{jar: path}]}}.
     */
    void install(RemoteLibrary library, String clusterId) throws GatewayException, InterruptedException;

    /**
     * Uninstalls the library from one cluster (or all clusters with {@link #ALL_CLUSTERS}); on a running cluster its
     * classes stay loaded until the cluster restarts. Uninstalling what is not installed is a no-op. 1.2:
     * {@code libraries/detach}. 2.x: {@code POST /api/2.0/libraries/uninstall} with the jar path exactly as
     * installed (status UNINSTALL_ON_RESTART until the restart).
     */
    void uninstall(RemoteLibrary library, String clusterId) throws GatewayException, InterruptedException;

    /**
     * Starts a cluster that is not running, so that it comes up with what is installed now. A cluster that is
     * already starting or running is not an error. 1.2: {@code clusters/restart} (it starts a terminated cluster).
     * 2.x: {@code POST /api/2.1/clusters/start}; {@code INVALID_STATE} because it is already PENDING or RUNNING is
     * success.
     */
    void start(String clusterId) throws GatewayException, InterruptedException;

    /**
     * Restarts a cluster the engine saw running, so that it loads what is installed now and drops what was
     * uninstalled. 1.2: {@code clusters/restart}. 2.x: {@code POST /api/2.1/clusters/restart}; it only acts on a
     * RUNNING cluster, so on {@code INVALID_STATE} read the cluster: TERMINATED means start it instead; PENDING or
     * RESTARTING means the cluster is in a start that may have read its library list before the change, so wait
     * (bounded) until it is RUNNING and restart it then.
     */
    void restart(String clusterId) throws GatewayException, InterruptedException;

    /** Creates an execution context (1.2 {@code contexts/create}, on both backends) and returns its id. */
    String createContext(String clusterId, SmokeLanguage language) throws GatewayException, InterruptedException;

    /** The context status: Pending, Running or Error. */
    String contextStatus(String clusterId, String contextId) throws GatewayException, InterruptedException;

    void destroyContext(String clusterId, String contextId) throws GatewayException, InterruptedException;

    /** Starts a command and returns its id. */
    String execute(String clusterId, String contextId, SmokeLanguage language, String command)
            throws GatewayException, InterruptedException;

    CommandState commandStatus(String clusterId, String contextId, String commandId)
            throws GatewayException, InterruptedException;

    void cancelCommand(String clusterId, String contextId, String commandId)
            throws GatewayException, InterruptedException;

    /**
     * One-time job runs on this workspace, for a smoke test that runs a main class of the deployed jar. The Jobs API
     * is served beside both APIs, so both backends hand out {@code deploy.jobs.JobsJarRuns} over their own
     * transport.
     */
    JarRuns jarRuns();

    /**
     * The path a cluster installs this stored library from, as a job task's {@code libraries} must name it: the very
     * jar the deploy installed, so that the run adds no second copy to the cluster. 1.2: {@code
     * dbfs:/FileStore/jars/<file>}, the file from {@code libraries/status}. 2.x: the volume path (the library's id).
     */
    String jarPath(RemoteLibrary library) throws GatewayException, InterruptedException;
}
