package io.jenkins.plugins.databricks.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an emulated jar task does, read from directive parameters of its main class, as {@link CommandScript} reads a
 * command's directives: the emulator runs no code, so a test asks for an outcome. A directive is a parameter {@code
 * emulator:<key>[=<value>]}; any other parameter is an ordinary argument. Keys:
 *
 * <ul>
 *   <li>{@code print=<text>}: a line on stdout (repeat for more); {@code print-lines=<n>}: n numbered lines.
 *   <li>{@code throw=<Type>: <message>}: {@code main} throws; the run ends {@code RUN_EXECUTION_ERROR} with that
 *       error and a stack trace.
 *   <li>{@code terminate=<CODE>[: <message>]}: the run ends with that termination code as a platform failure (e.g.
 *       {@code DRIVER_ERROR}, {@code CLUSTER_ERROR}).
 *   <li>{@code duration=<n>ms|s}: how long it stays {@code RUNNING}; {@code setup=<n>ms|s}: how long it stays {@code
 *       PENDING} once its libraries are installed; {@code hang}: runs until cancelled or timed out.
 * </ul>
 *
 * A directive written {@code emulator:@<cluster id>:<key>[=<value>]} applies only to the task run on that cluster, so
 * one submit can behave differently on two clusters (one fails, the other hangs).
 *
 * <p>Without directives the main class finishes with {@code SUCCESS} after the default durations and prints nothing. An
 * unknown key fails the run with {@code EmulatorDirectiveException} naming it, so a typo in a test fails loudly.
 */
record RunScript(
        List<String> printed,
        String throwType,
        String throwMessage,
        String terminateCode,
        String terminateMessage,
        Duration duration,
        Duration setup,
        boolean hang) {

    static final String PREFIX = "emulator:";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s)");

    RunScript {
        printed = List.copyOf(printed);
    }

    /** Whether it runs until cancelled: {@code hang} unless the script also asks it to fail. */
    boolean hangs() {
        return hang && throwType == null && terminateCode == null;
    }

    static RunScript parse(List<String> parameters) {
        return parse(parameters, null);
    }

    /** The directives for the task run on {@code clusterId}: the unscoped ones and those scoped to it. */
    static RunScript parse(List<String> parameters, String clusterId) {
        List<String> printed = new ArrayList<>();
        String throwType = null;
        String throwMessage = null;
        String terminateCode = null;
        String terminateMessage = null;
        Duration duration = null;
        Duration setup = null;
        boolean hang = false;
        for (String parameter : parameters) {
            if (parameter == null || !parameter.startsWith(PREFIX)) {
                continue;
            }
            String directive = parameter.substring(PREFIX.length());
            if (directive.startsWith("@")) {
                int colon = directive.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                if (!directive.substring(1, colon).equals(clusterId)) {
                    continue;
                }
                directive = directive.substring(colon + 1);
            }
            int eq = directive.indexOf('=');
            String key =
                    (eq < 0 ? directive : directive.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : directive.substring(eq + 1).strip();
            switch (key) {
                case "print" -> printed.add(value == null ? "" : value);
                case "print-lines" -> {
                    int n = value == null ? -1 : parseCount(value);
                    if (n < 0) {
                        throwType = "EmulatorDirectiveException";
                        throwMessage = "print-lines needs a count, was '" + value + "'";
                    }
                    for (int i = 1; i <= n; i++) {
                        printed.add("line " + i + " of " + n);
                    }
                }
                case "throw" -> {
                    String v = value == null ? "java.lang.RuntimeException: failed" : value;
                    int colon = v.indexOf(':');
                    throwType = colon <= 0
                            ? "java.lang.RuntimeException"
                            : v.substring(0, colon).strip();
                    throwMessage = colon <= 0 ? v : v.substring(colon + 1).strip();
                }
                case "terminate" -> {
                    String v = value == null ? "INTERNAL_ERROR" : value;
                    int colon = v.indexOf(':');
                    terminateCode = (colon < 0 ? v : v.substring(0, colon)).strip();
                    terminateMessage = colon < 0 ? "" : v.substring(colon + 1).strip();
                }
                case "duration", "setup" -> {
                    Duration parsed = parseDuration(value);
                    if (parsed == null) {
                        throwType = "EmulatorDirectiveException";
                        throwMessage = key + " needs a value like 300ms or 2s, was '" + value + "'";
                    } else if ("duration".equals(key)) {
                        duration = parsed;
                    } else {
                        setup = parsed;
                    }
                }
                case "hang" -> hang = true;
                default -> {
                    throwType = "EmulatorDirectiveException";
                    throwMessage = "unknown emulator directive '" + key + "'";
                }
            }
        }
        return new RunScript(printed, throwType, throwMessage, terminateCode, terminateMessage, duration, setup, hang);
    }

    private static int parseCount(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Duration parseDuration(String value) {
        Matcher m = DURATION.matcher(value == null ? "" : value.strip());
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        return "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    }
}
