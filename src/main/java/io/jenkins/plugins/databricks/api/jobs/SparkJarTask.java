package io.jenkins.plugins.databricks.api.jobs;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One task of a one-time run: a jar's main class on an existing cluster.
 *
 * @param taskKey the task's name within the run ({@code [A-Za-z0-9_-]}, at most 100 characters)
 * @param existingClusterId the cluster to run on
 * @param mainClassName the fully qualified class with {@code main}
 * @param parameters the arguments passed to {@code main}
 * @param jars the task's {@code libraries}, each a jar's path or URI. They are installed on the cluster for every user
 *     of it, so name exactly the jar the cluster already has (the one a deploy installed), or a second copy appears.
 */
public record SparkJarTask(
        String taskKey, String existingClusterId, String mainClassName, List<String> parameters, List<String> jars) {

    private static final Pattern TASK_KEY = Pattern.compile("[\\w-]{1,100}");

    public SparkJarTask {
        Objects.requireNonNull(taskKey, "taskKey");
        if (!TASK_KEY.matcher(taskKey).matches()) {
            throw new IllegalArgumentException(
                    "The task key '" + taskKey + "' is not valid: use 1 to 100 letters, digits, '_' or '-'.");
        }
        existingClusterId = required(existingClusterId, "cluster id");
        mainClassName = required(mainClassName, "main class").strip();
        parameters = List.copyOf(parameters == null ? List.of() : parameters);
        jars = List.copyOf(jars == null ? List.of() : jars);
        for (String jar : jars) {
            required(jar, "jar path");
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + field + " is empty: pass the " + field + " to use.");
        }
        return value;
    }
}
