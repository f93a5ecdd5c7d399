package io.jenkins.plugins.databricks.deploy;

/**
 * The deploy thread was interrupted (a Jenkins abort). The engine cancelled the running command, destroyed its
 * context, rolled back if asked, and restored the thread's interrupt flag; the report says where every cluster stands.
 */
public final class DeployAbortedException extends DeployException {

    private static final long serialVersionUID = 1L;

    public DeployAbortedException(String message, DeployReport report) {
        super(message, null, report);
    }
}
