package io.jenkins.plugins.databricks;

import hudson.AbortException;
import hudson.util.FormValidation;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.ProxySettings;
import io.jenkins.plugins.databricks.api.RetryListener;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.rest12.Cluster;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import java.io.IOException;
import java.util.List;

/**
 * The Test Connection button: lists the clusters (read-only, the same call the deploy starts with) through Jenkins'
 * proxy and says what it reached, or exactly why not. Messages come from the client, which never puts a secret in
 * one, and pass through {@link RedactingOutput} as every deploy's do.
 */
final class ConnectionTest {

    private ConnectionTest() {}

    static FormValidation run(DatabricksWorkspace workspace) throws InterruptedException {
        WorkspaceAuth auth;
        try {
            auth = DatabricksCredentials.forTest(workspace.getUrl(), workspace.getCredentialsId());
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
        ProxySettings proxy = JenkinsProxy.forWorkspace(workspace.getUrl());
        RedactingOutput output = RedactingOutput.of(auth).withProxy(proxy);
        String via = proxy == null
                ? Messages.ConnectionTest_Direct()
                : Messages.ConnectionTest_ViaProxy(proxy.host() + ":" + proxy.port());
        try (Rest12Client client = ClientFactory.create(
                workspace.getUrl(),
                auth,
                workspace.getConnectTimeoutSeconds(),
                workspace.getReadTimeoutSeconds(),
                proxy,
                // A person is waiting for the answer: say what went wrong the first time rather than retry for ~30 s.
                RetryPolicy.none(),
                RetryListener.NONE)) {
            List<Cluster> clusters = client.listClusters();
            return FormValidation.ok(Messages.ConnectionTest_Reached(workspace.getUrl(), via, clusters.size()));
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
}
