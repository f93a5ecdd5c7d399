package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.api.Cluster;
import io.jenkins.plugins.databricks.api.ClusterLibraryStatus;
import io.jenkins.plugins.databricks.api.CommandInfo;
import io.jenkins.plugins.databricks.api.CommandResults;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.DatabricksClient;
import io.jenkins.plugins.databricks.api.Language;
import io.jenkins.plugins.databricks.api.LibraryStatus;
import io.jenkins.plugins.databricks.api.LibraryUpload;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.deploy.CommandState;
import io.jenkins.plugins.databricks.deploy.DatabricksGateway;
import io.jenkins.plugins.databricks.deploy.GatewayException;
import io.jenkins.plugins.databricks.deploy.JarArtifact;
import io.jenkins.plugins.databricks.deploy.LibraryNameConflictException;
import io.jenkins.plugins.databricks.deploy.LibraryState;
import io.jenkins.plugins.databricks.deploy.RemoteCluster;
import io.jenkins.plugins.databricks.deploy.RemoteLibrary;
import io.jenkins.plugins.databricks.deploy.SmokeLanguage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's {@link DatabricksGateway} over our {@link DatabricksClient}, one client call per gateway call. The
 * engine has not published its REST 1.2 gateway yet; this stand-in adds no requests of its own, so the request
 * counts the benchmark reports are the engine's. Replace it with the engine's gateway once that exists.
 */
final class ClientGateway implements DatabricksGateway {

    private final DatabricksClient client;

    ClientGateway(DatabricksClient client) {
        this.client = client;
    }

    @Override
    public String describe() {
        return "REST 1.2 at " + client.workspaceUrl();
    }

    @Override
    public List<RemoteCluster> clusters() throws GatewayException, InterruptedException {
        return call(
                () -> client.listClusters().stream().map(ClientGateway::cluster).toList());
    }

    private static RemoteCluster cluster(Cluster c) {
        return new RemoteCluster(c.id(), c.name(), c.status().wireValue());
    }

    @Override
    public List<RemoteLibrary> libraries() throws GatewayException, InterruptedException {
        return call(() -> client.listLibraries().stream()
                .map(l -> new RemoteLibrary(l.id(), l.name(), l.folder()))
                .toList());
    }

    @Override
    public LibraryState library(String libraryId) throws GatewayException, InterruptedException {
        LibraryStatus s = call(() -> client.libraryStatus(libraryId));
        Map<String, String> statuses = new LinkedHashMap<>();
        for (ClusterLibraryStatus c : s.statuses()) {
            statuses.put(c.clusterId(), c.status().wireValue());
        }
        return new LibraryState(s.id(), s.name(), s.folder(), s.attachAllClusters(), statuses);
    }

    @Override
    public String storeJar(String folder, String name, JarArtifact jar) throws GatewayException, InterruptedException {
        UploadSource source = new UploadSource() {
            @Override
            public String fileName() {
                return jar.fileName();
            }

            @Override
            public long length() {
                return jar.length();
            }

            @Override
            public InputStream open() throws IOException {
                try {
                    return jar.open();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while opening " + jar.path());
                }
            }
        };
        try {
            return client.uploadLibrary(LibraryUpload.jar(folder, name, source));
        } catch (DatabricksApiException e) {
            if (e.isNameConflict()) {
                throw new LibraryNameConflictException(e.getMessage(), e);
            }
            throw new GatewayException(e.getMessage(), e);
        } catch (InterruptedIOException e) {
            throw interrupted(e);
        } catch (IOException e) {
            throw new GatewayException(e.getMessage(), e);
        }
    }

    @Override
    public void deleteLibrary(String libraryId) throws GatewayException, InterruptedException {
        run(() -> client.deleteLibrary(libraryId));
    }

    @Override
    public void attach(String libraryId, String clusterId) throws GatewayException, InterruptedException {
        run(() -> client.attachLibrary(libraryId, clusterId));
    }

    @Override
    public void detach(String libraryId, String clusterId) throws GatewayException, InterruptedException {
        run(() -> client.detachLibrary(libraryId, clusterId));
    }

    @Override
    public void restart(String clusterId) throws GatewayException, InterruptedException {
        run(() -> client.restartCluster(clusterId));
    }

    @Override
    public String createContext(String clusterId, SmokeLanguage language)
            throws GatewayException, InterruptedException {
        return call(() -> client.createContext(clusterId, Language.parse(language.wireValue())));
    }

    @Override
    public String contextStatus(String clusterId, String contextId) throws GatewayException, InterruptedException {
        return call(() -> client.contextStatus(clusterId, contextId).status().wireValue());
    }

    @Override
    public void destroyContext(String clusterId, String contextId) throws GatewayException, InterruptedException {
        run(() -> client.destroyContext(clusterId, contextId));
    }

    @Override
    public String execute(String clusterId, String contextId, SmokeLanguage language, String command)
            throws GatewayException, InterruptedException {
        return call(() -> client.executeCommand(clusterId, contextId, Language.parse(language.wireValue()), command));
    }

    @Override
    public CommandState commandStatus(String clusterId, String contextId, String commandId)
            throws GatewayException, InterruptedException {
        CommandInfo info = call(() -> client.commandStatus(clusterId, contextId, commandId));
        CommandResults r = info.results();
        if (r == null) {
            return new CommandState(info.status().wireValue(), null, null, null, null);
        }
        return new CommandState(
                info.status().wireValue(),
                r.resultType().wireValue(),
                r.text(),
                r.isError() ? r.displaySummary() : null,
                r.isError() ? r.displayCause() : null);
    }

    @Override
    public void cancelCommand(String clusterId, String contextId, String commandId)
            throws GatewayException, InterruptedException {
        run(() -> client.cancelCommand(clusterId, contextId, commandId));
    }

    @FunctionalInterface
    private interface ClientCall<T> {
        T get() throws IOException;
    }

    @FunctionalInterface
    private interface ClientAction {
        void run() throws IOException;
    }

    private static <T> T call(ClientCall<T> call) throws GatewayException, InterruptedException {
        try {
            return call.get();
        } catch (InterruptedIOException e) {
            throw interrupted(e);
        } catch (IOException e) {
            throw new GatewayException(e.getMessage(), e);
        }
    }

    private static void run(ClientAction action) throws GatewayException, InterruptedException {
        call(() -> {
            action.run();
            return null;
        });
    }

    private static InterruptedException interrupted(InterruptedIOException e) {
        InterruptedException interrupted = new InterruptedException(e.getMessage());
        interrupted.initCause(e);
        return interrupted;
    }
}
