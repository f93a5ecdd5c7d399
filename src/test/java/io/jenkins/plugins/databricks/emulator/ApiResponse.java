package io.jenkins.plugins.databricks.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer to send: status, headers and either body bytes or a {@link StreamedBody} (a file download, which is
 * never read into memory).
 */
record ApiResponse(int status, Map<String, String> headers, byte[] body, StreamedBody stream) {

    static final String JSON = "application/json;charset=utf-8";

    /** A body written straight to the connection, of a length known in advance. */
    interface StreamedBody {
        long length();

        void writeTo(OutputStream out) throws IOException;
    }

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    ApiResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null);
    }

    static ApiResponse streamed(int status, Map<String, String> headers, StreamedBody stream) {
        return new ApiResponse(status, headers, new byte[0], stream);
    }

    /** Status and headers only (a HEAD answer, a 204). */
    static ApiResponse empty(int status, Map<String, String> headers) {
        return new ApiResponse(status, headers, new byte[0]);
    }

    static ApiResponse of(int status, String contentType, String body) {
        return new ApiResponse(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse json(int status, String body) {
        return of(status, JSON, body);
    }

    static ApiResponse html(int status, String body) {
        return of(status, "text/html;charset=iso-8859-1", body);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, h, body, stream);
    }

    /**
     * The error page Databricks' Jetty served for errors outside the JSON API (invalid token, V1 APIs disabled, ...).
     */
    static ApiResponse jettyErrorPage(int status, String reason, String path) {
        return html(
                status,
                "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
                        + "<title>Error " + status + " " + reason + "</title>\n</head>\n"
                        + "<body><h2>HTTP ERROR " + status + "</h2>\n"
                        + "<p>Problem accessing " + path + ". Reason:\n<pre>    " + reason + "</pre></p>"
                        + "<hr /><i><small>Powered by Jetty://</small></i>\n</body>\n</html>\n");
    }
}
