package io.jenkins.plugins.databricks.emulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may call: Basic with a configured user and password, Basic with user {@code token} and a valid personal access
 * token, or Bearer with a valid token. Answers: no or unusable {@code Authorization} header, or a wrong Basic
 * password → 401 with {@code WWW-Authenticate: Basic realm="Databricks"} (the real realm is unknown); an invalid or
 * expired token → 403 in the {@link Settings.ForbiddenStyle} chosen.
 */
final class Authentication {

    static final String TOKEN_USER = "token";
    private static final String INVALID_TOKEN = "Invalid access token.";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    /** Valid token → the user name it authenticates (what SCIM Me answers). */
    private final Map<String, String> validTokens = new ConcurrentHashMap<>();

    private final Settings settings;
    private volatile String currentToken;

    Authentication(Settings settings) {
        this.settings = settings;
        currentToken = issue(settings.defaultUserName());
    }

    /** A new valid token for {@code userName}. */
    String issue(String userName) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = "dapi" + HexFormat.of().formatHex(bytes);
        validTokens.put(token, userName);
        return token;
    }

    /**
     * The user name of a caller that {@link #check} let through: the token's user, or the Basic user name. Call only
     * after a null {@link #check}.
     */
    String callerOf(String authorization) {
        String header = authorization.trim();
        int space = header.indexOf(' ');
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).trim();
        if ("Bearer".equalsIgnoreCase(scheme)) {
            return validTokens.get(value);
        }
        String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        String user = decoded.substring(0, decoded.indexOf(':'));
        return TOKEN_USER.equals(user) ? validTokens.get(decoded.substring(decoded.indexOf(':') + 1)) : user;
    }

    String currentToken() {
        return currentToken;
    }

    /** The current token stops working; a new one becomes current. */
    synchronized void expireCurrentToken() {
        String user = validTokens.remove(currentToken);
        currentToken = issue(user == null ? settings.defaultUserName() : user);
    }

    void addUser(String user, String password) {
        if (TOKEN_USER.equals(user)) {
            throw new IllegalArgumentException("user 'token' is reserved for personal access tokens");
        }
        passwords.put(user, password);
    }

    /** Null when the caller may proceed; otherwise the answer to send. */
    ApiResponse check(String authorization, String path) {
        if (authorization == null || authorization.isBlank()) {
            return unauthorized("Credential was not sent or was of an unsupported type for this API.");
        }
        String header = authorization.trim();
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String value = space < 0 ? "" : header.substring(space + 1).trim();
        if ("Bearer".equalsIgnoreCase(scheme)) {
            return validTokens.containsKey(value) ? null : forbidden(path);
        }
        if ("Basic".equalsIgnoreCase(scheme)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return unauthorized("Malformed Basic credentials.");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return unauthorized("Malformed Basic credentials.");
            }
            String user = decoded.substring(0, colon);
            String password = decoded.substring(colon + 1);
            if (TOKEN_USER.equals(user)) {
                return validTokens.containsKey(password) ? null : forbidden(path);
            }
            String expected = passwords.get(user);
            return expected != null && expected.equals(password) ? null : unauthorized("Invalid username or password.");
        }
        return unauthorized("Credential was not sent or was of an unsupported type for this API.");
    }

    private static ApiResponse unauthorized(String message) {
        return ApiResponse.json(401, "{\"error_code\":401,\"message\":\"" + message + "\"}")
                .withHeader("WWW-Authenticate", "Basic realm=\"Databricks\"");
    }

    private ApiResponse forbidden(String path) {
        if (settings.forbiddenStyle() == Settings.ForbiddenStyle.HTML) {
            return ApiResponse.jettyErrorPage(403, INVALID_TOKEN, path);
        }
        return ApiResponse.of(
                        403,
                        "application/json; charset=utf-8",
                        "{\"error_code\":403,\"message\":\"" + INVALID_TOKEN + "\"}")
                .withHeader("X-Databricks-Reason-Phrase", INVALID_TOKEN);
    }
}
