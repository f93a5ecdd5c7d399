package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator's OAuth side: the workspace's discovery document and token endpoint, and an Entra ID tenant's token
 * endpoint on the same listener (the client's login host then points at the emulator). What it does:
 *
 * <ul>
 *   <li>{@code GET /oidc/.well-known/oauth-authorization-server}: {@code issuer}, {@code token_endpoint}
 *       ({@code <url>/oidc/v1/token}), {@code authorization_endpoint}, {@code jwks_uri}, grant types.
 *   <li>{@code POST /oidc/v1/token} with {@code grant_type=client_credentials}: client id and secret as HTTP Basic
 *       (or {@code client_id}/{@code client_secret} in the body); {@code scope} must include {@code all-apis}. A wrong
 *       or revoked secret or an unknown client → 401 {@code invalid_client} "Client authentication failed".
 *   <li>{@code POST /oidc/v1/token} with the token-exchange grant: {@code subject_token} must be a JWT signed RS256
 *       with a key of the policy's JWKS, its {@code iss}, {@code aud}, {@code sub} must match a federation policy
 *       of the service principal named by {@code client_id} (or an account-wide one) and it must not have expired.
 *       Any other algorithm is refused. Refusals: 400 {@code invalid_grant} naming the failed check — the emulator's
 *       choice; the real service is terser, so the client's message never depends on this text.
 *   <li>{@code POST /<tenant>/oauth2/token} ({@code resource=2ff814a6-...}) and {@code /<tenant>/oauth2/v2.0/token}
 *       ({@code scope=2ff814a6-.../.default}): Entra client credentials, id and secret in the body; real AADSTS
 *       errors: 7000215 invalid secret (401 {@code invalid_client}), 700016 unknown application (400
 *       {@code unauthorized_client}), 90002 unknown tenant (400 {@code invalid_request}). {@code expires_in} is a
 *       string, as Entra's v1 endpoint sends it.
 *   <li>Access tokens live {@link #accessTokenLifetime(Duration)} (1 h by default) on the emulator's clock; a
 *       minted token that expired or was revoked answers 401 {@code "Token is expired"} / {@code "Invalid access
 *       token"} on the API (the real texts are unknown).
 * </ul>
 */
public final class EmulatedOAuth implements Service {

    public static final String AZURE_DATABRICKS_RESOURCE = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";
    static final String TOKEN_PATH = "/oidc/v1/token";
    static final String WELL_KNOWN = "/oidc/.well-known/oauth-authorization-server";
    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    private static final Pattern ENTRA = Pattern.compile("/([A-Za-z0-9.-]+)/oauth2/(v2\\.0/)?token");

    /** A federation policy: which tokens may be exchanged for one service principal (or the account). */
    public record FederationPolicy(String clientId, String issuer, String audience, String subject, String jwksJson) {}

    /** What the emulator remembers of a token it minted; never the token itself in a journal. */
    private record Minted(String principal, String method, Instant expiresAt) {}

    private final Settings settings;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> entraSecrets = new ConcurrentHashMap<>();
    private final Map<String, String> entraTenants = new ConcurrentHashMap<>();
    private final List<FederationPolicy> policies = new CopyOnWriteArrayList<>();
    private final Map<String, Minted> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile Duration lifetime = Duration.ofHours(1);
    private volatile Duration tokenEndpointLatency = Duration.ZERO;

    private final java.util.function.Supplier<String> baseUrl;

    EmulatedOAuth(Settings settings, ObjectMapper json, java.util.function.Supplier<String> baseUrl) {
        this.settings = settings;
        this.json = json;
        this.baseUrl = baseUrl;
    }

    // ------------------------------------------------------------------------------------------------ configuration

    /** A Databricks service principal with an OAuth secret. */
    public EmulatedOAuth servicePrincipal(String clientId, String secret) {
        secrets.put(clientId, secret);
        return this;
    }

    /** The service principal's OAuth secret stops working (as when deleted in the account console). */
    public EmulatedOAuth revokeSecret(String clientId) {
        secrets.remove(clientId);
        return this;
    }

    /** A federation policy; {@code clientId} null for an account-wide policy. */
    public EmulatedOAuth federationPolicy(FederationPolicy policy) {
        policies.add(Objects.requireNonNull(policy, "policy"));
        return this;
    }

    /** An Entra ID application with a client secret in {@code tenant}. */
    public EmulatedOAuth entraApplication(String tenant, String clientId, String secret) {
        entraSecrets.put(clientId, secret);
        entraTenants.put(clientId, tenant);
        return this;
    }

    /** How long minted access tokens live ({@code expires_in}); may change mid-run. */
    public EmulatedOAuth accessTokenLifetime(Duration value) {
        lifetime = Objects.requireNonNull(value, "lifetime");
        return this;
    }

    /** Slows every token request, so that concurrent callers overlap. */
    public EmulatedOAuth tokenEndpointLatency(Duration value) {
        tokenEndpointLatency = Objects.requireNonNull(value, "latency");
        return this;
    }

    /** Every minted access token stops working at once (401), though not yet expired. */
    public void revokeAccessTokens() {
        tokens.clear();
    }

    /** Token requests answered so far with {@code grant} ({@code client_credentials}, the exchange grant, entra). */
    public int tokenRequests(String grant) {
        AtomicInteger n = requests.get(grant);
        return n == null ? 0 : n.get();
    }

    /** All token requests answered so far, successful or not. */
    public int tokenRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The tokens minted so far that still work, for the secret scans. */
    public List<String> liveTokens() {
        Instant now = settings.clock().instant();
        return tokens.entrySet().stream()
                .filter(e -> e.getValue().expiresAt().isAfter(now))
                .map(Map.Entry::getKey)
                .toList();
    }

    // ------------------------------------------------------------------------------------------------ serving

    /** Whether {@code path} is one of these endpoints (answered without workspace credentials). */
    @Override
    public boolean serves(String path) {
        return path.equals(WELL_KNOWN)
                || path.equals(TOKEN_PATH)
                || ENTRA.matcher(path).matches();
    }

    /**
     * For a Bearer value: null when it is not a token minted here (the PAT check goes on), {@link #ACCEPTED} when it
     * works, otherwise the 401 to send.
     */
    ApiResponse checkAccess(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String value = authorization.substring(7).trim();
        if (!value.startsWith("dbo") && !value.startsWith("aad")) {
            return null;
        }
        Minted m = tokens.get(value);
        if (m == null) {
            return unauthorized("Invalid access token.");
        }
        if (!settings.clock().instant().isBefore(m.expiresAt())) {
            return unauthorized("Token is expired.");
        }
        return ACCEPTED;
    }

    /** Marker: the token is good. */
    static final ApiResponse ACCEPTED = ApiResponse.json(200, "{}");

    @Override
    public ApiResponse error(ApiException e, ApiRequest request) {
        return oauthError(400, "invalid_request", e.getMessage());
    }

    /** The service principal (or federated subject) a minted token stands for; call after {@link #checkAccess}. */
    String principalOf(String authorization) {
        Minted m = tokens.get(authorization.substring(7).trim());
        return m == null ? null : m.principal();
    }

    @Override
    public ApiResponse route(ApiRequest request) {
        String authorization = request.header("Authorization");
        String baseUrl = this.baseUrl.get();
        if (request.path().equals(WELL_KNOWN)) {
            if (!"GET".equals(request.method())) {
                return ApiResponse.json(405, "{\"error\":\"method_not_allowed\"}");
            }
            ObjectNode doc = json.createObjectNode();
            doc.put("issuer", baseUrl + "/oidc");
            doc.put("authorization_endpoint", baseUrl + "/oidc/v1/authorize");
            doc.put("token_endpoint", baseUrl + TOKEN_PATH);
            doc.put("jwks_uri", baseUrl + "/oidc/jwks.json");
            doc.putArray("grant_types_supported")
                    .add("client_credentials")
                    .add("authorization_code")
                    .add("refresh_token")
                    .add(EXCHANGE);
            doc.putArray("token_endpoint_auth_methods_supported")
                    .add("client_secret_basic")
                    .add("client_secret_post");
            return ApiResponse.json(200, doc.toString());
        }
        if (!"POST".equals(request.method())) {
            return oauthError(405, "invalid_request", "The token endpoint only accepts POST.");
        }
        pause();
        Matcher entra = ENTRA.matcher(request.path());
        if (entra.matches()) {
            count("entra");
            return entra(request, entra.group(1), entra.group(2) != null);
        }
        String grant = request.optional("grant_type");
        count(grant == null ? "none" : grant);
        if ("client_credentials".equals(grant)) {
            return clientCredentials(request, authorization);
        }
        if (EXCHANGE.equals(grant)) {
            return exchange(request);
        }
        return oauthError(400, "unsupported_grant_type", "Unsupported grant_type: " + grant);
    }

    private ApiResponse clientCredentials(ApiRequest request, String authorization) {
        String clientId = request.optional("client_id");
        String secret = request.optional("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return oauthError(401, "invalid_client", "Client authentication failed");
            }
            int colon = decoded.indexOf(':');
            clientId = colon < 0 ? decoded : decoded.substring(0, colon);
            secret = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        String expected = clientId == null ? null : secrets.get(clientId);
        if (expected == null || !expected.equals(secret)) {
            return oauthError(401, "invalid_client", "Client authentication failed");
        }
        String scope = request.optional("scope");
        if (scope == null || !List.of(scope.split(" ")).contains("all-apis")) {
            return oauthError(400, "invalid_scope", "Requested scope is not allowed: " + scope);
        }
        return mint("dbo", clientId, "client_credentials", "all-apis", false);
    }

    private ApiResponse exchange(ApiRequest request) {
        if (!JWT_TYPE.equals(request.optional("subject_token_type"))) {
            return oauthError(400, "invalid_request", "subject_token_type must be " + JWT_TYPE);
        }
        String jwt = request.optional("subject_token");
        if (jwt == null || jwt.isBlank()) {
            return oauthError(400, "invalid_request", "Missing subject_token");
        }
        String clientId = request.optional("client_id");
        List<FederationPolicy> candidates = policies.stream()
                .filter(p -> Objects.equals(p.clientId(), clientId))
                .toList();
        if (candidates.isEmpty()) {
            return oauthError(401, "invalid_client", "Client authentication failed");
        }
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return oauthError(400, "invalid_grant", "The subject token is not a JWT");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return oauthError(400, "invalid_grant", "The subject token is not a JWT");
        }
        String alg = header.path("alg").asText("");
        if (!"RS256".equals(alg)) {
            return oauthError(400, "invalid_grant", "Unsupported signing algorithm " + alg + ": use RS256 or ES256");
        }
        String refusal = null;
        for (FederationPolicy policy : candidates) {
            refusal = check(policy, header, claims, parts);
            if (refusal == null) {
                return mint(
                        "dbo",
                        clientId == null ? claims.path("sub").asText() : clientId,
                        EXCHANGE,
                        "all-apis",
                        false,
                        claims.path("exp").asLong());
            }
        }
        return oauthError(400, "invalid_grant", refusal);
    }

    /** Null when the token satisfies the policy, else the reason. */
    private String check(FederationPolicy policy, JsonNode header, JsonNode claims, String[] parts) {
        PublicKey key = key(policy.jwksJson(), header.path("kid").asText(null));
        if (key == null) {
            return "No key in the policy's JWKS matches the token's kid";
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "The token's signature does not verify";
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "The token's signature does not verify";
        }
        if (!policy.issuer().equals(claims.path("iss").asText(null))) {
            return "The token's issuer does not match the federation policy";
        }
        JsonNode aud = claims.path("aud");
        boolean audienceOk = aud.isArray()
                ? java.util.stream.StreamSupport.stream(aud.spliterator(), false)
                        .anyMatch(a -> policy.audience().equals(a.asText()))
                : policy.audience().equals(aud.asText(null));
        if (!audienceOk) {
            return "The token's audience does not match the federation policy";
        }
        if (policy.subject() != null
                && !policy.subject().equals(claims.path("sub").asText(null))) {
            return "The token's subject does not match the federation policy";
        }
        if (!claims.path("exp").canConvertToLong()
                || !Instant.ofEpochSecond(claims.path("exp").asLong())
                        .isAfter(settings.clock().instant())) {
            return "The token has expired";
        }
        return null;
    }

    private PublicKey key(String jwksJson, String kid) {
        try {
            for (JsonNode k : json.readTree(jwksJson).path("keys")) {
                if (!"RSA".equals(k.path("kty").asText())
                        || (kid != null && !kid.equals(k.path("kid").asText()))) {
                    continue;
                }
                BigInteger n = new BigInteger(
                        1, Base64.getUrlDecoder().decode(k.path("n").asText()));
                BigInteger e = new BigInteger(
                        1, Base64.getUrlDecoder().decode(k.path("e").asText()));
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
            }
        } catch (java.io.IOException | GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private ApiResponse entra(ApiRequest request, String tenant, boolean v2) {
        String clientId = request.optional("client_id");
        String expected = clientId == null ? null : entraSecrets.get(clientId);
        if (!entraTenants.containsValue(tenant)) {
            return entraError(
                    400,
                    "invalid_request",
                    90002,
                    "AADSTS90002: Tenant '" + tenant + "' not found. Check to make sure you have the correct tenant ID"
                            + " and are signing into the correct cloud.");
        }
        if (expected == null || !tenant.equals(entraTenants.get(clientId))) {
            return entraError(
                    400,
                    "unauthorized_client",
                    700016,
                    "AADSTS700016: Application with identifier '" + clientId + "' was not found in the directory '"
                            + tenant + "'.");
        }
        if (!expected.equals(request.optional("client_secret"))) {
            return entraError(
                    401,
                    "invalid_client",
                    7000215,
                    "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is"
                            + " the client secret value, not the client secret ID, for a secret added to app '"
                            + clientId + "'.");
        }
        if (!"client_credentials".equals(request.optional("grant_type"))) {
            return entraError(
                    400,
                    "unsupported_grant_type",
                    70003,
                    "AADSTS70003: The app requested an unsupported" + " grant type.");
        }
        String target = v2 ? request.optional("scope") : request.optional("resource");
        String want = v2 ? AZURE_DATABRICKS_RESOURCE + "/.default" : AZURE_DATABRICKS_RESOURCE;
        if (!want.equals(target)) {
            return entraError(
                    400,
                    "invalid_resource",
                    500011,
                    "AADSTS500011: The resource principal named " + target + " was not found in the tenant named "
                            + tenant + ".");
        }
        return mint("aad", clientId, "entra", null, !v2);
    }

    private ApiResponse mint(String prefix, String principal, String method, String scope, boolean stringExpiry) {
        return mint(prefix, principal, method, scope, stringExpiry, Long.MAX_VALUE);
    }

    /** A new access token; a federated one lives no longer than the token it was exchanged for. */
    private ApiResponse mint(
            String prefix, String principal, String method, String scope, boolean stringExpiry, long notAfter) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = prefix + HexFormat.of().formatHex(bytes);
        Instant now = settings.clock().instant();
        Instant expires = now.plus(lifetime);
        if (notAfter != Long.MAX_VALUE && Instant.ofEpochSecond(notAfter).isBefore(expires)) {
            expires = Instant.ofEpochSecond(notAfter);
        }
        tokens.put(token, new Minted(principal, method, expires));
        long seconds = Duration.between(now, expires).toSeconds();
        ObjectNode body = json.createObjectNode();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        if (stringExpiry) {
            body.put("expires_in", Long.toString(seconds));
            body.put("expires_on", Long.toString(expires.getEpochSecond()));
            body.put("resource", AZURE_DATABRICKS_RESOURCE);
        } else {
            body.put("expires_in", seconds);
        }
        if (scope != null) {
            body.put("scope", scope);
        }
        return ApiResponse.json(200, body.toString()).withHeader("Cache-Control", "no-store");
    }

    private void count(String grant) {
        requests.computeIfAbsent(grant, g -> new AtomicInteger()).incrementAndGet();
    }

    private void pause() {
        long ms = tokenEndpointLatency.toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ApiResponse oauthError(int status, String error, String description) {
        ObjectNode body = json.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return ApiResponse.json(status, body.toString());
    }

    private ApiResponse entraError(int status, String error, int code, String description) {
        ObjectNode body = json.createObjectNode();
        body.put("error", error);
        body.put(
                "error_description",
                description + "\r\nTrace ID: 0b1c2d3e-0000-4000-8000-000000000000\r\nCorrelation ID:"
                        + " 1a2b3c4d-0000-4000-8000-000000000000\r\nTimestamp: "
                        + settings.clock().instant());
        body.putArray("error_codes").add(code);
        body.put("timestamp", settings.clock().instant().toString());
        body.put("trace_id", "0b1c2d3e-0000-4000-8000-000000000000");
        body.put("correlation_id", "1a2b3c4d-0000-4000-8000-000000000000");
        return ApiResponse.json(status, body.toString());
    }

    private static ApiResponse unauthorized(String message) {
        return ApiResponse.json(401, "{\"error_code\":401,\"message\":\"" + message + "\"}");
    }
}
