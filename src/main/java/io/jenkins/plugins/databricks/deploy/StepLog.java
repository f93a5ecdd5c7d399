package io.jenkins.plugins.databricks.deploy;

/** Adds the prefix and hands a line to the listener; the one place the engine writes progress. */
final class StepLog {

    private final DeployListener listener;

    StepLog(DeployListener listener) {
        this.listener = listener;
    }

    void line(String text) {
        listener.line(DeployListener.PREFIX + text);
    }
}
