package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.databricks.api.HtmlText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code results} of a command. Which fields are set depends on {@link #resultType()}:
 *
 * <ul>
 *   <li>{@code text}: {@link #data()} is a string ({@link #text()}).
 *   <li>{@code table}: {@link #data()} is a list of rows ({@link #rows()}), {@link #schema()} one map per column.
 *   <li>{@code error}: {@link #summary()} (may carry HTML; {@link #displaySummary()} strips it) and {@link #cause()}
 *       (a stack trace that may carry ANSI colour codes; {@link #displayCause()} strips them).
 *   <li>{@code image}: {@link #fileName()}; {@code images}: {@link #fileNames()} (data URLs or FileStore paths).
 * </ul>
 */
public record CommandResults(
        ResultType resultType,
        Object data,
        List<Map<String, Object>> schema,
        Boolean truncated,
        @JsonProperty("isJsonSchema") Boolean isJsonSchema,
        String summary,
        String cause,
        String fileName,
        List<String> fileNames,
        Integer pos) {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");

    public CommandResults {
        if (resultType == null) {
            resultType = ResultType.UNKNOWN;
        }
        schema = schema == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(schema));
        fileNames = fileNames == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(fileNames));
    }

    /** Whether this is an error result (how a failing user command is reported). */
    public boolean isError() {
        return resultType == ResultType.ERROR;
    }

    /** The text output for a {@code text} result, else {@code null}. */
    public String text() {
        return data instanceof String s ? s : null;
    }

    /** The rows of a {@code table} result (each a list of cell values), else an empty list. */
    @SuppressWarnings("unchecked")
    public List<List<Object>> rows() {
        if (!(data instanceof List<?> list)) {
            return List.of();
        }
        List<List<Object>> rows = new ArrayList<>(list.size());
        for (Object row : list) {
            rows.add(row instanceof List<?> cells ? (List<Object>) cells : Collections.singletonList(row));
        }
        return Collections.unmodifiableList(rows);
    }

    /** {@link #summary()} without HTML tags and entities, for a log line. */
    public String displaySummary() {
        return HtmlText.toPlainText(summary);
    }

    /** {@link #cause()} without ANSI escape sequences, for a log. */
    public String displayCause() {
        return cause == null ? null : ANSI.matcher(cause).replaceAll("");
    }

    /** One human-readable line describing the result, e.g. for a build log. */
    public String describe() {
        return switch (resultType) {
            case TEXT -> text() == null ? "" : text();
            case TABLE -> rows().size() + " row(s)" + (Boolean.TRUE.equals(truncated) ? " (truncated)" : "");
            case ERROR -> {
                String s = displaySummary();
                yield s == null || s.isEmpty() ? "error" : s;
            }
            case IMAGE -> "image " + fileName;
            case IMAGES -> fileNames.size() + " image(s)";
            case UNKNOWN -> "result of an unknown type";
        };
    }
}
