package io.jenkins.plugins.databricks.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server said when a call failed, reduced to one line: the 1.2 body {@code {"error": "Exception: msg"}}, the
 * 2.x body {@code {"error_code": CODE_OR_NUMBER, "message": "...", "details": [...]}}, or an HTML error page (Jetty's
 * "Reason:" line, else its title). Of the 2.x {@code details} (google.rpc types) it keeps what a caller or a person
 * acts on: {@code ErrorInfo.reason}, {@code RequestInfo.request_id} and {@code RetryInfo.retry_delay}.
 *
 * @param errorCode {@code NameConflictException}, {@code TEMPORARILY_UNAVAILABLE}, {@code 403}... or {@code null}
 * @param message the readable text, never {@code null} (may be empty)
 * @param html whether the body was an HTML page
 * @param reason {@code ErrorInfo.reason}, e.g. {@code FILES_API_DIRECTORY_IS_NOT_EMPTY}, or {@code null}
 * @param requestId {@code RequestInfo.request_id} (what Databricks support asks for), or {@code null}
 * @param retryDelay {@code RetryInfo.retry_delay}, or {@code null}
 */
record ServerError(
        String errorCode, String message, boolean html, String reason, String requestId, Duration retryDelay) {

    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final String REQUEST_INFO = "type.googleapis.com/google.rpc.RequestInfo";
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
    private static final int MAX_DETAIL = 200;

    ServerError(String errorCode, String message, boolean html) {
        this(errorCode, message, html, null, null, null);
    }

    private static final int MAX_MESSAGE = 1000;
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^([A-Za-z_$][\\w$.]*(?:Exception|Error)):\\s");
    private static final Pattern JETTY_REASON =
            Pattern.compile("(?is)Reason:\\s*(?:</?[a-z]+[^>]*>\\s*)*<pre>(.*?)</pre>");
    private static final Pattern TITLE = Pattern.compile("(?is)<title>(.*?)</title>");
    private static final Pattern HEADING = Pattern.compile("(?is)<h[12][^>]*>(.*?)</h[12]>");
    private static final Pattern ERROR_PREFIX = Pattern.compile("(?i)^(HTTP )?Error:?\\s*\\d{3}\\s*");

    static ServerError parse(String body, String reasonPhraseHeader, ObjectMapper mapper) {
        String b = body == null ? "" : body.strip();
        if (b.startsWith("{")) {
            ServerError fromJson = fromJson(b, mapper);
            if (fromJson != null) {
                return fromJson;
            }
        }
        if (HtmlText.looksLikeHtml(b)) {
            return new ServerError(null, truncate(fromHtml(b)), true);
        }
        if (b.isEmpty() && reasonPhraseHeader != null) {
            return new ServerError(null, truncate(reasonPhraseHeader.strip()), false);
        }
        return new ServerError(null, truncate(b), false);
    }

    private static ServerError fromJson(String body, ObjectMapper mapper) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode error = node.get("error");
        if (error != null && error.isTextual()) {
            String text = error.asText();
            Matcher m = EXCEPTION_PREFIX.matcher(text);
            String code = m.find() ? simpleName(m.group(1)) : null;
            return new ServerError(code, truncate(text), false);
        }
        JsonNode code = node.get("error_code");
        JsonNode message = node.get("message");
        if (code != null || message != null) {
            String c = code == null || code.isNull() ? null : code.asText();
            String msg = message == null || message.isNull() ? "" : message.asText();
            String reason = null;
            String requestId = null;
            Duration retryDelay = null;
            JsonNode details = node.get("details");
            if (details != null && details.isArray()) {
                for (JsonNode d : details) {
                    String type = d.path("@type").asText("");
                    if (type.equals(ERROR_INFO) && reason == null) {
                        reason = text(d.get("reason"));
                    } else if (type.equals(REQUEST_INFO) && requestId == null) {
                        requestId = text(d.get("request_id"));
                    } else if (type.equals(RETRY_INFO) && retryDelay == null) {
                        retryDelay = protoDuration(text(d.get("retry_delay")));
                    }
                }
            }
            return new ServerError(c, truncate(msg), false, reason, requestId, retryDelay);
        }
        JsonNode detail = node.get("detail");
        if (detail != null && detail.isTextual()) {
            // SCIM: {"schemas": [...], "detail": "...", "status": "404", "scimType": "..."}
            String scimType = text(node.get("scimType"));
            return new ServerError(
                    scimType != null ? scimType : text(node.get("status")), truncate(detail.asText()), false);
        }
        return null;
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String t = node.asText().strip();
        return t.isEmpty() ? null : t.length() <= MAX_DETAIL ? t : t.substring(0, MAX_DETAIL);
    }

    /** A protobuf JSON duration, {@code "30s"} or {@code "1.5s"}; anything else is ignored, never an error. */
    static Duration protoDuration(String value) {
        if (value == null || !value.endsWith("s")) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.substring(0, value.length() - 1));
            if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(86_400)) > 0) {
                return null;
            }
            return Duration.ofNanos(seconds.movePointRight(9).longValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String simpleName(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }

    private static String fromHtml(String html) {
        Matcher reason = JETTY_REASON.matcher(html);
        if (reason.find()) {
            String r = HtmlText.toPlainText(reason.group(1));
            if (!r.isEmpty()) {
                return r;
            }
        }
        Matcher title = TITLE.matcher(html);
        if (title.find()) {
            String t =
                    ERROR_PREFIX.matcher(HtmlText.toPlainText(title.group(1))).replaceFirst("");
            if (!t.isEmpty()) {
                return t;
            }
        }
        Matcher heading = HEADING.matcher(html);
        if (heading.find()) {
            String h =
                    ERROR_PREFIX.matcher(HtmlText.toPlainText(heading.group(1))).replaceFirst("");
            if (!h.isEmpty()) {
                return h;
            }
        }
        return HtmlText.toPlainText(html);
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}
