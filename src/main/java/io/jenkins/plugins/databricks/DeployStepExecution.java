package io.jenkins.plugins.databricks;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.databricks.deploy.DeployCheckpoint;
import io.jenkins.plugins.databricks.deploy.DeployListener;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The {@code databricksDeploy} step's execution. The deploy runs on a thread of its own (the Pipeline's thread must not
 * block), and the step ends when the deploy has ended — also after an abort:
 *
 * <ul>
 *   <li>The first {@link #stop} only interrupts the deploy. The engine cancels the smoke command (and any HTTP request
 *       in flight), destroys its contexts and rolls back; {@link DeploymentRunner} saves the build-page action (and
 *       with it the {@code DATABRICKS_*} variables); then the step fails with the stop's cause, so the build is
 *       aborted with every rollback line in its log and {@code post { aborted { … } }} sees the clusters put back.
 *   <li>A second stop ends the step at once: it interrupts the rollback (which logs what it left undone) and says in
 *       the log what may be unfinished.
 * </ul>
 *
 * <p>Unlike {@code SynchronousNonBlockingStepExecution} it survives a controller restart: the engine saves a checkpoint
 * with the build after each step that changes Databricks ({@link DeployCheckpointAction}), and {@link #onResume()}
 * finishes or rolls back from it.
 */
@SuppressFBWarnings(
        value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
        justification = "the transient fields describe this JVM's thread; after a restart onResume starts afresh")
final class DeployStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "databricksDeploy #" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private static final String FIRST_STOP = DeployListener.PREFIX
            + "Abort: stopping the deploy — cancelling the smoke command, destroying its contexts and rolling back;"
            + " the step ends when that is done (abort again to end it at once)";

    private static final String SECOND_STOP = DeployListener.PREFIX
            + "Second abort: ending the step now. What may be unfinished: the rollback (a cluster may still have the"
            + " new library attached, or both versions), an execution context, the clean-up of old versions; the"
            + " lines that follow, the build page and the next deploy's pre-flight say what was left";

    private final DeployRequest request;

    /** Names this deploy's checkpoint in the build's {@link DeployCheckpointAction}. */
    private final String deployId = UUID.randomUUID().toString();

    // Transient state of this JVM's run: after a restart it starts empty (null, false), which is what it means then.
    private transient volatile Future<?> task;
    /** The thread running the deploy, to interrupt: a cancelled Future would not interrupt it a second time. */
    private transient volatile Thread worker;

    private transient volatile Throwable stopCause;
    private transient volatile boolean completed;
    private transient volatile String status;
    /** The controller this execution runs under; a thread that outlives it must not complete the step. */
    private transient volatile Jenkins owner;

    DeployStepExecution(StepContext context, DeployRequest request) {
        super(context);
        this.request = request;
    }

    @Override
    public boolean start() {
        owner = Jenkins.getInstanceOrNull();
        status = "deploying";
        task = POOL.submit(() -> runDeploy(false));
        return false;
    }

    /**
     * After a controller restart: the deploy thread died with the old JVM. A new one reads the last checkpoint and
     * finishes or rolls back what it says (credentials resolved again); without one the deploy had changed nothing on
     * Databricks, so it runs from the start.
     */
    @Override
    public void onResume() {
        owner = Jenkins.getInstanceOrNull();
        status = "resuming after a controller restart";
        task = POOL.submit(() -> runDeploy(true));
    }

    private void runDeploy(boolean resuming) {
        synchronized (this) {
            worker = Thread.currentThread();
            if (stopCause != null) {
                worker.interrupt(); // stopped before this thread got going
            }
        }
        StepContext context = getContext();
        try {
            Run<?, ?> run = context.get(Run.class);
            FilePath workspace = context.get(FilePath.class);
            TaskListener listener = context.get(TaskListener.class);
            DeployCheckpoint last = resuming ? DeployCheckpointAction.last(run, deployId) : null;
            if (resuming && last == null) {
                listener.getLogger()
                        .println(DeployListener.PREFIX + "Resuming after a controller restart: the deploy had not"
                                + " changed Databricks yet, so it starts again from the pre-flight");
            }
            Object result = DeploymentRunner.run(
                    request, run, workspace, listener, DeployCheckpointAction.savingTo(run, deployId), last);
            Throwable cause = stopCause;
            if (cause != null) {
                complete(null, cause); // a stop during the clean-up: the deploy stands, the build stops
            } else {
                complete(result, null);
            }
        } catch (Throwable t) {
            Throwable cause = stopCause;
            if (cause != null) {
                cause.addSuppressed(t);
                complete(null, cause);
            } else {
                complete(null, t);
            }
        } finally {
            synchronized (this) {
                worker = null; // from here on a stop cannot interrupt this pool thread, which may serve another build
            }
            Thread.interrupted();
        }
    }

    private synchronized void complete(Object result, Throwable failure) {
        if (completed || !DeployCheckpointAction.stillRunning(owner)) {
            return; // done already, or the controller is gone and the next one resumes the deploy
        }
        completed = true;
        status = null;
        if (failure == null) {
            getContext().onSuccess(result);
        } else {
            getContext().onFailure(failure);
        }
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        Future<?> running = task;
        boolean first;
        synchronized (this) {
            first = stopCause == null;
            if (first) {
                stopCause = cause;
            }
            if (worker != null) {
                worker.interrupt(); // the deploy still runs to its end: cancel, destroy, roll back
            }
        }
        if (running == null || running.isDone() || completed) {
            complete(null, cause);
            return;
        }
        if (first) {
            status = "aborting: cancelling the smoke command and rolling back";
            log(FIRST_STOP);
            return;
        }
        log(SECOND_STOP);
        complete(null, cause);
    }

    private void log(String line) {
        try {
            TaskListener listener = getContext().get(TaskListener.class);
            if (listener != null) {
                listener.getLogger().println(line);
            }
        } catch (IOException e) {
            // the log is gone with the build; nothing to tell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String getStatus() {
        return status;
    }
}
