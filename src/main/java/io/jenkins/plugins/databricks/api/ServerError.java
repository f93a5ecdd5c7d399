package io.jenkins.plugins.databricks.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server said when a call failed, reduced to one line: the 1.2 body {@code {"error": "Exception: msg"}}, the
 * 2.0 body {@code {"error_code": CODE_OR_NUMBER, "message": "..."}}, or an HTML error page (Jetty's "Reason:" line,
 * else its title).
 *
 * @param errorCode {@code NameConflictException}, {@code TEMPORARILY_UNAVAILABLE}, {@code 403}... or {@code null}
 * @param message the readable text, never {@code null} (may be empty)
 * @param html whether the body was an HTML page
 */
record ServerError(String errorCode, String message, boolean html) {

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
            return new ServerError(c, truncate(msg), false);
        }
        return null;
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
