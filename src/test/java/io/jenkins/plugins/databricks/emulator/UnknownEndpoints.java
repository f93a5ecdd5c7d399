package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Every other {@code /api/} path: 404 {@code ENDPOINT_NOT_FOUND} in the 2.x shape, after authentication. */
final class UnknownEndpoints extends Rest2Service {

    UnknownEndpoints(ObjectMapper json) {
        super(json);
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith("/api/");
    }

    @Override
    Object handle(ApiRequest r) {
        throw noSuchEndpoint(r);
    }
}
