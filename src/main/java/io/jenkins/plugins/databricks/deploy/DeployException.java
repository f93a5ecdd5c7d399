package io.jenkins.plugins.databricks.deploy;

import java.util.Optional;

/**
 * A deploy that could not be done or did not succeed. The message says what failed and what would fix it; when the
 * deploy got past pre-flight, {@link #report()} tells what state every cluster was left in.
 */
public class DeployException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DeployReport report;

    public DeployException(String message) {
        this(message, null, null);
    }

    public DeployException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public DeployException(String message, Throwable cause, DeployReport report) {
        super(message, cause);
        this.report = report;
    }

    public Optional<DeployReport> report() {
        return Optional.ofNullable(report);
    }
}
