package io.jenkins.plugins.databricks.emulator;

/**
 * One face or service of the emulator (the 1.2 API, the Files API, Clusters 2.x, ...): the paths it answers and how.
 * {@link DatabricksEmulator} asks each service in turn whether it {@link #serves} a path; a new service (OAuth, Jobs)
 * is one more implementation registered there.
 */
interface Service {

    /** True when this service answers {@code path} (whatever the method). */
    boolean serves(String path);

    /**
     * True when the body of this request is the service's raw payload, to be streamed by the handler itself rather
     * than parsed into parameters (a Files API upload).
     */
    default boolean rawBody(ApiRequest request) {
        return false;
    }

    /** The answer; errors of this service come back as answers in its own error shape. */
    ApiResponse route(ApiRequest request);

    /** A 1.2-style error raised before routing (an unreadable body) in this service's error shape. */
    ApiResponse error(ApiException e, ApiRequest request);
}
