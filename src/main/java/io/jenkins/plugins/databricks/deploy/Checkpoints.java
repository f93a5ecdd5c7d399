package io.jenkins.plugins.databricks.deploy;

/**
 * Where a deploy saves its {@link DeployCheckpoint} after each step that changes Databricks: with the Jenkins build, so
 * that a controller restart can resume it. Called on the deploying thread and on the smoke threads; an implementation
 * must be thread-safe and must not throw for a failed save (it logs it; the deploy goes on).
 */
@FunctionalInterface
public interface Checkpoints {

    Checkpoints NONE = checkpoint -> {};

    void save(DeployCheckpoint checkpoint);
}
