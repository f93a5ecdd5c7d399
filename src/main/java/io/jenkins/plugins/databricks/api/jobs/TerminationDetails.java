package io.jenkins.plugins.databricks.api.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.databricks.api.WireNames;

/**
 * Why a run ended ({@code status.termination_details}).
 *
 * @param code the code; {@link TerminationCode#UNKNOWN} for a word this client does not know
 * @param codeWord the code as the server wrote it, so a log can name a code this client does not know
 * @param type whose side the end came from
 * @param typeWord the type as the server wrote it
 * @param message the server's text (unstructured; may be empty)
 */
public record TerminationDetails(
        TerminationCode code, String codeWord, TerminationType type, String typeWord, String message) {

    public TerminationDetails {
        if (code == null) {
            code = TerminationCode.UNKNOWN;
        }
        if (type == null) {
            type = TerminationType.UNKNOWN;
        }
        codeWord = WireNames.wordOr(codeWord, code.name());
        typeWord = WireNames.wordOr(typeWord, type.name());
        message = message == null ? "" : message.strip();
    }

    @JsonCreator
    static TerminationDetails fromWire(
            @JsonProperty("code") String code,
            @JsonProperty("type") String type,
            @JsonProperty("message") String message) {
        return new TerminationDetails(
                TerminationCode.fromWire(code), code, TerminationType.fromWire(type), type, message);
    }

    /** Whether the run completed successfully: only the code {@code SUCCESS} says so. */
    public boolean succeeded() {
        return code == TerminationCode.SUCCESS;
    }

    /** {@code RUN_EXECUTION_ERROR: Workload failed, see run output for details}: what a log or report shows. */
    public String describe() {
        return message.isEmpty() ? codeWord : codeWord + ": " + message;
    }
}
