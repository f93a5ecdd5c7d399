package io.jenkins.plugins.databricks.api.rest2;

import java.time.Instant;

/**
 * What {@code HEAD /api/2.0/fs/files{path}} says about a file, from its headers.
 *
 * @param path the file
 * @param size {@code Content-Length} in bytes, -1 when the server sent none
 * @param contentType {@code Content-Type}, or {@code null}
 * @param lastModified {@code Last-Modified}, or {@code null} when missing or not an HTTP date
 */
public record FileMetadata(String path, long size, String contentType, Instant lastModified) {}
