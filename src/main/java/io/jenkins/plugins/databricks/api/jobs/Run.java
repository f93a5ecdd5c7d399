package io.jenkins.plugins.databricks.api.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A run as {@code runs/get} describes it.
 *
 * @param runId the run's id
 * @param runName the name given at submit
 * @param runPageUrl the run's page in the workspace, for a log line a person can click
 * @param status the current state ({@code null} from servers that only send {@link #state()})
 * @param state the deprecated state, still sent
 * @param tasks the task runs, each with its own run id
 */
public record Run(
        @JsonProperty("run_id") long runId,
        @JsonProperty("run_name") String runName,
        @JsonProperty("run_page_url") String runPageUrl,
        @JsonProperty("status") RunStatus status,
        @JsonProperty("state") RunState state,
        @JsonProperty("tasks") List<RunTask> tasks) {

    public Run {
        tasks = tasks == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tasks));
    }

    /** Where the run is. */
    public RunProgress progress() {
        return RunProgress.of(status, state);
    }

    /** The task run with {@code taskKey}, if the server listed it yet. */
    public Optional<RunTask> task(String taskKey) {
        return tasks.stream().filter(t -> taskKey.equals(t.taskKey())).findFirst();
    }
}
