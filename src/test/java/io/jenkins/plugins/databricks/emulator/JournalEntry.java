package io.jenkins.plugins.databricks.emulator;

import java.util.List;
import java.util.Map;

/**
 * One request the emulator served. Never holds credentials (no Authorization header, no parameter that looks like
 * one) and never file bytes: a multipart request is recorded by its parts' names, file names and byte counts.
 *
 * @param method HTTP method
 * @param path full request path, e.g. {@code /api/1.2/libraries/upload}
 * @param params request parameters from the query string and the body (form, JSON or multipart text parts); the
 *     text of a {@code command} file part is included as parameter {@code command} (it is a command, not a secret)
 * @param parts the multipart parts, in order; empty for other encodings
 * @param status the HTTP status answered, or {@link #NO_RESPONSE} when the connection was dropped instead
 * @param fault the name of the injected fault that shaped the answer, or null
 * @param mutation true when the request changed the emulator's state (a POST that took effect)
 */
public record JournalEntry(
        String method,
        String path,
        Map<String, String> params,
        List<Part> parts,
        int status,
        String fault,
        boolean mutation) {

    /** Status recorded when the connection was closed without an HTTP answer. */
    public static final int NO_RESPONSE = 0;

    private static final String PREFIX = "/api/1.2/";

    public JournalEntry {
        params = Map.copyOf(params);
        parts = List.copyOf(parts);
    }

    /** A multipart part: its name, the file name if it was a file part, and how many bytes it had. */
    public record Part(String name, String fileName, long bytes) {}

    /** The path relative to {@code /api/1.2/} (e.g. {@code libraries/upload}), or the full path outside it. */
    public String endpoint() {
        return path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
    }

    /** {@code "<METHOD> <endpoint>"}, e.g. {@code POST libraries/attach}. */
    public String call() {
        return method + " " + endpoint();
    }

    public String param(String name) {
        return params.get(name);
    }
}
