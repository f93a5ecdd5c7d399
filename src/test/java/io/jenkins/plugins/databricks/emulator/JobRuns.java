package io.jenkins.plugins.databricks.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The emulated Jobs service's one-time runs: submit, lifecycle over time, cancel, idempotency, and how a jar task
 * meets its cluster. One lock (this object) guards the runs; cluster and library state is asked of the {@link
 * Workspace} (never the other way round, so the two locks cannot deadlock). Transitions are evaluated lazily on the
 * emulator's clock, like the workspace's.
 *
 * <p>A task run is {@code PENDING} while its cluster starts (a terminated cluster is started, as the Jobs service
 * does for an existing all-purpose cluster), while its {@code libraries} install on the cluster (cluster-wide, as a
 * library install does) and for {@link #setupDuration()}; {@code RUNNING} for {@link #runDuration()} or its {@link
 * RunScript}; {@code TERMINATING} for {@link #terminatingDuration()}; then {@code TERMINATED}. A jar that no store holds
 * ends it {@code LIBRARY_INSTALLATION_ERROR}; a main class that none of its jars contains ends it {@code
 * RUN_EXECUTION_ERROR} with a {@code ClassNotFoundException}; a cluster that stops or restarts under it ends it {@code
 * CLUSTER_TERMINATED_BY_USER}; {@code timeout_seconds} counts from the submit.
 */
public final class JobRuns {

    /** Databricks keeps the last 5 MB of a jar task's stdout / stderr. */
    public static final int DEFAULT_LOG_LIMIT = 5 * 1024 * 1024;

    private final Workspace workspace;
    private final Settings settings;
    private final TaskLibraries libraries;
    private final Map<Long, EmulatedRun> runs = new LinkedHashMap<>();
    private final Map<Long, EmulatedTaskRun> taskRuns = new LinkedHashMap<>();
    private final Map<String, EmulatedRun> byToken = new LinkedHashMap<>();
    private long nextId = 1_045_117_365_480_001L;
    private long nextJobId = 982_311_452_006L;

    private volatile Duration setupDuration = Duration.ofMillis(20);
    private volatile Duration runDuration = Duration.ofMillis(50);
    private volatile Duration terminatingDuration = Duration.ofMillis(10);
    private volatile int logLimit = DEFAULT_LOG_LIMIT;

    JobRuns(Workspace workspace, Settings settings, TaskLibraries libraries) {
        this.workspace = workspace;
        this.settings = settings;
        this.libraries = libraries;
    }

    // ------------------------------------------------------------------------------------------------ knobs

    public Duration setupDuration() {
        return setupDuration;
    }

    /** How long a task stays {@code PENDING} once its cluster runs and its libraries are installed; default 20 ms. */
    public JobRuns setupDuration(Duration value) {
        setupDuration = nonNegative(value, "setupDuration");
        return this;
    }

    public Duration runDuration() {
        return runDuration;
    }

    /** How long a main class runs unless its script says {@code duration=}; default 50 ms. */
    public JobRuns runDuration(Duration value) {
        runDuration = nonNegative(value, "runDuration");
        return this;
    }

    public Duration terminatingDuration() {
        return terminatingDuration;
    }

    /** How long a task stays {@code TERMINATING}; default 10 ms. */
    public JobRuns terminatingDuration(Duration value) {
        terminatingDuration = nonNegative(value, "terminatingDuration");
        return this;
    }

    public int logLimit() {
        return logLimit;
    }

    /** How many characters of a task's output {@code runs/get-output} keeps (the tail); default 5 MB. */
    public JobRuns logLimit(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("logLimit must be positive, was " + value);
        }
        logLimit = value;
        return this;
    }

    // ------------------------------------------------------------------------------------------------ inspection

    /** Every run submitted, in order. */
    public List<EmulatedRun> runs() {
        return read(() -> List.copyOf(runs.values()));
    }

    public EmulatedRun run(long runId) {
        return read(() -> {
            EmulatedRun run = runs.get(runId);
            if (run == null) {
                throw new IllegalArgumentException("no run with id " + runId);
            }
            return run;
        });
    }

    synchronized <T> T read(Supplier<T> reader) {
        tick();
        return reader.get();
    }

    // ------------------------------------------------------------------------------------------------ API

    /** One task of a submit, as parsed from the request. */
    record TaskSpec(String taskKey, String clusterId, String mainClass, List<String> parameters, List<String> jars) {}

    /** The run for {@code token} if one was submitted with it, else a new run. */
    synchronized Submitted submit(
            String runName, String token, long timeoutSeconds, List<TaskSpec> specs, String caller) {
        tick();
        if (token != null && byToken.containsKey(token)) {
            return new Submitted(byToken.get(token), false);
        }
        for (TaskSpec spec : specs) {
            if (workspace.findCluster(spec.clusterId()) == null) {
                throw RestError.invalidParameter("Cluster " + spec.clusterId() + " does not exist");
            }
        }
        Instant now = now();
        long runId = nextId++;
        List<EmulatedTaskRun> tasks = new ArrayList<>();
        for (TaskSpec spec : specs) {
            EmulatedTaskRun task = new EmulatedTaskRun(
                    this,
                    nextId++,
                    spec.taskKey(),
                    spec.clusterId(),
                    spec.mainClass(),
                    spec.parameters(),
                    spec.jars(),
                    caller,
                    now);
            tasks.add(task);
            taskRuns.put(task.runId(), task);
        }
        EmulatedRun run = new EmulatedRun(this, runId, nextJobId++, runName, token, timeoutSeconds, tasks, now);
        runs.put(runId, run);
        if (token != null) {
            byToken.put(token, run);
        }
        tick();
        return new Submitted(run, true);
    }

    /** What a submit returned, and whether it started a run (a known token does not). */
    record Submitted(EmulatedRun run, boolean created) {}

    synchronized EmulatedRun requireRun(long runId) {
        tick();
        EmulatedRun run = runs.get(runId);
        if (run == null) {
            throw RestError.invalidParameter("Run " + runId + " does not exist.");
        }
        return run;
    }

    /** A task run for {@code get-output}; the id of a run made of tasks is refused, as the service does. */
    synchronized EmulatedTaskRun requireTaskRun(long runId) {
        tick();
        EmulatedTaskRun task = taskRuns.get(runId);
        if (task != null) {
            return task;
        }
        if (runs.containsKey(runId)) {
            throw RestError.invalidParameter("Retrieving the output of runs with multiple tasks is not supported."
                    + " Please retrieve the output of each individual task run instead.");
        }
        throw RestError.invalidParameter("Run " + runId + " does not exist.");
    }

    /** Returns true when the call changed anything (a finished run stays as it is). */
    synchronized boolean cancel(long runId) {
        EmulatedRun run = requireRun(runId);
        boolean changed = false;
        Instant now = now();
        for (EmulatedTaskRun task : run.tasks) {
            task.cancelRequested = true;
            if (!task.isEnding()) {
                end(task, RunTermination.userCanceled(), now);
                changed = true;
            }
        }
        tick();
        return changed;
    }

    synchronized EmulatedRun runOf(EmulatedTaskRun task) {
        return runs.values().stream()
                .filter(r -> r.tasks.contains(task))
                .findFirst()
                .orElseThrow();
    }

    // ------------------------------------------------------------------------------------------------ time

    private Instant now() {
        return settings.clock().instant();
    }

    synchronized void tick() {
        Instant now = now();
        for (EmulatedRun run : runs.values()) {
            for (EmulatedTaskRun task : run.tasks) {
                advance(run, task, now);
            }
        }
    }

    private void advance(EmulatedRun run, EmulatedTaskRun task, Instant now) {
        while (!task.isFinal()) {
            Instant timeoutAt = run.timeoutSeconds() > 0 ? run.startTime.plusSeconds(run.timeoutSeconds()) : null;
            if (timeoutAt != null
                    && !task.isEnding()
                    && !now.isBefore(timeoutAt)
                    && (task.transitionAt == null || task.transitionAt.isAfter(timeoutAt))) {
                end(task, RunTermination.timedOut(run.timeoutSeconds()), timeoutAt);
                continue;
            }
            if (!step(task, now)) {
                return;
            }
        }
    }

    /** One transition if one is due; false when the task waits. */
    private boolean step(EmulatedTaskRun task, Instant now) {
        switch (task.phase) {
            case WAITING_FOR_CLUSTER -> {
                Optional<EmulatedCluster> cluster = cluster(task.clusterId());
                if (cluster.isEmpty()) {
                    end(task, RunTermination.clusterLost(task.clusterId()), now);
                    return true;
                }
                ClusterState state = cluster.get().state();
                if (Workspace.isUp(state)) {
                    task.clusterStartedAt = startedAt(cluster.get());
                    String refusal = singleUserRefusal(cluster.get(), task.caller());
                    if (refusal != null) {
                        task.error = refusal;
                        end(task, new RunTermination("UNAUTHORIZED_ERROR", "CLIENT_ERROR", refusal), now);
                        return true;
                    }
                    return installLibraries(task, now);
                }
                if (state == ClusterState.ERROR) {
                    end(task, RunTermination.clusterError(task.clusterId(), state.rest2()), now);
                    return true;
                }
                if (state == ClusterState.TERMINATED && !task.clusterStartRequested) {
                    task.clusterStartRequested = true;
                    try {
                        workspace.start(task.clusterId());
                    } catch (RestError refused) {
                        end(task, RunTermination.invalidClusterRequest(refused.getMessage()), now);
                        return true;
                    }
                }
                return false;
            }
            case INSTALLING_LIBRARIES -> {
                if (clusterLost(task)) {
                    end(task, RunTermination.clusterLost(task.clusterId()), now);
                    return true;
                }
                for (TaskLibraries.InstalledJar jar : task.installed) {
                    String failure = jar.failure();
                    if (failure != null) {
                        task.error = failure;
                        end(task, RunTermination.libraryError(failure), now);
                        return true;
                    }
                }
                if (task.installed.stream().allMatch(TaskLibraries.InstalledJar::ready)) {
                    task.phase = EmulatedTaskRun.Phase.SETTING_UP;
                    Duration setup = task.script.setup() != null ? task.script.setup() : setupDuration;
                    task.transitionAt = now.plus(setup);
                    return true;
                }
                return false;
            }
            case SETTING_UP -> {
                if (clusterLost(task)) {
                    end(task, RunTermination.clusterLost(task.clusterId()), now);
                    return true;
                }
                if (now.isBefore(task.transitionAt)) {
                    return false;
                }
                Instant at = task.transitionAt;
                task.phase = EmulatedTaskRun.Phase.RUNNING;
                if (task.installed.stream().noneMatch(jar -> jar.containsClass(task.mainClass()))) {
                    // The JVM fails at once to load the main class: nothing runs.
                    task.error = "java.lang.ClassNotFoundException: " + task.mainClass();
                    task.errorTrace = task.error + "\n\tat java.net.URLClassLoader.findClass(URLClassLoader.java:387)"
                            + "\n\tat java.lang.ClassLoader.loadClass(ClassLoader.java:419)"
                            + "\n\tat com.databricks.backend.daemon.driver.DriverLocal.$anonfun$runJarTask(DriverLocal.scala)";
                    end(task, RunTermination.executionError(), at);
                    return true;
                }
                Duration run = task.script.duration() != null ? task.script.duration() : runDuration;
                task.transitionAt = task.script.hangs() ? null : at.plus(run);
                return true;
            }
            case RUNNING -> {
                if (clusterLost(task)) {
                    end(task, RunTermination.clusterLost(task.clusterId()), now);
                    return true;
                }
                if (task.transitionAt == null || now.isBefore(task.transitionAt)) {
                    return false;
                }
                finish(task, task.transitionAt);
                return true;
            }
            case TERMINATING -> {
                if (now.isBefore(task.transitionAt)) {
                    return false;
                }
                task.endTime = task.transitionAt;
                task.transitionAt = null;
                task.phase = EmulatedTaskRun.Phase.TERMINATED;
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean installLibraries(EmulatedTaskRun task, Instant now) {
        task.phase = EmulatedTaskRun.Phase.INSTALLING_LIBRARIES;
        for (String uri : task.jars()) {
            Optional<TaskLibraries.InstalledJar> jar = libraries.install(task.clusterId(), uri, task.caller());
            if (jar.isEmpty()) {
                task.error = "Library installation failed for library due to user error for jar: \"" + uri
                        + "\". Error messages: java.io.FileNotFoundException: " + uri + " (No such file or directory)";
                end(task, RunTermination.libraryError(task.error), now);
                return true;
            }
            task.installed.add(jar.get());
        }
        return true;
    }

    /** The main class ran to its end: its script decides how. */
    private void finish(EmulatedTaskRun task, Instant at) {
        RunScript script = task.script;
        task.logs = tail(
                task, String.join("\n", script.printed()) + (script.printed().isEmpty() ? "" : "\n"));
        if (script.terminateCode() != null) {
            String message = script.terminateMessage().isEmpty()
                    ? "The run failed with " + script.terminateCode()
                    : script.terminateMessage();
            task.error = message;
            end(task, new RunTermination(script.terminateCode(), "INTERNAL_ERROR", message), at);
        } else if (script.throwType() != null) {
            task.error = script.throwType() + ": " + script.throwMessage();
            task.errorTrace =
                    task.error + "\n\tat " + task.mainClass() + ".main(" + simpleName(task.mainClass()) + ".java:1)";
            end(task, RunTermination.executionError(), at);
        } else {
            end(task, RunTermination.success(), at);
        }
    }

    private String tail(EmulatedTaskRun task, String text) {
        int limit = logLimit;
        if (text.length() <= limit) {
            return text;
        }
        task.logsTruncated = true;
        return text.substring(text.length() - limit);
    }

    private void end(EmulatedTaskRun task, RunTermination termination, Instant at) {
        task.termination = termination;
        task.phase = EmulatedTaskRun.Phase.TERMINATING;
        task.transitionAt = at.plus(terminatingDuration);
    }

    /** Gone, down, or up again since the task first saw it running (a restart in between). */
    private boolean clusterLost(EmulatedTaskRun task) {
        Optional<EmulatedCluster> cluster = cluster(task.clusterId());
        return cluster.isEmpty()
                || !Workspace.isUp(cluster.get().state())
                || !Objects.equals(startedAt(cluster.get()), task.clusterStartedAt);
    }

    /** A dedicated cluster runs only its single user's work, as its contexts do (the wording is the contexts'). */
    private String singleUserRefusal(EmulatedCluster c, String caller) {
        String owner = c.singleUserName();
        if (!c.accessMode().isDedicated()
                || owner == null
                || owner.equals(caller)
                || !settings.dedicatedRejectsOtherUsers()) {
            return null;
        }
        return "Single-user check failed: user '" + caller + "' attempted to run a command on single-user cluster "
                + c.id() + ", but the single user of this cluster is '" + owner + "'";
    }

    private Optional<EmulatedCluster> cluster(String id) {
        return Optional.ofNullable(workspace.findCluster(id));
    }

    private Instant startedAt(EmulatedCluster cluster) {
        return workspace.read(() -> cluster.startedAt);
    }

    private static String simpleName(String className) {
        String name = className.substring(className.lastIndexOf('.') + 1);
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }

    private static Duration nonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
