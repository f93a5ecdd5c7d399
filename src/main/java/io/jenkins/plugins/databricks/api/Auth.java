package io.jenkins.plugins.databricks.api;

import io.jenkins.plugins.databricks.api.auth.AccessToken;
import io.jenkins.plugins.databricks.api.auth.TokenCache;
import io.jenkins.plugins.databricks.api.auth.TokenHttp;
import io.jenkins.plugins.databricks.api.auth.TokenSource;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * How the client authenticates: a fixed header — HTTP Basic (user and password, or the literal user {@code token}
 * with a personal access token) or a Bearer token — or Bearer tokens from a {@link TokenSource} (OAuth M2M, workload
 * identity federation, Azure Entra ID), refreshed before they expire by a {@link TokenCache}. The header is sent
 * pre-emptively on every request, because some 1.2 endpoints answer an unauthenticated request with 500 instead of a
 * 401 challenge.
 *
 * <p>No secret appears in {@link #toString()}; {@link #redact(String)} removes every secret and every token minted so
 * far from any text that might echo it (server error messages). {@link #onSecret(Consumer)} hands the same values to
 * another redactor (a build log's, a report's) as they appear.
 */
public final class Auth {

    /** The user name Databricks expects when a personal access token is sent as Basic credentials. */
    public static final String TOKEN_USER = "token";

    /** Redaction keeps this many minted tokens (a deploy mints a handful; a long-lived client one an hour). */
    private static final int MINTED_KEPT = 256;

    private final String scheme;
    private final String user;
    private final String headerValue;
    private final TokenCache tokens;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final List<String> minted = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> sinks = new CopyOnWriteArrayList<>();

    private Auth(String scheme, String user, String headerValue, List<String> secrets, TokenSource source) {
        this.scheme = scheme;
        this.user = user;
        this.headerValue = headerValue;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                this.secrets.add(secret);
                // As a form body or a query would carry it, should a server quote the request back.
                this.secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            }
        }
        this.tokens = source == null ? null : new TokenCache(source, this::registerMinted);
    }

    /** A personal access token (or any OAuth access token) sent as {@code Authorization: Bearer <token>}. */
    public static Auth bearer(String token) {
        String t = requireText(token, "token", "paste the personal access token (it usually starts with dapi)");
        return new Auth("Bearer", null, "Bearer " + t, List.of(t), null);
    }

    /** HTTP Basic with a user and password; use {@link #basicToken(String)} for a personal access token. */
    public static Auth basic(String user, String password) {
        String u = requireText(user, "user", "enter the Databricks user name, or use a token");
        Objects.requireNonNull(password, "password must not be null");
        if (u.indexOf(':') >= 0) {
            throw new IllegalArgumentException(
                    "The user name must not contain ':' (HTTP Basic cannot carry it); check the user name field.");
        }
        String encoded = Base64.getEncoder().encodeToString((u + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Auth("Basic", u, "Basic " + encoded, List.of(password, encoded), null);
    }

    /** A personal access token sent as HTTP Basic with the user {@value #TOKEN_USER}, as {@code .netrc} does. */
    public static Auth basicToken(String token) {
        return basic(
                TOKEN_USER,
                requireText(token, "token", "paste the personal access token (it usually starts with dapi)"));
    }

    /**
     * Bearer tokens from {@code source}, each replaced before it expires; one token request serves all concurrent
     * calls. See {@code api.auth}: {@code OAuthM2M}, {@code WorkloadIdentityFederation}, {@code AzureServicePrincipal}.
     */
    public static Auth tokens(TokenSource source) {
        Objects.requireNonNull(source, "source");
        return new Auth("Bearer", null, null, source.secrets(), source);
    }

    private static String requireText(String value, String field, String fix) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + field + " is empty: " + fix + ".");
        }
        return value.strip();
    }

    /** {@code Basic} or {@code Bearer}. */
    public String scheme() {
        return scheme;
    }

    /** The Basic user name, or {@code null} for Bearer. Not a secret. */
    public String user() {
        return user;
    }

    /**
     * How this authenticates, for a person: {@code personal access token}, {@code user alice}, or the token source's
     * own description ({@code OAuth M2M as service principal 1a2b...}). No secret.
     */
    public String method() {
        if (tokens != null) {
            return tokens.source().describe();
        }
        if (user == null) {
            return "personal access token";
        }
        return TOKEN_USER.equals(user) ? "personal access token (as Basic)" : "user " + user;
    }

    /** The fixed {@code Authorization} value; {@code null} for minted tokens. Package-private: only the client sends it. */
    String headerValue() {
        return headerValue;
    }

    /** Whether tokens are minted (and can be replaced after a 401), rather than a fixed header. */
    boolean refreshable() {
        return tokens != null;
    }

    /** The header to send now: the fixed one, or a Bearer token that is valid for a while yet. */
    Credential credential(TokenHttp http) throws IOException {
        if (tokens == null) {
            return new Credential(headerValue, null);
        }
        AccessToken token = tokens.token(http);
        return new Credential("Bearer " + token.value(), token);
    }

    /** The server refused a minted token that should still be valid: the next request gets a fresh one. */
    void rejected(Credential credential) {
        if (tokens != null && credential.token() != null) {
            tokens.rejected(credential.token());
        }
    }

    /** An {@code Authorization} value and, for a minted token, the token it carries. */
    record Credential(String header, AccessToken token) {
        @Override
        public String toString() {
            return "Credential[****]";
        }
    }

    /**
     * Hands {@code sink} every secret this holds (password, personal access token, client secret) and every token
     * minted so far, then each token minted from now on, before it is sent. For a redactor outside the client (a build
     * log's, a report's) that must know them too. Returns {@code this}.
     */
    public Auth onSecret(Consumer<String> sink) {
        Objects.requireNonNull(sink, "sink");
        sinks.add(sink);
        secrets.forEach(sink);
        minted.forEach(sink);
        return this;
    }

    /** Every secret and minted token known now, for a redactor that takes a snapshot. */
    public List<String> secrets() {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(minted);
        return List.copyOf(all);
    }

    private void registerMinted(String token) {
        if (minted.size() >= MINTED_KEPT) {
            minted.remove(0);
        }
        minted.add(token);
        sinks.forEach(sink -> sink.accept(token));
    }

    /** Replaces every occurrence of a secret, encoded header value or minted token in {@code text} with {@code ****}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, "****");
            }
        }
        for (String token : minted) {
            if (out.contains(token)) {
                out = out.replace(token, "****");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        if (tokens != null) {
            return "Auth[" + tokens.source().describe() + "]";
        }
        return user == null
                ? "Auth[" + scheme + ", token=****]"
                : "Auth[" + scheme + ", user=" + user + ", password=****]";
    }
}
