package io.jenkins.plugins.databricks.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The smoke test run after the swap on each running target cluster, one of two kinds: a command (inline text or a
 * file from the workspace, in a language) run in an execution context, or a main class of the deployed jar (with its
 * parameters) run as a one-time job run on the cluster. Exactly one of {@code command}, {@code commandFile} and
 * {@code mainClass}; an optional regular expression the output must contain (the command's result, or the main
 * class's logs); and a timeout.
 *
 * @param language the command's language (unused for a main class)
 * @param parameters the main class's arguments (empty for a command)
 */
public record SmokeSpec(
        SmokeLanguage language,
        String command,
        String commandFile,
        String mainClass,
        List<String> parameters,
        Pattern expect,
        Duration timeout) {

    public SmokeSpec {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(timeout, "timeout");
        int kinds = (command == null ? 0 : 1) + (commandFile == null ? 0 : 1) + (mainClass == null ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException("exactly one of command, commandFile and mainClass");
        }
        parameters = List.copyOf(parameters == null ? List.of() : parameters);
        if (mainClass == null && !parameters.isEmpty()) {
            throw new IllegalArgumentException("parameters go with a mainClass");
        }
    }

    /** A smoke command run in an execution context. */
    public SmokeSpec(SmokeLanguage language, String command, String commandFile, Pattern expect, Duration timeout) {
        this(language, command, commandFile, null, List.of(), expect, timeout);
    }

    /** A main class of the deployed jar, run as a one-time job run on each cluster. */
    public static SmokeSpec mainClass(String mainClass, List<String> parameters, Pattern expect, Duration timeout) {
        return new SmokeSpec(
                SmokeLanguage.SCALA,
                null,
                null,
                Objects.requireNonNull(mainClass, "mainClass"),
                parameters,
                expect,
                timeout);
    }

    public Optional<String> inlineCommand() {
        return Optional.ofNullable(command);
    }

    public Optional<String> file() {
        return Optional.ofNullable(commandFile);
    }

    /** The main class to run, when this smoke test is a job run rather than a command. */
    public Optional<String> jarMainClass() {
        return Optional.ofNullable(mainClass);
    }

    public Optional<Pattern> expected() {
        return Optional.ofNullable(expect);
    }
}
