package io.jenkins.plugins.databricks.api.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An Azure Entra ID service principal: client credentials at {@code https://<login host>/<tenant>/oauth2/token}
 * with {@code resource} = the Azure Databricks application, client id and secret in the form body — what the
 * Databricks Java SDK's {@code azure-client-secret} method sends. The login host is that of the cloud:
 * {@code login.microsoftonline.com} (public), {@code login.microsoftonline.us} (US Government),
 * {@code login.chinacloudapi.cn} (China).
 *
 * <p>Not sent: the SDK's extra {@code X-Databricks-Azure-SP-Management-Token}, which only matters when the service
 * principal is not yet a workspace user and is to be added through the workspace's Azure resource id.
 */
public final class AzureServicePrincipal implements TokenSource {

    /** The Azure Databricks first-party application, the {@code resource} of its tokens. */
    public static final String AZURE_DATABRICKS_RESOURCE = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

    /** The public cloud's login host. */
    public static final String PUBLIC_LOGIN_HOST = "https://login.microsoftonline.com/";

    private final String tenant;
    private final String clientId;
    private final String clientSecret;
    private final URI tokenEndpoint;

    private AzureServicePrincipal(String tenant, String clientId, String clientSecret, URI tokenEndpoint) {
        this.tenant = tenant;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.tokenEndpoint = tokenEndpoint;
    }

    /** In the public Azure cloud. */
    public static AzureServicePrincipal of(String tenant, String clientId, String clientSecret) {
        return of(tenant, clientId, clientSecret, null);
    }

    /**
     * @param loginHost the Entra ID authority of the cloud, e.g. {@code https://login.microsoftonline.us/} or just
     *     {@code login.microsoftonline.us}; {@code null} or blank for the public cloud
     */
    public static AzureServicePrincipal of(String tenant, String clientId, String clientSecret, String loginHost) {
        String t = Fields.require(tenant, "Azure tenant", "enter the directory (tenant) id of the service principal");
        if (!t.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("The Azure tenant '" + t + "' is not a tenant id or domain: enter the"
                    + " directory (tenant) id, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47.");
        }
        String id = Fields.require(clientId, "client id", "enter the application (client) id of the service principal");
        String secret = Fields.require(clientSecret, "client secret", "paste a client secret value of the application");
        return new AzureServicePrincipal(t, id, secret, endpoint(loginHost, t));
    }

    private static URI endpoint(String loginHost, String tenant) {
        String host = Fields.optional(loginHost);
        if (host == null) {
            host = PUBLIC_LOGIN_HOST;
        }
        if (!host.contains("://")) {
            host = "https://" + host;
        }
        if (!host.endsWith("/")) {
            host = host + "/";
        }
        URI base;
        try {
            base = new URI(host);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Azure login host '" + loginHost
                    + "' is not a host name or URL: e.g. login.microsoftonline.us.");
        }
        boolean loopback = "localhost".equalsIgnoreCase(base.getHost())
                || (base.getHost() != null && base.getHost().startsWith("127."));
        if (base.getHost() == null
                || !("https".equals(base.getScheme().toLowerCase(Locale.ROOT))
                        || ("http".equals(base.getScheme().toLowerCase(Locale.ROOT)) && loopback))) {
            throw new IllegalArgumentException("The Azure login host '" + loginHost + "' must be an https address,"
                    + " e.g. login.microsoftonline.com (public), login.microsoftonline.us, login.chinacloudapi.cn.");
        }
        return base.resolve(tenant + "/oauth2/token");
    }

    public String clientId() {
        return clientId;
    }

    public String tenant() {
        return tenant;
    }

    /** Where the tokens come from, e.g. {@code https://login.microsoftonline.com/<tenant>/oauth2/token}. */
    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    @Override
    public AccessToken fetch(TokenHttp http) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("resource", AZURE_DATABRICKS_RESOURCE);
        return TokenEndpoint.request(http, describe(), tokenEndpoint, form, null, List.of(clientSecret), this::advice);
    }

    /** Entra's AADSTS codes say precisely what is wrong. */
    private String advice(int status, String error, String description) {
        if (description.contains("AADSTS7000215")) {
            return "The client secret is wrong: paste the secret's value (not its id) from the application's"
                    + " Certificates & secrets page";
        }
        if (description.contains("AADSTS7000222")) {
            return "The client secret has expired: create a new one for application " + clientId;
        }
        if (description.contains("AADSTS700016")) {
            return "No application with client id " + clientId + " exists in tenant " + tenant
                    + ": check the client id and the tenant";
        }
        if (description.contains("AADSTS90002") || description.contains("AADSTS900023")) {
            return "Tenant " + tenant + " was not found: check the directory (tenant) id, and the login host for"
                    + " sovereign clouds";
        }
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            return "Check the client id " + clientId + ", the tenant " + tenant + " and the client secret";
        }
        return null;
    }

    @Override
    public String describe() {
        return "Azure Entra ID service principal " + clientId + " (tenant " + tenant + ")";
    }

    @Override
    public List<String> secrets() {
        return List.of(clientSecret);
    }

    @Override
    public String toString() {
        return "AzureServicePrincipal[tenant=" + tenant + ", clientId=" + clientId + ", secret=****]";
    }
}
