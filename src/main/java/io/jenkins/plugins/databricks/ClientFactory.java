package io.jenkins.plugins.databricks;

import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.ProxySettings;
import io.jenkins.plugins.databricks.api.RetryListener;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import java.time.Duration;

/**
 * Builds the transport from what the front end resolved: the URL, the credentials (Bearer for a token, Basic for a
 * user and password, the client's own token source for a service principal or federation), the workspace's optional
 * timeouts and Jenkins' proxy. One transport serves both APIs: the backend's gateway and Test Connection's probes ride
 * on it. Free of Jenkins; the caller passes the
 * proxy in, and the retries: a deploy rides out throttling and says so in the log, a Test Connection answers at once.
 */
final class ClientFactory {

    private ClientFactory() {}

    static HttpTransport create(
            String url,
            WorkspaceAuth auth,
            Integer connectTimeoutSeconds,
            Integer readTimeoutSeconds,
            ProxySettings proxy,
            RetryPolicy retries,
            RetryListener onRetry) {
        HttpTransport.Builder builder = HttpTransport.builder(url)
                .auth(Rest12Gateway.toClientAuth(auth))
                .proxy(proxy)
                .retryPolicy(retries)
                .retryListener(onRetry);
        if (connectTimeoutSeconds != null && connectTimeoutSeconds > 0) {
            builder.connectTimeout(Duration.ofSeconds(connectTimeoutSeconds));
        }
        if (readTimeoutSeconds != null && readTimeoutSeconds > 0) {
            builder.responseTimeout(Duration.ofSeconds(readTimeoutSeconds));
        }
        return builder.build();
    }
}
