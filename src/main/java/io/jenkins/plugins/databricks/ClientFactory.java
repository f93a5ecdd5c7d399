package io.jenkins.plugins.databricks;

import io.jenkins.plugins.databricks.api.DatabricksClient;
import io.jenkins.plugins.databricks.api.ProxySettings;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import java.time.Duration;

/**
 * Builds the REST client from what the front end resolved: the URL, the credentials (Bearer for a token, Basic for a
 * user and password), the workspace's optional timeouts and Jenkins' proxy. Free of Jenkins; the caller passes the
 * proxy in.
 */
final class ClientFactory {

    private ClientFactory() {}

    static DatabricksClient create(
            String url,
            WorkspaceAuth auth,
            Integer connectTimeoutSeconds,
            Integer readTimeoutSeconds,
            ProxySettings proxy) {
        DatabricksClient.Builder builder = DatabricksClient.builder(url)
                .auth(Rest12Gateway.toClientAuth(auth))
                .proxy(proxy);
        if (connectTimeoutSeconds != null && connectTimeoutSeconds > 0) {
            builder.connectTimeout(Duration.ofSeconds(connectTimeoutSeconds));
        }
        if (readTimeoutSeconds != null && readTimeoutSeconds > 0) {
            builder.responseTimeout(Duration.ofSeconds(readTimeoutSeconds));
        }
        return builder.build();
    }
}
