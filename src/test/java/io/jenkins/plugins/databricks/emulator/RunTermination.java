package io.jenkins.plugins.databricks.emulator;

/**
 * How an emulated run ended: {@code status.termination_details} ({@code code}, {@code type}, {@code message}) and
 * the deprecated {@code state.result_state} derived from it.
 */
public record RunTermination(String code, String type, String message) {

    static RunTermination success() {
        return new RunTermination("SUCCESS", "SUCCESS", "");
    }

    static RunTermination executionError() {
        return new RunTermination("RUN_EXECUTION_ERROR", "CLIENT_ERROR", "Workload failed, see run output for details");
    }

    static RunTermination libraryError(String message) {
        return new RunTermination("LIBRARY_INSTALLATION_ERROR", "CLIENT_ERROR", message);
    }

    static RunTermination userCanceled() {
        return new RunTermination("USER_CANCELED", "SUCCESS", "Run cancelled.");
    }

    static RunTermination timedOut(long seconds) {
        return new RunTermination("CANCELED", "CLIENT_ERROR", "Run timed out after " + seconds + " seconds.");
    }

    static RunTermination clusterLost(String clusterId) {
        return new RunTermination(
                "CLUSTER_TERMINATED_BY_USER",
                "CLIENT_ERROR",
                "Cluster " + clusterId + " was terminated or restarted outside the Jobs service during the run.");
    }

    static RunTermination clusterError(String clusterId, String state) {
        return new RunTermination(
                "CLUSTER_ERROR", "INTERNAL_ERROR", "Cluster " + clusterId + " is in unexpected state " + state + ".");
    }

    static RunTermination invalidClusterRequest(String message) {
        return new RunTermination("INVALID_CLUSTER_REQUEST", "CLIENT_ERROR", message);
    }

    public boolean succeeded() {
        return "SUCCESS".equals(code);
    }

    /** The deprecated {@code result_state} for this end. */
    String resultState() {
        return switch (code) {
            case "SUCCESS" -> "SUCCESS";
            case "USER_CANCELED" -> "CANCELED";
            case "CANCELED" -> "TIMEDOUT";
            default -> "FAILED";
        };
    }

    /** The deprecated {@code user_cancelled_or_timedout}. */
    boolean cancelledOrTimedOut() {
        return "USER_CANCELED".equals(code) || "CANCELED".equals(code);
    }
}
