package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.api.Auth;
import java.util.Objects;
import java.util.Optional;

/**
 * How to authenticate to the workspace: a personal access token (sent as Bearer), a user name and password (Basic),
 * or the client's own {@link Auth} (OAuth M2M, workload identity federation, Azure Entra ID: tokens minted and
 * refreshed by the client). No secret ever appears in {@link #toString()}.
 */
public final class WorkspaceAuth {

    private final String username;
    private final String secret;
    private final Auth client;

    private WorkspaceAuth(String username, String secret, Auth client) {
        this.username = username;
        this.secret = client == null ? Objects.requireNonNull(secret, "secret") : "";
        this.client = client;
    }

    public static WorkspaceAuth bearer(String token) {
        return new WorkspaceAuth(null, token, null);
    }

    public static WorkspaceAuth basic(String username, String password) {
        return new WorkspaceAuth(Objects.requireNonNull(username, "username"), password, null);
    }

    /** Authentication the client already holds, e.g. {@code Auth.tokens(OAuthM2M.of(id, secret))}. */
    public static WorkspaceAuth of(Auth auth) {
        return new WorkspaceAuth(null, null, Objects.requireNonNull(auth, "auth"));
    }

    public boolean isBearer() {
        return username == null;
    }

    /** The Basic user name; {@code null} for a token. */
    public String basicUser() {
        return username;
    }

    /** The token or password ({@code ""} for {@link #of(Auth)}). Read it only where the request is made. */
    public String secret() {
        return secret;
    }

    /** The client's {@link Auth} given to {@link #of(Auth)}; empty for a token or a password. */
    public Optional<Auth> clientAuth() {
        return Optional.ofNullable(client);
    }

    boolean isBlank() {
        return client == null && (secret.isBlank() || (username != null && username.isBlank()));
    }

    @Override
    public String toString() {
        if (client != null) {
            return client.method();
        }
        return isBearer() ? "token ****" : "user " + username + " / ****";
    }
}
