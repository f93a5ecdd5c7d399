package io.jenkins.plugins.databricks.api.rest12;

import io.jenkins.plugins.databricks.api.ApiCall;

/** The 16 REST 1.2 endpoints the client calls, with whether repeating a call is harmless. */
enum Endpoint {
    CLUSTERS_LIST("GET", "clusters/list", true),
    CLUSTERS_STATUS("GET", "clusters/status", true),
    CLUSTERS_RESTART("POST", "clusters/restart", false),
    CLUSTERS_DELETE("POST", "clusters/delete", false),
    CONTEXTS_CREATE("POST", "contexts/create", false),
    CONTEXTS_STATUS("GET", "contexts/status", true),
    CONTEXTS_DESTROY("POST", "contexts/destroy", false),
    COMMANDS_EXECUTE("POST", "commands/execute", false),
    COMMANDS_STATUS("GET", "commands/status", true),
    COMMANDS_CANCEL("POST", "commands/cancel", false),
    LIBRARIES_LIST("GET", "libraries/list", true),
    LIBRARIES_STATUS("GET", "libraries/status", true),
    LIBRARIES_UPLOAD("POST", "libraries/upload", false),
    LIBRARIES_DELETE("POST", "libraries/delete", false),
    // Attaching or detaching twice leaves the same state, so a lost answer may be retried.
    LIBRARIES_ATTACH("POST", "libraries/attach", true),
    LIBRARIES_DETACH("POST", "libraries/detach", true);

    final ApiCall call;

    Endpoint(String method, String relativePath, boolean safeToRepeat) {
        this.call = new ApiCall(method, "/api/1.2/" + relativePath, safeToRepeat);
    }

    /** {@code POST /api/1.2/libraries/upload}: for messages; never carries a query string. */
    String description() {
        return call.description();
    }
}
