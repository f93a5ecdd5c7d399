package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.databricks.api.WireNames;

/**
 * A command's state ({@code commands/status}).
 *
 * @param id command id
 * @param status state; {@link CommandStatus#UNKNOWN} for a value this client does not know
 * @param results the result once finished; {@code null} while queued or running
 * @param word the state as the server wrote it, so a log can name a state this client does not know
 */
public record CommandInfo(String id, CommandStatus status, CommandResults results, String word) {

    public CommandInfo {
        if (status == null) {
            status = CommandStatus.UNKNOWN;
        }
        word = WireNames.wordOr(word, status.wireValue());
    }

    @JsonCreator
    static CommandInfo fromWire(
            @JsonProperty("id") String id,
            @JsonProperty("status") String status,
            @JsonProperty("results") CommandResults results) {
        return new CommandInfo(id, CommandStatus.fromWire(status), results, status);
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
