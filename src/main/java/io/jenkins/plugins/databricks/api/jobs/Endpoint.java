package io.jenkins.plugins.databricks.api.jobs;

import io.jenkins.plugins.databricks.api.ApiCall;

/** The Jobs 2.2 run endpoints the client calls, with whether repeating a call is harmless. */
enum Endpoint {
    // A submit is harmless to repeat only with an idempotency token: the client picks the call per request.
    RUNS_SUBMIT("POST", "runs/submit", false),
    RUNS_SUBMIT_IDEMPOTENT("POST", "runs/submit", true),
    RUNS_GET("GET", "runs/get", true),
    RUNS_GET_OUTPUT("GET", "runs/get-output", true),
    // Cancelling a run twice leaves it cancelled (cancelling a finished run changes nothing).
    RUNS_CANCEL("POST", "runs/cancel", true);

    final ApiCall call;

    Endpoint(String method, String relativePath, boolean safeToRepeat) {
        this.call = new ApiCall(method, "/api/2.2/jobs/" + relativePath, safeToRepeat);
    }

    String description() {
        return call.description();
    }
}
