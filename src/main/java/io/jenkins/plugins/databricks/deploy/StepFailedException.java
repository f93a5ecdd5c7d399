package io.jenkins.plugins.databricks.deploy;

/** A step after the upload failed; the message is the build log's FAILED line. */
final class StepFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    StepFailedException(String message) {
        super(message);
    }

    /** A failed gateway call, named. */
    static void call(String what, GatewayCalls.Action call) throws StepFailedException, InterruptedException {
        GatewayCalls.stopIfInterrupted(what);
        try {
            call.run();
        } catch (GatewayException e) {
            throw new StepFailedException("Could not " + what + ": " + e.getMessage());
        }
    }
}
