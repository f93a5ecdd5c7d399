package io.jenkins.plugins.databricks.api.auth;

import java.time.Instant;
import java.util.Objects;

/** A bearer token and when it stops working. Its value never appears in {@link #toString()}. */
public record AccessToken(String value, Instant expiresAt) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "AccessToken[****, expires " + expiresAt + "]";
    }
}
