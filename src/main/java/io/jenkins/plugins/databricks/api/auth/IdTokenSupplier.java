package io.jenkins.plugins.databricks.api.auth;

import java.io.IOException;

/**
 * Yields the OIDC id token that a token exchange trades for a Databricks token. Called once per exchange: in Jenkins
 * each call mints a fresh token, from a file each call reads it again.
 */
@FunctionalInterface
public interface IdTokenSupplier {
    String idToken() throws IOException;
}
