package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.deploy.DatabricksGateway;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One API version as the fleet benchmark drives it: how to reach the engine's gateway, what the spec needs for this
 * backend, and the fewest requests its protocol allows for a deploy to N clusters. A REST 2.x backend is another
 * implementation; {@link DeployBenchmark} and the plot take any number of them.
 */
interface FleetBackend {

    /** A gateway over a client of its own; closing it closes the client. */
    interface Connection extends AutoCloseable {
        DatabricksGateway gateway();

        @Override
        void close();
    }

    /** {@code 1.2} or {@code 2.x}, as {@code --backends} names it. */
    String api();

    /** For the table and the plot's legend, e.g. {@code REST 1.2}. */
    String name();

    /** Whatever the emulator needs beyond N Running clusters (a volume, ...). */
    default void prepare(RemoteEmulator emulator) throws IOException {}

    /** @param onRetry told the endpoint of every request the client is about to try again */
    Connection connect(String url, String token, Consumer<String> onRetry);

    /** Sets where the jar goes (folder, volume path): the one part of the spec that differs per backend. */
    DeploySpec.Builder target(DeploySpec.Builder spec);

    /** The fewest requests a deploy to {@code clusters} can make (derivation in docs/benchmark.md). */
    int protocolMinimum(int clusters);

    /** {@link #protocolMinimum} as a formula in N, for the table. */
    String minimumFormula();

    /**
     * A goal of this backend's own about how it polls, judged from one deploy's requests per call (the journal's
     * {@code METHOD path} names), as the table's goal text; empty when it has none.
     */
    default Optional<String> pollingGoal(Map<String, Integer> perCall) {
        return Optional.empty();
    }
}
