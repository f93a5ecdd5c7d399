package io.jenkins.plugins.databricks.deploy;

/**
 * How the engine calls the gateway: stop first when the thread was interrupted (a blocking HTTP call would not
 * notice), and turn a failed read into a {@link DeployException} that names the call and the workspace.
 */
final class GatewayCalls {

    @FunctionalInterface
    interface Read<T> {
        T get() throws GatewayException, InterruptedException;
    }

    @FunctionalInterface
    interface Action {
        void run() throws GatewayException, InterruptedException;
    }

    private GatewayCalls() {}

    static void stopIfInterrupted(String before) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before: " + before);
        }
    }

    static <T> T read(DatabricksGateway gateway, String what, Read<T> read)
            throws DeployException, InterruptedException {
        stopIfInterrupted(what);
        try {
            return read.get();
        } catch (GatewayException e) {
            throw new DeployException("Could not " + what + " on " + gateway.describe() + ": " + e.getMessage(), e);
        }
    }
}
