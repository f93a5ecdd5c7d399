package io.jenkins.plugins.databricks.emulator;

import com.sun.net.httpserver.Headers;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One parsed request: parameters from the query string and from the body, whatever its encoding. */
final class ApiRequest {

    private final String method;
    private final String path;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final List<JournalEntry.Part> parts = new ArrayList<>();
    /** Every value of every query parameter, in order (filters such as {@code filter_by.cluster_states} repeat). */
    private final Map<String, List<String>> multiParams = new LinkedHashMap<>();

    private final String requestId = UUID.randomUUID().toString();
    private UploadedFile upload;
    private boolean mutated;
    private Headers headers = new Headers();
    private InputStream rawBody;
    private String caller;

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

    /** Every value of a query parameter; empty when absent. */
    List<String> all(String name) {
        return multiParams.getOrDefault(name, List.of());
    }

    void addParam(String name, String value) {
        params.put(name, value);
        multiParams.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    /** The id the 2.x error body reports in its {@code RequestInfo} detail. */
    String requestId() {
        return requestId;
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    void headers(Headers value) {
        headers = value;
    }

    /** The unread request body, for a service that streams it itself ({@link Service#rawBody}); else null. */
    InputStream rawBody() {
        return rawBody;
    }

    void rawBody(InputStream body) {
        rawBody = body;
    }

    /** The authenticated caller's user name (as SCIM Me would answer it); null before authentication. */
    String caller() {
        return caller;
    }

    void caller(String userName) {
        caller = userName;
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
