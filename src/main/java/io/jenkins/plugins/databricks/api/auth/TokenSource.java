package io.jenkins.plugins.databricks.api.auth;

import java.io.IOException;
import java.util.List;

/**
 * Where bearer tokens come from. A source only mints: {@link TokenCache} decides when (before expiry, one request
 * for all concurrent callers). Implementations are immutable and thread-safe.
 */
public interface TokenSource {

    /**
     * Asks the token endpoint for a new token.
     *
     * @throws TokenRequestException when the endpoint refuses, with a message that says what to fix
     */
    AccessToken fetch(TokenHttp http) throws IOException;

    /** The method and the principal, e.g. {@code OAuth M2M as service principal 1a2b...}; no secret. */
    String describe();

    /** The long-lived secrets this source holds (client secret), for redaction; empty when none. */
    List<String> secrets();
}
