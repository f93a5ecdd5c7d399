package io.jenkins.plugins.databricks.api.jobs;

/**
 * Where a run (or one task run) is, read from {@code status} when the server sends it and from the deprecated {@code
 * state} otherwise, so that servers from before {@code status} are judged the same way.
 *
 * @param lifecycle where the run is
 * @param word the state as the server wrote it
 * @param termination why it ended; {@code null} until it ends
 */
public record RunProgress(RunLifecycleState lifecycle, String word, TerminationDetails termination) {

    static RunProgress of(RunStatus status, RunState state) {
        if (status != null && status.state() != RunLifecycleState.UNKNOWN) {
            TerminationDetails termination = status.termination();
            if (termination == null && status.state().isFinal() && state != null) {
                termination = fromLegacy(state);
            }
            return new RunProgress(status.state(), status.stateWord(), termination);
        }
        if (state != null) {
            RunLifecycleState lifecycle = state.lifeCycleState();
            return new RunProgress(lifecycle, state.lifeCycleWord(), lifecycle.isFinal() ? fromLegacy(state) : null);
        }
        return new RunProgress(RunLifecycleState.UNKNOWN, RunLifecycleState.UNKNOWN.name(), null);
    }

    /**
     * A finished run described only by the deprecated state: {@code SUCCESS} stays a success, any other result is a
     * failure named by its own word (no code is invented for it).
     */
    private static TerminationDetails fromLegacy(RunState state) {
        boolean success = state.resultState() == RunResultState.SUCCESS;
        String word = state.resultWord().isEmpty() ? state.lifeCycleWord() : state.resultWord();
        return new TerminationDetails(
                success ? TerminationCode.SUCCESS : TerminationCode.UNKNOWN,
                word,
                success ? TerminationType.SUCCESS : TerminationType.UNKNOWN,
                null,
                state.stateMessage());
    }

    /** Whether the run will not change state any more. */
    public boolean finished() {
        return lifecycle.isFinal();
    }

    /** Whether the run finished and its termination code is {@code SUCCESS}. */
    public boolean succeeded() {
        return finished() && termination != null && termination.succeeded();
    }
}
