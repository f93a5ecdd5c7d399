package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.databricks.api.WireNames;

/**
 * An execution context ({@code contexts/status}).
 *
 * @param id context id: a 19-digit number on the wire, kept as a string
 * @param status state; {@link ContextStatus#UNKNOWN} for a value this client does not know
 * @param word the state as the server wrote it, so a log can name a state this client does not know
 */
public record ContextInfo(String id, ContextStatus status, String word) {

    public ContextInfo {
        if (status == null) {
            status = ContextStatus.UNKNOWN;
        }
        word = WireNames.wordOr(word, status.wireValue());
    }

    @JsonCreator
    static ContextInfo fromWire(@JsonProperty("id") String id, @JsonProperty("status") String status) {
        return new ContextInfo(id, ContextStatus.fromWire(status), status);
    }
}
