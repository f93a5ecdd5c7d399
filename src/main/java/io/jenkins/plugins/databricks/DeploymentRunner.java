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
import io.jenkins.plugins.databricks.deploy.DeployAbortedException;
import io.jenkins.plugins.databricks.deploy.DeployException;
import io.jenkins.plugins.databricks.deploy.DeployListener;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.deploy.InvalidDeploySpecException;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import java.io.IOException;
import java.util.Map;

/**
 * Runs one deploy for any front end: resolves the workspace (refusing a job outside the folders it is allowed for)
 * and the credentials in the build's context, builds the client on the controller (proxy, credentials), reads the
 * jar from the build workspace through {@link FilePath} (it may be on an agent), runs the engine, records a
 * {@link DeploymentAction} and returns the step's map. Every log line, report and message leaves through
 * {@link RedactingOutput}. An abort interrupts the calling
 * thread; the engine then cancels the smoke command and destroys its context, and this method ends with an
 * {@link InterruptedException} so Jenkins marks the build aborted.
 */
final class DeploymentRunner {

    /** How a connected client becomes the engine's gateway; the one seam between front end and REST version. */
    interface GatewayFactory {
        DatabricksGateway connect(DeploySpec spec, Rest12Client client) throws IOException;
    }

    /** The API the spec calls for (a /Volumes/ folder means REST 2.x), over the client's transport. */
    static volatile GatewayFactory gateways =
            (spec, client) -> io.jenkins.plugins.databricks.deploy.backends.GatewayFactory.forSpec(
                    spec, client.transport(), Poller.standard());

    private DeploymentRunner() {}

    /**
     * Builder and Recorder: freestyle fields may use {@code ${VARIABLES}} (not the workspace name or credentials id,
     * see {@link DeployRequest#expand}); Pipeline has interpolated already.
     */
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
            String job = run.getParent().getFullName();
            if (!configured.allowsJob(job)) {
                // before any credential is looked up: this job has no business with them
                throw new AbortException(Messages.DatabricksWorkspace_NotAllowedHere(
                        configured.getName(), String.join(", ", configured.allowedFolderList()), job));
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
        RedactingOutput output = RedactingOutput.of(auth);
        DeploySpec spec;
        try {
            spec = request.toSpec(url, auth, String.valueOf(run.getNumber())).build();
        } catch (InvalidDeploySpecException e) {
            throw new AbortException(output.text(DeployRequest.describe(e.errors())));
        }
        ProxySettings proxy = JenkinsProxy.forWorkspace(url);
        output.withProxy(proxy);
        DeployListener log = output.log(listener.getLogger());
        log.line(DeployListener.PREFIX
                + (proxy == null
                        ? Messages.DeploymentRunner_Connecting(label, url, Messages.ConnectionTest_Direct())
                        : Messages.DeploymentRunner_Connecting(
                                label, url, Messages.ConnectionTest_ViaProxy(proxy.host() + ":" + proxy.port()))));
        long started = System.currentTimeMillis();
        try (Rest12Client client = ClientFactory.create(
                url, auth, connectTimeout, readTimeout, proxy, RetryPolicy.defaults(), Rest12Gateway.retriesTo(log))) {
            Deployer deployer = new Deployer(gateways.connect(spec, client), new FilePathJarLocator(workspace), log);
            DeployReport report = output.report(deployer.deploy(spec));
            run.addAction(new DeploymentAction(label, report, started));
            return DeployResult.toMap(label, report);
        } catch (DeployAbortedException e) {
            e.report().ifPresent(report -> run.addAction(new DeploymentAction(label, output.report(report), started)));
            // no cause: its messages and stack would reach the log unredacted
            throw new InterruptedException(output.text(e.getMessage()));
        } catch (DeployException e) {
            e.report().ifPresent(report -> run.addAction(new DeploymentAction(label, output.report(report), started)));
            throw new AbortException(output.text(e.getMessage()));
        } catch (IllegalArgumentException e) {
            // the client refuses a URL or credentials it cannot use
            throw new AbortException(output.text(e.getMessage()));
        }
    }
}
