package io.jenkins.plugins.databricks.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The claims of an id token that explain a refused exchange ({@code iss}, {@code aud}, {@code sub}, {@code exp}),
 * read without verifying anything: the token endpoint verifies, we only quote what we sent so that the message can
 * say which value the federation policy must match. None of these claims is a secret.
 */
record JwtClaims(String issuer, List<String> audiences, String subject, Instant expiresAt) {

    /** The claims, or {@code null} when {@code jwt} is not a readable JWT. */
    static JwtClaims read(String jwt) {
        String[] parts = jwt == null ? new String[0] : jwt.strip().split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            JsonNode claims = TokenEndpoint.JSON.readTree(new String(payload, StandardCharsets.UTF_8));
            if (claims == null || !claims.isObject()) {
                return null;
            }
            List<String> audiences = new ArrayList<>();
            JsonNode aud = claims.path("aud");
            if (aud.isArray()) {
                aud.forEach(a -> audiences.add(a.asText()));
            } else if (aud.isTextual()) {
                audiences.add(aud.asText());
            }
            JsonNode exp = claims.path("exp");
            return new JwtClaims(
                    text(claims, "iss"),
                    List.copyOf(audiences),
                    text(claims, "sub"),
                    exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null);
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static String text(JsonNode claims, String name) {
        JsonNode v = claims.path(name);
        return v.isTextual() ? v.asText() : null;
    }
}
