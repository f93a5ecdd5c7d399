package io.jenkins.plugins.databricks.api.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A one-time run for {@code runs/submit}.
 *
 * @param runName shown on the run's page
 * @param idempotencyToken at most 64 characters; the service starts at most one run per token and answers a repeated
 *     submit with that run, which is what makes a submit safe to retry. {@code null} for none (then a submit whose
 *     answer was lost is not retried).
 * @param timeout the run's time limit on the service's side; zero for none
 * @param tasks at least one task
 */
public record RunSubmission(String runName, String idempotencyToken, Duration timeout, List<SparkJarTask> tasks) {

    /** The longest idempotency token the service accepts. */
    public static final int MAX_TOKEN_LENGTH = 64;

    public RunSubmission {
        if (runName == null || runName.isBlank()) {
            throw new IllegalArgumentException("The run name is empty: give the run a name.");
        }
        if (idempotencyToken != null && (idempotencyToken.isBlank() || idempotencyToken.length() > MAX_TOKEN_LENGTH)) {
            throw new IllegalArgumentException("The idempotency token must be 1 to " + MAX_TOKEN_LENGTH
                    + " characters, was " + idempotencyToken.length() + ".");
        }
        timeout = timeout == null ? Duration.ZERO : timeout;
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("The run's timeout must not be negative, was " + timeout + ".");
        }
        Objects.requireNonNull(tasks, "tasks");
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("A run needs at least one task.");
        }
        tasks = List.copyOf(tasks);
    }

    /** A run of one task. */
    public static RunSubmission of(String runName, String idempotencyToken, Duration timeout, SparkJarTask task) {
        return new RunSubmission(runName, idempotencyToken, timeout, List.of(task));
    }

    /** The time limit in whole seconds, rounded up so that a limit under a second is not "no limit". */
    long timeoutSeconds() {
        long seconds = timeout.getSeconds();
        return timeout.getNano() > 0 ? seconds + 1 : seconds;
    }
}
