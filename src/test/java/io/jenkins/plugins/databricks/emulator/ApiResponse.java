package io.jenkins.plugins.databricks.emulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer to send: status, headers and body bytes. */
record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    static final String JSON = "application/json;charset=utf-8";

    ApiResponse {
        headers = Map.copyOf(headers);
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
        return new ApiResponse(status, h, body);
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
