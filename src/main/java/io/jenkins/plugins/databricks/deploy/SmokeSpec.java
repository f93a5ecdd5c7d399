package io.jenkins.plugins.databricks.deploy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The smoke command run after the swap on each running target cluster: inline text or a file from the workspace
 * (exactly one of them), its language, an optional regular expression its output must contain, and a timeout.
 */
public record SmokeSpec(SmokeLanguage language, String command, String commandFile, Pattern expect, Duration timeout) {

    public SmokeSpec {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(timeout, "timeout");
        if ((command == null) == (commandFile == null)) {
            throw new IllegalArgumentException("exactly one of command and commandFile");
        }
    }

    public Optional<String> inlineCommand() {
        return Optional.ofNullable(command);
    }

    public Optional<String> file() {
        return Optional.ofNullable(commandFile);
    }

    public Optional<Pattern> expected() {
        return Optional.ofNullable(expect);
    }
}
