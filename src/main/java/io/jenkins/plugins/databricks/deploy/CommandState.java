package io.jenkins.plugins.databricks.deploy;

/**
 * A command's status and, once final, its result.
 *
 * @param status Queued, Running, Cancelling, Finished, Cancelled or Error
 * @param resultType text, table, error, image, images; {@code null} while running
 * @param output the text data (or the table rendered as text)
 * @param errorSummary for an error result, the short message
 * @param errorCause for an error result, the stack trace or traceback
 */
public record CommandState(String status, String resultType, String output, String errorSummary, String errorCause) {

    public boolean isFinal() {
        return "Finished".equals(status) || "Cancelled".equals(status) || "Error".equals(status);
    }

    @Override
    public String toString() {
        return status + (resultType == null ? "" : " (" + resultType + ")");
    }
}
