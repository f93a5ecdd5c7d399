package io.jenkins.plugins.databricks;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.databricks.api.ProxySettings;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;

/**
 * Jenkins' proxy (Manage Jenkins → System → HTTP Proxy) for the Databricks client. It exists only on the controller,
 * which is one reason the Databricks calls run there. The no-proxy list is applied here, with Jenkins' own patterns,
 * for the one host the client talks to.
 */
final class JenkinsProxy {

    private JenkinsProxy() {}

    /** The proxy for requests to {@code workspaceUrl}, or {@code null} to connect directly. */
    static ProxySettings forWorkspace(String workspaceUrl) {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
            return null;
        }
        String host = URI.create(workspaceUrl.trim()).getHost();
        if (host != null && bypassed(host, proxy.getNoProxyHostPatterns())) {
            return null;
        }
        Secret password = proxy.getSecretPassword();
        String user = proxy.getUserName();
        return new ProxySettings(
                proxy.getName(),
                proxy.getPort(),
                user,
                user == null || password == null ? null : password.getPlainText(),
                List.of());
    }

    /** Jenkins matches its no-proxy patterns against the lower-cased host name. */
    static boolean bypassed(String host, List<Pattern> noProxyHosts) {
        String key = host.toLowerCase(Locale.ROOT);
        return noProxyHosts.stream().anyMatch(pattern -> pattern.matcher(key).matches());
    }
}
