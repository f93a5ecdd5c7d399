package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Jobs runs endpoints ({@code /api/2.2/jobs/runs/submit|get|get-output|cancel}, also under {@code /api/2.1/}):
 * reads the request, calls {@link JobRuns}, shapes the JSON answer; errors are the 2.x {@code {"error_code",
 * "message"}}. Only {@code spark_jar_task} on an {@code existing_cluster_id} is emulated; other task kinds and new
 * clusters are refused naming the field.
 */
final class RunsApi extends Rest2Service {

    private static final Pattern PATH = Pattern.compile("/api/2\\.[12]/jobs/runs/[a-z-]+");
    private static final int MAX_TOKEN = 64;

    private final JobRuns runs;
    private final Supplier<String> workspaceUrl;

    RunsApi(JobRuns runs, ObjectMapper json, Supplier<String> workspaceUrl) {
        super(json);
        this.runs = runs;
        this.workspaceUrl = workspaceUrl;
    }

    @Override
    public boolean serves(String path) {
        return PATH.matcher(path).matches();
    }

    @Override
    Object handle(ApiRequest r) {
        String endpoint = r.path().substring(r.path().lastIndexOf("/runs/") + "/runs/".length());
        return switch (endpoint) {
            case "submit" -> {
                method(r, "POST");
                yield submit(r);
            }
            case "get" -> {
                method(r, "GET");
                long id = runId(r);
                yield runs.read(() -> run(runs.requireRun(id)));
            }
            case "get-output" -> {
                method(r, "GET");
                long id = runId(r);
                yield runs.read(() -> output(runs.requireTaskRun(id)));
            }
            case "cancel" -> {
                method(r, "POST");
                if (runs.cancel(runId(r))) {
                    r.markMutated();
                }
                yield Map.of();
            }
            default -> throw noSuchEndpoint(r);
        };
    }

    private Object submit(ApiRequest r) {
        String token = r.optional("idempotency_token");
        if (token != null && token.length() > MAX_TOKEN) {
            throw RestError.invalidParameter(
                    "idempotency_token must be at most " + MAX_TOKEN + " characters, was " + token.length());
        }
        long timeout = 0;
        String timeoutText = r.optional("timeout_seconds");
        if (timeoutText != null) {
            try {
                timeout = Long.parseLong(timeoutText.strip());
            } catch (NumberFormatException e) {
                throw RestError.invalidParameter("timeout_seconds must be a number, was '" + timeoutText + "'");
            }
            if (timeout < 0) {
                throw RestError.invalidParameter("timeout_seconds must not be negative, was " + timeout);
            }
        }
        String name = r.optional("run_name");
        JobRuns.Submitted submitted = runs.submit(
                name == null || name.isBlank() ? "Untitled" : name,
                token,
                timeout,
                tasks(r.optional("tasks")),
                r.caller());
        if (submitted.created()) {
            r.markMutated();
        }
        return Map.of("run_id", submitted.run().runId());
    }

    private List<JobRuns.TaskSpec> tasks(String tasksJson) {
        if (tasksJson == null) {
            throw RestError.invalidParameter("tasks is required: a one-time run needs at least one task");
        }
        JsonNode tasks;
        try {
            tasks = json.readTree(tasksJson);
        } catch (JsonProcessingException e) {
            throw RestError.invalidParameter("tasks is not valid JSON: " + e.getOriginalMessage());
        }
        if (!tasks.isArray() || tasks.isEmpty()) {
            throw RestError.invalidParameter("tasks must be a non-empty array");
        }
        List<JobRuns.TaskSpec> specs = new ArrayList<>();
        for (JsonNode task : tasks) {
            String key = text(task, "task_key");
            if (key == null) {
                throw RestError.invalidParameter("Task key is required: set tasks[].task_key");
            }
            String cluster = text(task, "existing_cluster_id");
            if (cluster == null) {
                throw RestError.invalidParameter(
                        task.has("new_cluster") || task.has("job_cluster_key")
                                ? "The emulator runs tasks on an existing cluster only: set existing_cluster_id"
                                : "Either new_cluster or existing_cluster_id must be specified.");
            }
            JsonNode jarTask = task.get("spark_jar_task");
            if (jarTask == null || !jarTask.isObject()) {
                throw RestError.invalidParameter(
                        "The emulator runs spark_jar_task tasks only: task '" + key + "' has none");
            }
            String mainClass = text(jarTask, "main_class_name");
            if (mainClass == null) {
                throw RestError.invalidParameter("spark_jar_task.main_class_name is required in task '" + key + "'");
            }
            List<String> parameters = new ArrayList<>();
            JsonNode params = jarTask.get("parameters");
            if (params != null && params.isArray()) {
                params.forEach(p -> parameters.add(p.asText()));
            }
            List<String> jars = new ArrayList<>();
            JsonNode libraries = task.get("libraries");
            if (libraries != null && libraries.isArray()) {
                for (JsonNode library : libraries) {
                    String jar = text(library, "jar");
                    if (jar == null) {
                        throw RestError.invalidParameter(
                                "The emulator installs jar libraries only: task '" + key + "' has " + library);
                    }
                    jars.add(jar);
                }
            }
            specs.add(new JobRuns.TaskSpec(key, cluster, mainClass, parameters, jars));
        }
        return specs;
    }

