package io.jenkins.plugins.databricks.api;

/**
 * A command's state ({@code commands/status}).
 *
 * @param id command id
 * @param status state; {@link CommandStatus#UNKNOWN} for a value this client does not know
 * @param results the result once finished; {@code null} while queued or running
 */
public record CommandInfo(String id, CommandStatus status, CommandResults results) {

    public CommandInfo {
        if (status == null) {
            status = CommandStatus.UNKNOWN;
        }
    }

    /**
     * Whether the command failed: a platform {@link CommandStatus#ERROR}, a {@link CommandStatus#CANCELLED} command,
     * or a {@link CommandStatus#FINISHED} one whose result is an error (how user-code failures are reported).
     */
    public boolean failed() {
        return status == CommandStatus.ERROR
                || status == CommandStatus.CANCELLED
                || (results != null && results.isError());
    }
}
