package io.jenkins.plugins.databricks.deploy;

import java.util.List;

/**
 * The operations a deploy needs from Databricks, and nothing more. REST 1.2 workspace libraries are the first
 * implementation ({@code deploy.rest12.Rest12Gateway}); a REST 2.0 / Unity Catalog volumes implementation can stand
 * beside it without touching the {@link Deployer}. Every method may block on the network; none retries on its own
 * account beyond what the client does. Messages of {@link GatewayException} carry no secrets.
 */
public interface DatabricksGateway {

    /** The cluster id that means "every cluster" for attach and detach. */
    String ALL_CLUSTERS = DeploySpec.ALL_CLUSTERS;

    /** What the deploy talks to, for the log, e.g. "REST 1.2 at https://host". */
    String describe();

    List<RemoteCluster> clusters() throws GatewayException, InterruptedException;

    /** The stored library versions (every folder). */
    List<RemoteLibrary> libraries() throws GatewayException, InterruptedException;

    /** One library with its per-cluster statuses. */
    LibraryState library(String libraryId) throws GatewayException, InterruptedException;

    /**
     * Stores the jar as a new library version and returns its id.
     *
     * @throws LibraryNameConflictException when the folder already holds that name
     * @throws UploadUnansweredException when the request may have reached the server but no answer came back
     */
    String storeJar(String folder, String name, JarArtifact jar) throws GatewayException, InterruptedException;

    void deleteLibrary(String libraryId) throws GatewayException, InterruptedException;

    /** Attaches to one cluster, or to every cluster with {@link #ALL_CLUSTERS}. */
    void attach(String libraryId, String clusterId) throws GatewayException, InterruptedException;

    /** Detaches; on a running cluster the loaded classes stay until it restarts. */
    void detach(String libraryId, String clusterId) throws GatewayException, InterruptedException;

    /** Restarts a running cluster; starts a terminated one. */
    void restart(String clusterId) throws GatewayException, InterruptedException;

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
}
