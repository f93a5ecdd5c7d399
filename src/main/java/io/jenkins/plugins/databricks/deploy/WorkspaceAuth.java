package io.jenkins.plugins.databricks.deploy;

import java.util.Objects;

/**
 * How to authenticate to the workspace: a personal access token (sent as Bearer) or a user name and password (Basic).
 * The secret never appears in {@link #toString()}.
 */
public final class WorkspaceAuth {

    private final String username;
    private final String secret;

    private WorkspaceAuth(String username, String secret) {
        this.username = username;
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    public static WorkspaceAuth bearer(String token) {
        return new WorkspaceAuth(null, token);
    }

    public static WorkspaceAuth basic(String username, String password) {
        return new WorkspaceAuth(Objects.requireNonNull(username, "username"), password);
    }

    public boolean isBearer() {
        return username == null;
    }

    /** The Basic user name; {@code null} for a token. */
    public String basicUser() {
        return username;
    }

    /** The token or password. Read it only where the request is made. */
    public String secret() {
        return secret;
    }

    boolean isBlank() {
        return secret.isBlank() || (username != null && username.isBlank());
    }

    @Override
    public String toString() {
        return isBearer() ? "token ****" : "user " + username + " / ****";
    }
}
