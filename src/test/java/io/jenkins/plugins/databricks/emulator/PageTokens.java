package io.jenkins.plugins.databricks.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page tokens: the cursor (the last item of the previous page) in URL-safe base64 behind a tag, so a client
 * cannot build one and a token of one listing is refused by another.
 */
final class PageTokens {

    private PageTokens() {}

    static String encode(String listing, String cursor) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((listing + "\n" + cursor).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or null for no token; a 400 naming the token when it is not one this listing gave out. */
    static String decode(String listing, String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RestError.invalidParameter("Invalid page_token '" + token + "'");
        }
        if (!text.startsWith(listing + "\n")) {
            throw RestError.invalidParameter("Invalid page_token '" + token + "' for this listing");
        }
        return text.substring(listing.length() + 1);
    }
}
