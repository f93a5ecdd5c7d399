package io.jenkins.plugins.databricks.deploy;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A call that creates something on a cluster (an execution context, a command, a job run), carried to its answer even
 * through an interrupt: an interrupt cancels the request in flight, and a thing created whose answer was cancelled
 * would stay with an id nobody knows (an open context, of which a cluster holds at most 145; a run that goes on
 * running). The interrupt is kept and acted on right after, with the id in hand to cancel and destroy. The wait is
 * bounded by the client's response timeout. Used by {@link SmokeRunner} and {@link JarSmokeRunner}.
 */
final class AnsweredCall {

    /** Threads that carry a create call to its answer while the smoke thread may be interrupted. */
    private static final ExecutorService CREATES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "databricks-create");
        thread.setDaemon(true);
        return thread;
    });

    private AnsweredCall() {}

    static <T> T get(GatewayCalls.Read<T> create) throws GatewayException, InterruptedException {
        GatewayCalls.stopIfInterrupted("create");
        String caller = Thread.currentThread().getName();
        Future<T> answer = CREATES.submit(() -> {
            // named as the smoke thread it serves, so a thread dump and the log read the same
            Thread me = Thread.currentThread();
            String idle = me.getName();
            me.setName(caller);
            try {
                return create.get();
            } finally {
                me.setName(idle);
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof GatewayException g) {
                        throw g;
                    }
                    if (cause instanceof InterruptedException i) {
                        throw i;
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
