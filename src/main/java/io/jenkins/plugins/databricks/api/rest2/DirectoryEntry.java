package io.jenkins.plugins.databricks.api.rest2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One entry of a volume directory listing ({@code GET /api/2.0/fs/directories{path}} {@code contents[]}).
 *
 * @param path the absolute path, e.g. {@code /Volumes/c/s/v/libs/app-1.2.jar}
 * @param name the last segment, e.g. {@code app-1.2.jar}
 * @param directory whether it is a directory
 * @param fileSize bytes; 0 for a directory
 * @param lastModified when it last changed, or {@code null} when the server did not say (directories)
 */
public record DirectoryEntry(String path, String name, boolean directory, long fileSize, Instant lastModified) {

    @JsonCreator
    static DirectoryEntry fromWire(
            @JsonProperty("path") String path,
            @JsonProperty("name") String name,
            @JsonProperty("is_directory") boolean directory,
            @JsonProperty("file_size") long fileSize,
            @JsonProperty("last_modified") Long lastModified) {
        return new DirectoryEntry(
                path, name, directory, fileSize, lastModified == null ? null : Instant.ofEpochMilli(lastModified));
    }
}
