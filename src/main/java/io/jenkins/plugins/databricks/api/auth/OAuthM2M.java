package io.jenkins.plugins.databricks.api.auth;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OAuth machine-to-machine for a Databricks service principal: the token endpoint from the workspace's discovery
 * document, {@code grant_type=client_credentials}, {@code scope=all-apis}, the client id and OAuth secret as HTTP
 * Basic (as the Databricks SDKs send them).
 */
public final class OAuthM2M implements TokenSource {

    private final String clientId;
    private final String clientSecret;
    private final OidcDiscovery discovery = new OidcDiscovery();

    private OAuthM2M(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /**
     * @param clientId the service principal's application (client) id
     * @param clientSecret an OAuth secret created for it
     */
    public static OAuthM2M of(String clientId, String clientSecret) {
        return new OAuthM2M(
                Fields.require(clientId, "client id", "enter the service principal's application (client) id"),
                Fields.require(
                        clientSecret, "client secret", "paste an OAuth secret created for the service principal"));
    }

    public String clientId() {
        return clientId;
    }

    @Override
    public AccessToken fetch(TokenHttp http) throws IOException {
        String method = describe();
        URI endpoint = discovery.tokenEndpoint(http, method);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", "all-apis");
        String basic = "Basic "
                + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        return TokenEndpoint.request(
                http, method, endpoint, form, basic, List.of(clientSecret, basic.substring(6)), this::advice);
    }

    private String advice(int status, String error, String description) {
        if ("invalid_client".equals(error) || status == 401) {
            return "The client secret is wrong, expired or revoked, or no service principal has the client id "
                    + clientId + ": check the client id (the service principal's application id) and create a new"
                    + " OAuth secret for it if needed";
        }
        if ("invalid_scope".equals(error)) {
            return "The service principal may not ask for the scope all-apis; check its OAuth settings";
        }
        if ("unauthorized_client".equals(error) || "access_denied".equals(error) || status == 403) {
            return "Service principal " + clientId + " is not allowed in this workspace: add it to the workspace"
                    + " (Settings, Identity and access) and check it is active";
        }
        return null;
    }

    @Override
    public String describe() {
        return "OAuth M2M as service principal " + clientId;
    }

    @Override
    public List<String> secrets() {
        return List.of(clientSecret);
    }

    @Override
    public String toString() {
        return "OAuthM2M[clientId=" + clientId + ", secret=****]";
    }
}
