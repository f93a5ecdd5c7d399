package io.jenkins.plugins.databricks.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How the client authenticates: HTTP Basic (user and password, or the literal user {@code token} with a personal
 * access token) or a Bearer token. The header is sent pre-emptively on every request, because some 1.2 endpoints
 * answer an unauthenticated request with 500 instead of a 401 challenge.
 *
 * <p>The secret never appears in {@link #toString()}; {@link #redact(String)} removes it from any text that might
 * echo it (server error messages).
 */
public final class Auth {

    /** The user name Databricks expects when a personal access token is sent as Basic credentials. */
    public static final String TOKEN_USER = "token";

    private final String scheme;
    private final String user;
    private final String secret;
    private final String headerValue;

    private Auth(String scheme, String user, String secret, String headerValue) {
        this.scheme = scheme;
        this.user = user;
        this.secret = secret;
        this.headerValue = headerValue;
    }

    /** A personal access token (or any OAuth access token) sent as {@code Authorization: Bearer <token>}. */
    public static Auth bearer(String token) {
        String t = requireText(token, "token", "paste the personal access token (it usually starts with dapi)");
        return new Auth("Bearer", null, t, "Bearer " + t);
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
        return new Auth("Basic", u, password, "Basic " + encoded);
    }

    /** A personal access token sent as HTTP Basic with the user {@value #TOKEN_USER}, as {@code .netrc} does. */
    public static Auth basicToken(String token) {
        return basic(
                TOKEN_USER,
                requireText(token, "token", "paste the personal access token (it usually starts with dapi)"));
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

    /** The value of the {@code Authorization} header. Package-private: only the client sends it. */
    String headerValue() {
        return headerValue;
    }

    /** Replaces every occurrence of the secret (and of the encoded header value) in {@code text} with {@code ****}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (!secret.isEmpty() && out.contains(secret)) {
            out = out.replace(secret, "****");
        }
        String encoded = headerValue.substring(scheme.length() + 1);
        if (out.contains(encoded)) {
            out = out.replace(encoded, "****");
        }
        return out;
    }

    @Override
    public String toString() {
        return user == null
                ? "Auth[" + scheme + ", token=****]"
                : "Auth[" + scheme + ", user=" + user + ", password=****]";
    }
}
