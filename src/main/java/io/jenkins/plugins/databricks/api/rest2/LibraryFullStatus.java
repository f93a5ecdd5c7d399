package io.jenkins.plugins.databricks.api.rest2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.databricks.api.WireNames;
import java.util.List;

/**
 * One library on one cluster ({@code library_statuses[]}).
 *
 * @param library the library, as installed
 * @param status {@link LibraryInstallStatus#UNKNOWN} for a word this client does not know
 * @param statusWord the status as the server sent it, for logs
 * @param messages what the library manager reported so far (why it FAILED, warnings); never {@code null}
 * @param forAllClusters set on libraries installed on all clusters (a legacy workspace setting); waiters skip them
 */
public record LibraryFullStatus(
        Library library,
        LibraryInstallStatus status,
        String statusWord,
        List<String> messages,
        boolean forAllClusters) {

    public LibraryFullStatus {
        status = status == null ? LibraryInstallStatus.UNKNOWN : status;
        statusWord = WireNames.wordOr(statusWord, status.name());
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    @JsonCreator
    static LibraryFullStatus fromWire(
            @JsonProperty("library") Library library,
            @JsonProperty("status") String status,
            @JsonProperty("messages") List<String> messages,
            @JsonProperty("is_library_for_all_clusters") boolean forAllClusters) {
        return new LibraryFullStatus(
                library,
                LibraryInstallStatus.fromWire(status),
                status,
                messages == null ? null : nonNull(messages),
                forAllClusters);
    }

    private static List<String> nonNull(List<String> messages) {
        return messages.stream().filter(m -> m != null).toList();
    }
}
