package io.jenkins.plugins.databricks.api.auth;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Workload identity federation: an OIDC id token (in Jenkins minted per build by the OIDC provider plugin) exchanged
 * at the workspace's token endpoint ({@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange}) for a
 * Databricks token. No long-lived secret is stored; the service principal's federation policy decides which
 * issuer, audience and subject it accepts.
 */
public final class WorkloadIdentityFederation implements TokenSource {

    static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";

    private final IdTokenSupplier idTokens;
    private final String clientId;
    private final OidcDiscovery discovery = new OidcDiscovery();

    private WorkloadIdentityFederation(IdTokenSupplier idTokens, String clientId) {
        this.idTokens = idTokens;
        this.clientId = clientId;
    }

    /**
     * @param idTokens called once per exchange for a fresh id token
     * @param clientId the service principal's application id; {@code null} or blank for an account-wide policy
     */
    public static WorkloadIdentityFederation of(IdTokenSupplier idTokens, String clientId) {
        return new WorkloadIdentityFederation(Objects.requireNonNull(idTokens, "idTokens"), Fields.optional(clientId));
    }

    @Override
    public AccessToken fetch(TokenHttp http) throws IOException {
        String method = describe();
        URI endpoint = discovery.tokenEndpoint(http, method);
        String idToken = idTokens.idToken();
        if (idToken == null || idToken.isBlank()) {
            throw new TokenRequestException(
                    "id token",
                    0,
                    null,
                    method + ": the OIDC id token is empty",
                    "Check the credential that supplies it (an OpenID Connect id token credential, or the"
                            + " DATABRICKS_OIDC_TOKEN variable or file)");
        }
        String subjectToken = idToken.strip();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT);
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", JWT_TYPE);
        form.put("scope", "all-apis");
        if (clientId != null) {
            form.put("client_id", clientId);
        }
        JwtClaims claims = JwtClaims.read(subjectToken);
        Instant now = http.clock().instant();
        return TokenEndpoint.request(
                http,
                method,
                endpoint,
                form,
                null,
                List.of(subjectToken),
                (status, error, description) -> advice(error, description, claims, now));
    }

    private String advice(String error, String description, JwtClaims claims, Instant now) {
        if ("invalid_client".equals(error)) {
            return clientId == null
                    ? "No account-wide federation policy accepts this token; give the service principal's client id"
                    : "No service principal has the client id " + clientId + " (or it has no federation policy):"
                            + " check the client id (the service principal's application id)";
        }
        if (claims == null) {
            return "The id token is not a JWT; check the credential that supplies it";
        }
        if (claims.expiresAt() != null && !claims.expiresAt().isAfter(now)) {
            return "The id token expired at " + claims.expiresAt() + "; the credential must mint a fresh token for"
                    + " each call (resolve it with the build)";
        }
        if (TokenEndpoint.contains(description, "signature") || TokenEndpoint.contains(description, "algorithm")) {
            return "The token's signature was not accepted: the policy's keys (the issuer's JWKS, or its jwks_json)"
                    + " must hold the key that signed it, and it must be signed with RS256 or ES256";
        }
        String which = which(description);
        String sp = clientId == null ? "the account-wide" : "service principal " + clientId + "'s";
        String policy = "issuer " + quoted(claims.issuer()) + ", audience " + audiences(claims) + ", subject "
                + quoted(claims.subject());
        if (which != null) {
            return "The " + which + " does not match " + sp + " federation policy: check the policy's " + which
                    + " against the token's (" + policy + ")";
        }
        return "Check that " + sp + " federation policy matches the token's issuer, audience and subject (" + policy
                + ")";
    }

    /** Which claim the server's text blames, if it names exactly one. */
    private static String which(String description) {
        String found = null;
        for (String claim : List.of("issuer", "audience", "subject")) {
            if (TokenEndpoint.contains(description, claim)) {
                if (found != null) {
                    return null;
                }
                found = claim;
            }
        }
        return found;
    }

    private static String audiences(JwtClaims claims) {
        return claims.audiences().isEmpty()
                ? "(none)"
                : claims.audiences().size() == 1
                        ? quoted(claims.audiences().get(0))
                        : claims.audiences().toString();
    }

    private static String quoted(String v) {
        return v == null ? "(none)" : "'" + v + "'";
    }

    @Override
    public String describe() {
        return clientId == null
                ? "workload identity federation (account-wide policy)"
                : "workload identity federation as service principal " + clientId;
    }

    @Override
    public List<String> secrets() {
        return List.of();
    }

    @Override
    public String toString() {
        return "WorkloadIdentityFederation[clientId=" + clientId + "]";
    }
}
