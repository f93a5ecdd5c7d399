package io.jenkins.plugins.databricks.deploy.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * Ctrl-C and SIGTERM as an abort: a shutdown hook interrupts the thread running the command, as a Jenkins abort
 * interrupts a build, waits (at most {@link #GRACE}) until the engine has cancelled the smoke command, destroyed its
 * contexts and rolled back, and then ends the JVM with the command's own exit status. Without it the JVM would exit
 * mid-deploy: contexts left open (a cluster holds at most 145) and the new library attached, with no word.
 */
final class AbortOnSignal {

    /** Enough for the abort's rollback (a few calls; it does not wait for restarts), bounded all the same. */
    static final Duration GRACE = Duration.ofSeconds(60);

    private AbortOnSignal() {}

    /** Runs {@code command} on this thread with the hook installed; returns its exit status. */
    static int run(PrintStream out, IntSupplier command) {
        Thread commandThread = Thread.currentThread();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        Thread hook = new Thread(() -> abort(out, commandThread, status), "abort on signal");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit;
        try {
            exit = command.getAsInt();
        } catch (RuntimeException | Error e) {
            status.complete(1);
            throw e;
        }
        status.complete(exit);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it ends the JVM with this status
        }
        return exit;
    }

    private static void abort(PrintStream out, Thread commandThread, CompletableFuture<Integer> status) {
        if (status.isDone()) {
            return;
        }
        out.println();
        out.println("Signal received: aborting the deploy — cancelling the smoke command, destroying its contexts and"
                + " rolling back (waiting up to " + GRACE.toSeconds() + " s)");
        commandThread.interrupt();
        int exit;
        try {
            exit = status.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            out.println("Gave up waiting after " + GRACE.toSeconds() + " s: the rollback may be unfinished; the next"
                    + " deploy's pre-flight shows what is left on the clusters");
            exit = DeployCommand.EXIT_ABORTED;
        } catch (InterruptedException | ExecutionException e) {
            exit = DeployCommand.EXIT_ABORTED;
        }
        out.flush();
        // System.exit would block here (the JVM is already shutting down); halt ends it with the command's status
        Runtime.getRuntime().halt(exit);
    }
}
