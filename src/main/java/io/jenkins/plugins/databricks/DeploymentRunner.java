package io.jenkins.plugins.databricks;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.ProxySettings;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.deploy.Checkpoints;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DatabricksGateway;
import io.jenkins.plugins.databricks.deploy.DeployAbortedException;
import io.jenkins.plugins.databricks.deploy.DeployCheckpoint;
import io.jenkins.plugins.databricks.deploy.DeployException;
import io.jenkins.plugins.databricks.deploy.DeployListener;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.deploy.InvalidDeploySpecException;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.backends.GatewayFactory;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import java.io.IOException;
import java.util.Map;

/**
 * Runs one deploy for any front end: resolves the workspace (refusing a job outside the folders it is allowed for),
 * its default folder and API, and the credentials in the build's context, builds the transport on the controller
 * (proxy, credentials), lets {@link GatewayFactory} pick the backend the spec means (REST 1.2 or 2.x), reads the
 * jar from the build workspace through {@link FilePath} (it may be on an agent), runs the engine, records a
 * {@link DeploymentAction} and returns the step's map. Every log line, report and message leaves through
 * {@link RedactingOutput}. An abort interrupts the calling
 * thread; the engine then cancels the smoke command and destroys its context, and this method ends with an
 * {@link InterruptedException} so Jenkins marks the build aborted — only once the rollback is done and the
 * {@link DeploymentAction} (the build page and the {@code DATABRICKS_*} variables) is saved. An abort during the
 * clean-up of old versions leaves the deploy standing: the action says DEPLOYED, and the build is still aborted.
 */
final class DeploymentRunner {

    /** How the transport becomes the engine's gateway: the one seam between front end and REST version. */
    interface Gateways {
        DatabricksGateway connect(DeploySpec spec, HttpTransport transport, Poller poller);
    }

    /** The API the spec calls for (a /Volumes/ folder means REST 2.x); a restart test swaps it. */
    static volatile Gateways gateways = GatewayFactory::forSpec;

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
        return run(request, run, workspace, listener, Checkpoints.NONE, null);
    }

    /**
     * As {@link #run(DeployRequest, Run, FilePath, TaskListener)}, saving each checkpoint through {@code checkpoints};
     * with {@code resumeFrom}, finishes or rolls back that deploy instead of starting one (credentials resolved now).
     */
    static Map<String, Object> run(
            DeployRequest request,
            Run<?, ?> run,
            FilePath workspace,
            TaskListener listener,
            Checkpoints checkpoints,
            DeployCheckpoint resumeFrom)
            throws IOException, InterruptedException {
        String connectionProblem = request.connectionProblem();
        if (connectionProblem != null) {
            throw new AbortException(connectionProblem);
        }
        String label;
        String url;
        WorkspaceAuth auth;
        DeployRequest effective = request;
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
            // jobs need not repeat the workspace's /Volumes/... folder or its API
            effective = request.withWorkspaceDefaults(configured.getFolder(), configured.getApi());
        } else {
            label = request.workspaceUrl().trim();
            url = label;
            auth = request.usesFederation()
                    ? DatabricksCredentials.federationForRun(
                            run, url, request.idTokenCredentialsId(), request.clientId())
                    : DatabricksCredentials.forRun(run, url, request.credentialsId());
        }
        RedactingOutput output = RedactingOutput.of(auth);
        DeploySpec spec;
        try {
            spec = effective.toSpec(url, auth, String.valueOf(run.getNumber())).build();
        } catch (InvalidDeploySpecException e) {
            throw new AbortException(output.text(DeployRequest.describe(e.errors())));
        }
        ProxySettings proxy = JenkinsProxy.forWorkspace(url);
        output.withProxy(proxy);
        DeployListener log = output.log(listener.getLogger());
        DatabricksApi api = spec.api();
        String via = proxy == null
                ? Messages.ConnectionTest_Direct()
                : Messages.ConnectionTest_ViaProxy(proxy.host() + ":" + proxy.port());
        log.line(DeployListener.PREFIX
                + Messages.DeploymentRunner_ConnectingThrough(
                        label, url, via, api, Rest12Gateway.toClientAuth(auth).method()));
        long started = System.currentTimeMillis();
        Poller poller = Poller.standard();
        try (HttpTransport transport = ClientFactory.create(
                url, auth, connectTimeout, readTimeout, proxy, RetryPolicy.defaults(), Rest12Gateway.retriesTo(log))) {
            Deployer deployer = new Deployer(
                            gateways.connect(spec, transport, poller), new FilePathJarLocator(workspace), log, poller)
                    .checkpointsTo(output.checkpoints(checkpoints));
            DeployReport report =
                    output.report(resumeFrom == null ? deployer.deploy(spec) : deployer.resume(spec, resumeFrom));
            run.addAction(new DeploymentAction(label, api, report, started));
            if (Thread.interrupted()) {
                // aborted during the clean-up: the deploy stands (see the report's notes), the build still stops
                throw new InterruptedException(
                        output.text("Aborted after the deploy succeeded: " + String.join("; ", report.notes())));
            }
            return DeployResult.toMap(label, api, report);
        } catch (DeployAbortedException e) {
            e.report()
                    .ifPresent(
                            report -> run.addAction(new DeploymentAction(label, api, output.report(report), started)));
            // no cause: its messages and stack would reach the log unredacted
            throw new InterruptedException(output.text(e.getMessage()));
        } catch (DeployException e) {
            e.report()
                    .ifPresent(
                            report -> run.addAction(new DeploymentAction(label, api, output.report(report), started)));
            throw new AbortException(output.text(e.getMessage()));
        } catch (IllegalArgumentException e) {
            // the client refuses a URL or credentials it cannot use
            throw new AbortException(output.text(e.getMessage()));
        }
    }
}
