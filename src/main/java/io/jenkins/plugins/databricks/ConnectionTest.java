package io.jenkins.plugins.databricks;

import hudson.AbortException;
import hudson.util.FormValidation;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.ProxySettings;
import io.jenkins.plugins.databricks.api.RetryListener;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.api.rest2.CurrentUser;
import io.jenkins.plugins.databricks.api.rest2.Rest2Client;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Test Connection button: read-only calls through Jenkins' proxy that say what the workspace answers, or exactly
 * why not. First the clusters (2.x, else 1.2: the same call a deploy starts with), then who the credentials are
 * (SCIM Me) and how they authenticated, then one probe per API a deploy may use: REST 1.2 workspace libraries, REST
 * 2.x libraries, the Files API on the workspace's default volume folder, and the REST 1.2 surface the smoke command
 * runs on. An API the workspace's deploys need that does not answer is a warning; the others are information.
 * Messages come from the client, which never puts a secret in one, and pass through {@link RedactingOutput} as every
 * deploy's do.
 */
final class ConnectionTest {

    private ConnectionTest() {}

    static FormValidation run(DatabricksWorkspace workspace) throws InterruptedException {
        WorkspaceAuth auth;
        try {
            auth = DatabricksCredentials.forTest(workspace);
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
        ProxySettings proxy = JenkinsProxy.forWorkspace(workspace.getUrl());
        RedactingOutput output = RedactingOutput.of(auth).withProxy(proxy);
        String via = proxy == null
                ? Messages.ConnectionTest_Direct()
                : Messages.ConnectionTest_ViaProxy(proxy.host() + ":" + proxy.port());
        String folder = workspace.getFolder();
        DatabricksApi deploysWith = DatabricksApi.parse(workspace.getApi())
                .filter(api -> api != DatabricksApi.AUTO)
                .orElse(DatabricksApi.forFolder(folder));
        try (HttpTransport transport = ClientFactory.create(
                workspace.getUrl(),
                auth,
                workspace.getConnectTimeoutSeconds(),
                workspace.getReadTimeoutSeconds(),
                proxy,
                // A person is waiting for the answer: say what went wrong the first time rather than retry for ~30 s.
                RetryPolicy.none(),
                RetryListener.NONE)) {
            Rest12Client rest12 = new Rest12Client(transport);
            Rest2Client rest2 = new Rest2Client(transport);
            int clusters = countClusters(rest2, rest12);
            List<FormValidation> lines = new ArrayList<>();
            lines.add(FormValidation.ok(Messages.ConnectionTest_Reached(workspace.getUrl(), via, clusters)));
            lines.add(identity(rest2, Rest12Gateway.toClientAuth(auth).method(), output));
            lines.add(probe(
                    Messages.ConnectionTest_Api12Libraries(),
                    deploysWith == DatabricksApi.REST_1_2,
                    output,
                    () -> rest12.listLibraries()));
            lines.add(probe(
                    Messages.ConnectionTest_Api2Libraries(),
                    deploysWith == DatabricksApi.REST_2,
                    output,
                    () -> rest2.allClusterLibraryStatuses()));
            lines.add(filesApi(rest2, folder, deploysWith == DatabricksApi.REST_2, output));
            lines.add(probe(Messages.ConnectionTest_CommandExecution(), true, output, () -> rest12.listClusters()));
            return FormValidation.aggregate(lines);
        } catch (DatabricksApiException e) {
            return FormValidation.error(
                    Messages.ConnectionTest_Refused(workspace.getUrl(), via, output.text(e.getMessage())));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException(e.getMessage());
            }
            return FormValidation.error(Messages.ConnectionTest_Unreachable(
                    workspace.getUrl(), via, output.text(e.getClass().getSimpleName() + ": " + e.getMessage())));
        } catch (IllegalArgumentException e) {
            return FormValidation.error(output.text(e.getMessage()));
        }
    }

    /** Clusters 2.1 where it answers (it pages), else 1.2; an error from both is the connection's answer. */
    private static int countClusters(Rest2Client rest2, Rest12Client rest12) throws IOException {
        try {
            return rest2.listClusters().size();
        } catch (DatabricksApiException e) {
            if (e.isAuthenticationFailure()) {
                throw e;
            }
            return rest12.listClusters().size();
        }
    }

    private static FormValidation identity(Rest2Client rest2, String method, RedactingOutput output)
            throws IOException {
        try {
            CurrentUser me = rest2.currentUser();
            return FormValidation.ok(Messages.ConnectionTest_Identity(method, me.principal()));
        } catch (DatabricksApiException e) {
            return FormValidation.warning(Messages.ConnectionTest_IdentityUnknown(method, output.text(e.getMessage())));
        }
    }

    private static FormValidation filesApi(Rest2Client rest2, String folder, boolean needed, RedactingOutput output)
            throws IOException {
        if (!DatabricksApi.isVolumeFolder(folder)) {
            return FormValidation.ok(Messages.ConnectionTest_NotChecked(
                    Messages.ConnectionTest_FilesApiNoVolume(), Messages.ConnectionTest_NoVolumeFolder()));
        }
        String what = Messages.ConnectionTest_FilesApi(folder);
        try {
            if (rest2.directoryExists(folder)) {
                return FormValidation.ok(Messages.ConnectionTest_Answers(what));
            }
            String missing = Messages.ConnectionTest_DoesNotAnswer(what, Messages.ConnectionTest_FolderMissing());
            return needed ? FormValidation.warning(missing) : FormValidation.ok(missing);
        } catch (DatabricksApiException e) {
            return notAnswering(what, needed, output, e);
        }
    }

    /** A read-only call of one API: whether it answers, and if not, the server's own words. */
    private static FormValidation probe(String what, boolean needed, RedactingOutput output, Call call)
            throws IOException {
        try {
            call.run();
            return FormValidation.ok(Messages.ConnectionTest_Answers(what));
        } catch (DatabricksApiException e) {
            return notAnswering(what, needed, output, e);
        }
    }

    private static FormValidation notAnswering(
            String what, boolean needed, RedactingOutput output, DatabricksApiException e) {
        String message = Messages.ConnectionTest_DoesNotAnswer(what, output.text(e.getMessage()));
        return needed ? FormValidation.warning(message) : FormValidation.ok(message);
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws IOException;
    }
}
