package io.jenkins.plugins.databricks.deploy;

/**
 * A clean-up call (cancel a smoke command or run, destroy a context) that an interrupt must not skip: it is what
 * stops work left on a cluster, and it runs just when interrupts arrive (an abort, or another cluster's failure,
 * interrupts each smoke thread once). The call runs with the thread's flag cleared; since an interrupt cancels the
 * request in flight, one that arrives during the call has it made once more. The flag is set again afterwards if it
 * was set at any point. The one place for this: {@link SmokeRunner}, {@link JarSmokeRunner} and the resume's clean-up
 * of what a dead JVM left ({@link Deployer#resume}) all call it.
 */
final class CleanupCall {

    private CleanupCall() {}

    /** Runs {@code call}; returns null when it succeeded, else the failure's message. */
    static String run(GatewayCalls.Action call) {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    call.run();
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true;
                    Thread.interrupted();
                    if (attempt == 2) {
                        return e.getMessage();
                    }
                } catch (GatewayException e) {
                    interrupted |= Thread.interrupted();
                    return e.getMessage();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
