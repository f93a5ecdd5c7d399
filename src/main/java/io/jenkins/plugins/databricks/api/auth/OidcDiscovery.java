package io.jenkins.plugins.databricks.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a workspace's token endpoint from {@code /oidc/.well-known/oauth-authorization-server}, once per workspace.
 * The endpoint must be on the workspace's own host and scheme: the client secret travels to it, and a discovery
 * document is not reason enough to send it anywhere else.
 */
final class OidcDiscovery {

    static final String WELL_KNOWN = "/oidc/.well-known/oauth-authorization-server";

    private final Map<URI, URI> endpoints = new ConcurrentHashMap<>();

    URI tokenEndpoint(TokenHttp http, String method) throws IOException {
        URI workspace = http.workspace();
        URI known = endpoints.get(workspace);
        if (known != null) {
            return known;
        }
        URI document = workspace.resolve(WELL_KNOWN);
        String where = "GET " + document;
        TokenHttp.Answer answer = http.get(document);
        if (answer.status() == 404) {
            throw new TokenRequestException(
                    where,
                    404,
                    null,
                    method + ": " + where + " answered HTTP 404: this address offers no OAuth",
                    "Check the workspace URL: use the workspace address itself (e.g."
                            + " https://<name>.cloud.databricks.com), whose /oidc endpoints issue the tokens");
        }
        if (answer.status() < 200 || answer.status() >= 300) {
            throw new TokenRequestException(
                    where,
                    answer.status(),
                    null,
                    method + ": " + where + " answered HTTP " + answer.status(),
                    "The workspace's OAuth discovery failed; check the workspace URL, or try again later");
        }
        String endpoint;
        try {
            JsonNode doc = TokenEndpoint.JSON.readTree(answer.body());
            endpoint = doc == null ? null : doc.path("token_endpoint").asText(null);
        } catch (IOException e) {
            endpoint = null;
        }
        if (endpoint == null || endpoint.isBlank()) {
            throw new TokenRequestException(
                    where,
                    answer.status(),
                    null,
                    method + ": " + where + " has no token_endpoint",
                    "Check the workspace URL: it does not serve Databricks' OAuth discovery document");
        }
        URI token;
        try {
            token = new URI(endpoint.strip());
        } catch (URISyntaxException e) {
            throw new TokenRequestException(
                    where, answer.status(), null, method + ": the discovered token_endpoint is not a URL", null);
        }
        if (!sameOrigin(workspace, token)) {
            throw new TokenRequestException(
                    where,
                    answer.status(),
                    null,
                    method + ": the discovered token endpoint " + TokenEndpoint.withoutQuery(token)
                            + " is not on the workspace's host " + workspace.getHost(),
                    "The client secret is only sent to the workspace itself; check the workspace URL");
        }
        endpoints.put(workspace, token);
        return token;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme() == null ? "" : b.getScheme())
                && a.getHost() != null
                && a.getHost()
                        .toLowerCase(Locale.ROOT)
                        .equals(b.getHost() == null ? "" : b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
