package io.jenkins.plugins.databricks.api;

import io.jenkins.plugins.databricks.api.auth.AzureServicePrincipal;
import io.jenkins.plugins.databricks.api.auth.IdTokenSupplier;
import io.jenkins.plugins.databricks.api.auth.OAuthM2M;
import io.jenkins.plugins.databricks.api.auth.WorkloadIdentityFederation;

/**
 * From the fields of a stored credential to the client's {@link Auth}, one call per kind, with no Jenkins type: a
 * front end (the Jenkins credentials, the command line's variables) reads its fields and calls one of these. Blank
 * required fields fail with an {@link IllegalArgumentException} naming the field.
 */
public final class AuthFromCredential {

    private AuthFromCredential() {}

    /** A personal access token ("Secret text"), sent as Bearer. */
    public static Auth personalAccessToken(String token) {
        return Auth.bearer(token);
    }

    /** A user and password ("Username with password"), HTTP Basic (REST 1.2 legacy). */
    public static Auth userPassword(String user, String password) {
        return Auth.basic(user, password);
    }

    /**
     * A service principal ("Databricks service principal"): OAuth M2M with the workspace's token endpoint, or, when
     * {@code azureTenant} is set, Entra ID client credentials at that tenant.
     *
     * @param azureLoginHost the Entra ID login host of a sovereign cloud; {@code null} for the public cloud; ignored
     *     without a tenant
     */
    public static Auth servicePrincipal(
            String clientId, String clientSecret, String azureTenant, String azureLoginHost) {
        if (azureTenant == null || azureTenant.isBlank()) {
            return Auth.tokens(OAuthM2M.of(clientId, clientSecret));
        }
        return Auth.tokens(AzureServicePrincipal.of(azureTenant, clientId, clientSecret, azureLoginHost));
    }

    /**
     * Workload identity federation: {@code idTokens} yields an OIDC id token (in Jenkins, the secret of an "OpenID
     * Connect id token" credential resolved with the build, which mints a fresh one on every call) that is exchanged
     * for a Databricks token of the service principal {@code clientId} ({@code null} for an account-wide policy).
     */
    public static Auth federation(IdTokenSupplier idTokens, String clientId) {
        return Auth.tokens(WorkloadIdentityFederation.of(idTokens, clientId));
    }
}