    private Map<String, Object> run(EmulatedRun run) {
        Map<String, Object> out = ordered(
                "job_id", run.jobId(),
                "run_id", run.runId(),
                "number_in_job", run.runId(),
                "original_attempt_run_id", run.runId(),
                "run_name", run.runName(),
                "run_type", "SUBMIT_RUN",
                "format", "MULTI_TASK",
                "run_page_url", pageUrl(run, run.runId()),
                "start_time", run.startTime.toEpochMilli(),
                "end_time", millis(run.endTime()));
        String lifecycle = run.lifecycleNow();
        RunTermination termination = run.terminationNow();
        out.put("state", legacyState(lifecycle, termination, ""));
        out.put("status", status(lifecycle, termination));
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (EmulatedTaskRun task : run.tasks) {
            tasks.add(task(run, task));
        }
        out.put("tasks", tasks);
        return out;
    }

    private Map<String, Object> task(EmulatedRun run, EmulatedTaskRun task) {
        Map<String, Object> jarTask = ordered("main_class_name", task.mainClass(), "parameters", task.parameters());
        List<Map<String, Object>> libraries =
                task.jars().stream().map(j -> ordered("jar", j)).toList();
        String lifecycle = task.phase.lifecycle();
        Map<String, Object> out = ordered(
                "run_id", task.runId(),
                "task_key", task.taskKey(),
                "existing_cluster_id", task.clusterId(),
                "spark_jar_task", jarTask,
                "libraries", libraries,
                "attempt_number", 0,
                "start_time", task.startTime.toEpochMilli(),
                "end_time", millis(task.endTime),
                "run_page_url", pageUrl(run, task.runId()));
        out.put("state", legacyState(lifecycle, task.termination, pendingMessage(task)));
        out.put("status", status(lifecycle, task.termination));
        return out;
    }

    private static String pendingMessage(EmulatedTaskRun task) {
        return switch (task.phase) {
            case WAITING_FOR_CLUSTER -> "Waiting for cluster " + task.clusterId() + " to start";
            case INSTALLING_LIBRARIES -> "Installing libraries";
            default -> "";
        };
    }

    private static Map<String, Object> legacyState(String lifecycle, RunTermination termination, String message) {
        Map<String, Object> state = ordered("life_cycle_state", lifecycle);
        if ("TERMINATED".equals(lifecycle) && termination != null) {
            state.put("result_state", termination.resultState());
            state.put("user_cancelled_or_timedout", termination.cancelledOrTimedOut());
        }
        state.put("state_message", termination != null ? termination.message() : message);
        return state;
    }

    private static Map<String, Object> status(String lifecycle, RunTermination termination) {
        Map<String, Object> status = ordered("state", lifecycle);
        if (termination != null) {
            status.put(
                    "termination_details",
                    ordered("code", termination.code(), "type", termination.type(), "message", termination.message()));
        }
        return status;
    }

    private Map<String, Object> output(EmulatedTaskRun task) {
        Map<String, Object> out = ordered("logs", task.logs, "logs_truncated", task.logsTruncated);
        if (task.error != null) {
            out.put("error", task.error);
        }
        if (task.errorTrace != null) {
            out.put("error_trace", task.errorTrace);
        }
        EmulatedRun run = runs.runOf(task);
        out.put("metadata", task(run, task));
        return out;
    }

    private String pageUrl(EmulatedRun run, long runId) {
        return workspaceUrl.get() + "/?o=0#job/" + run.jobId() + "/run/" + runId;
    }

    private static long millis(Instant at) {
        return at == null ? 0 : at.toEpochMilli();
    }

    private static long runId(ApiRequest r) {
        String id = r.optional("run_id");
        if (id == null || id.isBlank()) {
            throw RestError.invalidParameter("run_id is required");
        }
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw RestError.invalidParameter("run_id must be a number, was '" + id + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
