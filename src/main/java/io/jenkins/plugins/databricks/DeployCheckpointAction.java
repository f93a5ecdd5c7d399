package io.jenkins.plugins.databricks;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.databricks.deploy.Checkpoints;
import io.jenkins.plugins.databricks.deploy.DeployCheckpoint;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * Where each deploy of this build stands, saved with the build (build.xml) after every step that changes Databricks,
 * so that after a controller restart the Pipeline step can finish or roll back what the dead JVM left. One entry per
 * step execution, as the checkpoint's JSON (no secret in it); kept when the deploy ends, so a restart in the instant
 * between the end and the step's completion reports instead of deploying twice. Not shown on the build page.
 */
public final class DeployCheckpointAction implements Action {

    private static final Logger LOGGER = Logger.getLogger(DeployCheckpointAction.class.getName());

    /** Step execution id to checkpoint JSON. */
    private Map<String, String> checkpoints = new LinkedHashMap<>();

    /** A sink that saves each checkpoint of one deploy with the build. */
    static Checkpoints savingTo(Run<?, ?> run, String deployId) {
        DeployCheckpointAction action = on(run);
        Jenkins owner = Jenkins.getInstanceOrNull();
        return checkpoint -> {
            if (!stillRunning(owner)) {
                // a deploy thread that outlived its controller must not write the build's file under the next one
                return;
            }
            action.put(deployId, checkpoint);
            try {
                run.save();
            } catch (IOException | RuntimeException e) {
                // the deploy goes on; only a restart in this very step would lack the latest checkpoint
                LOGGER.log(Level.WARNING, "Could not save the deploy checkpoint of " + run, e);
            }
        };
    }

    /** Whether the controller that started a deploy is still the one running, and not shutting down. */
    static boolean stillRunning(Jenkins owner) {
        Jenkins now = Jenkins.getInstanceOrNull();
        return now != null && now == owner && !now.isTerminating();
    }

    /** The last checkpoint of that deploy, or {@code null} if it saved none (it never changed Databricks). */
    static DeployCheckpoint last(Run<?, ?> run, String deployId) {
        DeployCheckpointAction action = run.getAction(DeployCheckpointAction.class);
        return action == null ? null : action.get(deployId);
    }

    private static synchronized DeployCheckpointAction on(Run<?, ?> run) {
        DeployCheckpointAction action = run.getAction(DeployCheckpointAction.class);
        if (action == null) {
            action = new DeployCheckpointAction();
            run.addAction(action);
        }
        return action;
    }

    private synchronized void put(String deployId, DeployCheckpoint checkpoint) {
        if (checkpoints == null) {
            checkpoints = new LinkedHashMap<>();
        }
        checkpoints.put(deployId, checkpoint.toJson());
    }

    private synchronized DeployCheckpoint get(String deployId) {
        String json = checkpoints == null ? null : checkpoints.get(deployId);
        return json == null ? null : DeployCheckpoint.fromJson(json);
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
