package io.jenkins.plugins.databricks.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an emulated command does, read from directive lines in its text. The emulator runs no code: the command's
 * outcome is scripted so that a test can ask for success, a user error, a platform error, slowness or a hang.
 *
 * <p>A directive is a line of the form {@code <comment> emulator: <key>[=<value>]} where the comment marker is
 * {@code #}, {@code //} or {@code --} (so it stays a comment in Python, Scala, R and SQL). Keys:
 *
 * <ul>
 *   <li>{@code print=<text>} — text result; repeat the line for more lines of output.
 *   <li>{@code error=<Type>: <message>} — {@code Finished} with an {@code error} result; the summary carries HTML tags
 *       and entities, the cause ANSI escapes, as the real service's do.
 *   <li>{@code platform-error[=<message>]} — status {@code Error} (a platform failure, not a user error).
 *   <li>{@code table} or {@code table=truncated} — a two-column {@code table} result.
 *   <li>{@code image} / {@code images} — an {@code image} result ({@code fileName}) / {@code images} ({@code
 *       fileNames}).
 *   <li>{@code duration=<n>ms|s} — how long the command stays {@code Running}; {@code queued=<n>ms|s} — how long it
 *       stays {@code Queued}.
 *   <li>{@code hang} — stays {@code Running} until cancelled.
 * </ul>
 *
 * A command without directives finishes after the default durations with a text result equal to its own trimmed
 * text (deterministic, so smoke-output patterns can be tested). An unknown key gives {@code Finished} with an error
 * result {@code EmulatorDirectiveException} naming it, so a typo in a test fails loudly.
 */
record CommandScript(
        Outcome outcome,
        String text,
        String errorType,
        String errorMessage,
        boolean truncated,
        Duration duration,
        Duration queued,
        boolean hang) {

    /** In increasing precedence: when a script asks for several outcomes the strongest wins. */
    enum Outcome {
        TEXT,
        IMAGE,
        IMAGES,
        TABLE,
        USER_ERROR,
        PLATFORM_ERROR
    }

    private static final Pattern DIRECTIVE =
            Pattern.compile("^(?:#|//|--)\\s*emulator:\\s*([A-Za-z-]+)\\s*(?:=(.*))?$");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s)");

    static CommandScript parse(String command) {
        List<String> printed = new ArrayList<>();
        Outcome outcome = null;
        String errorType = null;
        String errorMessage = null;
        boolean truncated = false;
        Duration duration = null;
        Duration queued = null;
        boolean hang = false;
        for (String rawLine : command.split("\\R")) {
            Matcher m = DIRECTIVE.matcher(rawLine.trim());
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2) == null ? null : m.group(2).trim();
            switch (key) {
                case "print" -> printed.add(value == null ? "" : value);
                case "error" -> {
                    String[] typeAndMessage = splitError(value == null ? "Exception: error" : value);
                    errorType = typeAndMessage[0];
                    errorMessage = typeAndMessage[1];
                    outcome = strongest(outcome, Outcome.USER_ERROR);
                }
                case "platform-error" -> {
                    errorType = "PlatformException";
                    errorMessage = value == null ? "The execution context failed" : value;
                    outcome = strongest(outcome, Outcome.PLATFORM_ERROR);
                }
                case "table" -> {
                    truncated = "truncated".equalsIgnoreCase(value);
                    outcome = strongest(outcome, Outcome.TABLE);
                }
                case "image" -> outcome = strongest(outcome, Outcome.IMAGE);
                case "images" -> outcome = strongest(outcome, Outcome.IMAGES);
                case "duration", "queued" -> {
                    Duration parsed = parseDuration(value);
                    if (parsed == null) {
                        errorType = "EmulatorDirectiveException";
                        errorMessage = key + " needs a value like 300ms or 2s, was '" + value + "'";
                        outcome = strongest(outcome, Outcome.USER_ERROR);
                    } else if ("duration".equals(key)) {
                        duration = parsed;
                    } else {
                        queued = parsed;
                    }
                }
                case "hang" -> hang = true;
                default -> {
                    errorType = "EmulatorDirectiveException";
                    errorMessage = "unknown emulator directive '" + key + "'";
                    outcome = strongest(outcome, Outcome.USER_ERROR);
                }
            }
        }
        String text = printed.isEmpty() ? command.trim() : String.join("\n", printed);
        return new CommandScript(
                outcome == null ? Outcome.TEXT : outcome,
                text,
                errorType,
                errorMessage,
                truncated,
                duration,
                queued,
                hang);
    }

    private static Outcome strongest(Outcome current, Outcome candidate) {
        return current == null || candidate.ordinal() > current.ordinal() ? candidate : current;
    }

    private static String[] splitError(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            return new String[] {"Exception", value};
        }
        return new String[] {
            value.substring(0, colon).trim(), value.substring(colon + 1).trim()
        };
    }

    private static Duration parseDuration(String value) {
        Matcher m = DURATION.matcher(value == null ? "" : value.trim());
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        return "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    }
}
