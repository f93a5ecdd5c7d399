package io.jenkins.plugins.databricks.api.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One token request: the form POST, the answer read as an OAuth token response ({@code access_token},
 * {@code expires_in}) or an OAuth error ({@code error}, {@code error_description}), and the error turned into a
 * {@link TokenRequestException} that says what to fix. Nothing a secret could hide in leaves this class unscrubbed.
 */
final class TokenEndpoint {

    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** When an answer says nothing about the lifetime: the documented lifetime of Databricks and Entra tokens. */
    static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

    /** Anything shaped like a JWT (an id token, an Entra access token) is removed from error texts. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

    private static final int DESCRIPTION_LIMIT = 400;

    /** What to fix for an OAuth error; {@code null} when there is no better advice than the error itself. */
    @FunctionalInterface
    interface Advice {
        String fix(int status, String error, String description);
    }

    private TokenEndpoint() {}

    /**
     * Posts {@code form} to {@code endpoint} and reads the token.
     *
     * @param method what is being done, for the message, e.g. {@code OAuth M2M for service principal abc}
     * @param secrets every secret in the form or the header (client secret, subject token): scrubbed from texts
     */
    static AccessToken request(
            TokenHttp http,
            String method,
            URI endpoint,
            Map<String, String> form,
            String authorization,
            List<String> secrets,
            Advice advice)
            throws IOException {
        String where = "POST " + withoutQuery(endpoint);
        Instant asked = http.clock().instant();
        TokenHttp.Answer answer = http.postForm(endpoint, form, authorization);
        JsonNode body = parse(answer.body());
        if (answer.status() >= 200 && answer.status() < 300) {
            String token = body == null ? null : body.path("access_token").asText(null);
            if (token == null || token.isBlank()) {
                throw new TokenRequestException(
                        where,
                        answer.status(),
                        null,
                        method + ": the token endpoint " + where + " answered HTTP " + answer.status()
                                + " without an access_token",
                        "Check the workspace URL (or the login host): it does not look like a token endpoint");
            }
            return new AccessToken(token, asked.plus(lifetime(body, asked)));
        }
        String error = body == null ? null : body.path("error").asText(null);
        String description =
                body == null ? null : body.path("error_description").asText(null);
        description = scrub(description, secrets);
        StringBuilder message = new StringBuilder(method)
                .append(": the token endpoint ")
                .append(where)
                .append(" answered HTTP ")
                .append(answer.status());
        if (error != null) {
            message.append(": ").append(scrub(error, secrets));
            if (description != null && !description.isBlank()) {
                message.append(" (").append(description).append(')');
            }
        } else {
            message.append(body == null && looksLikeHtml(answer.body()) ? " with a web page" : " with no OAuth error");
        }
        String fix = advice.fix(answer.status(), error, description == null ? "" : description);
        if (fix == null && error == null) {
            fix = answer.status() == 404
                    ? "Check the workspace URL (or the login host): it has no token endpoint at this address"
                    : null;
        }
        throw new TokenRequestException(where, answer.status(), error, message.toString(), fix);
    }

    /** {@code expires_in} (a number, or a number as text as Entra sends it), else {@code expires_on}, else 1 h. */
    private static Duration lifetime(JsonNode body, Instant asked) {
        JsonNode in = body.path("expires_in");
        Long seconds = number(in);
        if (seconds != null) {
            return Duration.ofSeconds(Math.max(0, seconds));
        }
        Long on = number(body.path("expires_on"));
        if (on != null) {
            return Duration.between(asked, Instant.ofEpochSecond(on)).isNegative()
                    ? Duration.ZERO
                    : Duration.between(asked, Instant.ofEpochSecond(on));
        }
        return ASSUMED_LIFETIME;
    }

    private static Long number(JsonNode n) {
        if (n.isNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.valueOf(n.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean looksLikeHtml(String text) {
        return text != null && text.stripLeading().startsWith("<");
    }

    /**
     * Removes every secret, anything shaped like a JWT, and trims the text to one bounded line (Entra appends trace
     * and correlation ids on further lines).
     */
    static String scrub(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                // A server that echoes the request may quote the form body (URL-encoded) or a header (Base64).
                out = out.replace(secret, "****")
                        .replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), "****")
                        .replace(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)), "****");
            }
        }
        out = JWT.matcher(out).replaceAll("****");
        int eol = indexOfLineBreak(out);
        if (eol >= 0) {
            out = out.substring(0, eol);
        }
        out = out.strip();
        return out.length() > DESCRIPTION_LIMIT ? out.substring(0, DESCRIPTION_LIMIT) + "..." : out;
    }

    private static int indexOfLineBreak(String s) {
        int r = s.indexOf('\r');
        int n = s.indexOf('\n');
        return r < 0 ? n : n < 0 ? r : Math.min(r, n);
    }

    static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    static boolean contains(String text, String word) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(word);
    }
}
