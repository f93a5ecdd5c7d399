package io.jenkins.plugins.databricks;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.databricks.api.ProxySettings;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.DatabricksGateway;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.DeployAbortedException;
import io.jenkins.plugins.databricks.deploy.DeployException;
import io.jenkins.plugins.databricks.deploy.DeployListener;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.deploy.InvalidDeploySpecException;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import java.io.IOException;
import java.util.Map;

/**
 * Runs one deploy for any front end: resolves the workspace and credentials, builds the client on the controller
 * (proxy, credentials), reads the jar from the build workspace through {@link FilePath} (it may be on an agent),
 * runs the engine, records a {@link DeploymentAction} and returns the step's map. An abort interrupts the calling
 * thread; the engine then cancels the smoke command and destroys its context, and this method ends with an
 * {@link InterruptedException} so Jenkins marks the build aborted.
 */
final class DeploymentRunner {

    /** How a connected client becomes the engine's gateway; the one seam between front end and REST version. */
    interface GatewayFactory {
        DatabricksGateway connect(DeploySpec spec, Rest12Client client) throws IOException;
    }

    /** The API the spec calls for (a /Volumes/ folder means REST 2.x), over the client's transport. */
    static volatile GatewayFactory gateways = (spec, client) ->
            io.jenkins.plugins.databricks.deploy.backends.GatewayFactory.forSpec(
                    spec, client.transport(), Poller.standard());

    private DeploymentRunner() {}

    /** Builder and Recorder: freestyle fields may use {@code ${VARIABLES}}; Pipeline has interpolated already. */
    static void runInBuild(DeployRequest request, Run<?, ?> run, FilePath workspace, EnvVars env, TaskListener listener)
            throws IOException, InterruptedException {
        DeployRequest expanded = run instanceof AbstractBuild ? request.expand(env::expand) : request;
        run(expanded, run, workspace, listener);
    }

    static Map<String, Object> run(DeployRequest request, Run<?, ?> run, FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        String connectionProblem = request.connectionProblem();
        if (connectionProblem != null) {
            throw new AbortException(connectionProblem);
        }
        String label;
        String url;
        WorkspaceAuth auth;
        Integer connectTimeout = null;
        Integer readTimeout = null;
        if (request.namesWorkspace()) {
            DatabricksWorkspace configured = DatabricksGlobalConfiguration.get().findWorkspace(request.workspace());
            if (configured == null) {
                throw new AbortException(Messages.DatabricksDeployStep_UnknownWorkspace(request.workspace()));
            }
            label = configured.getName();
            url = configured.getUrl();
            connectTimeout = configured.getConnectTimeoutSeconds();
            readTimeout = configured.getReadTimeoutSeconds();
            auth = DatabricksCredentials.forWorkspace(run, configured);
        } else {
            label = request.workspaceUrl().trim();
            url = label;
            auth = DatabricksCredentials.forRun(run, url, request.credentialsId());
        }
        DeploySpec spec;
        try {
            spec = request.toSpec(url, auth, String.valueOf(run.getNumber())).build();
        } catch (InvalidDeploySpecException e) {
            throw new AbortException(DeployRequest.describe(e.errors()));
        }
        ProxySettings proxy = JenkinsProxy.forWorkspace(url);
        listener.getLogger()
                .println(DeployListener.PREFIX
                        + (proxy == null
                                ? Messages.DeploymentRunner_Connecting(label, url, Messages.ConnectionTest_Direct())
                                : Messages.DeploymentRunner_Connecting(
                                        label,
                                        url,
                                        Messages.ConnectionTest_ViaProxy(proxy.host() + ":" + proxy.port()))));
        long started = System.currentTimeMillis();
        DeployListener log = DeployListener.printingTo(listener.getLogger());
        try (Rest12Client client = ClientFactory.create(
                url, auth, connectTimeout, readTimeout, proxy, RetryPolicy.defaults(), Rest12Gateway.retriesTo(log))) {
            Deployer deployer = new Deployer(gateways.connect(spec, client), new FilePathJarLocator(workspace), log);
            DeployReport report = deployer.deploy(spec);
            run.addAction(new DeploymentAction(label, report, started));
            return DeployResult.toMap(label, report);
        } catch (DeployAbortedException e) {
            e.report().ifPresent(report -> run.addAction(new DeploymentAction(label, report, started)));
            InterruptedException aborted = new InterruptedException(e.getMessage());
            aborted.initCause(e);
            throw aborted;
        } catch (DeployException e) {
            e.report().ifPresent(report -> run.addAction(new DeploymentAction(label, report, started)));
            throw new AbortException(e.getMessage());
        } catch (IllegalArgumentException e) {
            // the client refuses a URL or credentials it cannot use; its messages hold no secrets
            throw new AbortException(e.getMessage());
        }
    }
}
