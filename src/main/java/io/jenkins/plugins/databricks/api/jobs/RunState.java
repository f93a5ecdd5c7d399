package io.jenkins.plugins.databricks.api.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.databricks.api.WireNames;

/**
 * A run's deprecated {@code state}: still sent, and the only state older servers send.
 *
 * @param lifeCycleState {@code life_cycle_state}
 * @param lifeCycleWord the life-cycle state as the server wrote it
 * @param resultState {@code result_state}, only for a finished run ({@link RunResultState#UNKNOWN} before)
 * @param resultWord the result as the server wrote it; empty before the run finishes
 * @param stateMessage the server's text for the current state (may be empty)
 * @param userCancelledOrTimedout whether a user or the time limit stopped the run
 */
public record RunState(
        RunLifecycleState lifeCycleState,
        String lifeCycleWord,
        RunResultState resultState,
        String resultWord,
        String stateMessage,
        boolean userCancelledOrTimedout) {

    public RunState {
        if (lifeCycleState == null) {
            lifeCycleState = RunLifecycleState.UNKNOWN;
        }
        if (resultState == null) {
            resultState = RunResultState.UNKNOWN;
        }
        lifeCycleWord = WireNames.wordOr(lifeCycleWord, lifeCycleState.name());
        resultWord = resultWord == null ? "" : resultWord.strip();
        stateMessage = stateMessage == null ? "" : stateMessage.strip();
    }

    @JsonCreator
    static RunState fromWire(
            @JsonProperty("life_cycle_state") String lifeCycleState,
            @JsonProperty("result_state") String resultState,
            @JsonProperty("state_message") String stateMessage,
            @JsonProperty("user_cancelled_or_timedout") Boolean userCancelledOrTimedout) {
        return new RunState(
                RunLifecycleState.fromWire(lifeCycleState),
                lifeCycleState,
                RunResultState.fromWire(resultState),
                resultState,
                stateMessage,
                Boolean.TRUE.equals(userCancelledOrTimedout));
    }
}
