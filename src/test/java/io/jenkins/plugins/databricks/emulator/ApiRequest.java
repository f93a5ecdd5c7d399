package io.jenkins.plugins.databricks.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One parsed request: parameters from the query string and from the body, whatever its encoding. */
final class ApiRequest {

    private final String method;
    private final String path;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final List<JournalEntry.Part> parts = new ArrayList<>();
    private UploadedFile upload;
    private boolean mutated;

    /** The file part of an upload, reduced to what the emulator keeps of it. */
    record UploadedFile(String partName, String fileName, UploadDigest digest) {}

    ApiRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    String endpoint() {
        return path.startsWith("/api/1.2/") ? path.substring("/api/1.2/".length()) : path;
    }

    Map<String, String> params() {
        return params;
    }

    List<JournalEntry.Part> parts() {
        return parts;
    }

    UploadedFile upload() {
        return upload;
    }

    void upload(UploadedFile file) {
        upload = file;
    }

    /** A required parameter, or a 400 naming it. */
    String require(String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("Missing required parameter '" + name + "'");
        }
        return value;
    }

    String optional(String name) {
        return params.get(name);
    }

    void markMutated() {
        mutated = true;
    }

    boolean mutated() {
        return mutated;
    }
}
