package io.jenkins.plugins.databricks.api.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.databricks.api.WireNames;

/**
 * A run's {@code status}, the current way to read its state.
 *
 * @param state where the run is
 * @param stateWord the state as the server wrote it
 * @param termination why it ended, once it is terminating or terminated; else {@code null}
 */
public record RunStatus(RunLifecycleState state, String stateWord, TerminationDetails termination) {

    public RunStatus {
        if (state == null) {
            state = RunLifecycleState.UNKNOWN;
        }
        stateWord = WireNames.wordOr(stateWord, state.name());
    }

    @JsonCreator
    static RunStatus fromWire(
            @JsonProperty("state") String state, @JsonProperty("termination_details") TerminationDetails termination) {
        return new RunStatus(RunLifecycleState.fromWire(state), state, termination);
    }
}
