package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SCIM {@code GET /api/2.0/preview/scim/v2/Me}: the caller's own identity, as its token or Basic user says. */
final class ScimService extends Rest2Service {

    private static final String ME = "/api/2.0/preview/scim/v2/Me";

    ScimService(ObjectMapper json) {
        super(json);
    }

    @Override
    public boolean serves(String path) {
        return path.equals(ME);
    }

    @Override
    Object handle(ApiRequest r) {
        method(r, "GET");
        String user = r.caller();
        String id = Long.toString(Math.abs(
                UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits()
                        % 10_000_000_000_000_000L));
        Map<String, Object> me = ordered(
                "schemas",
                List.of(
                        "urn:ietf:params:scim:schemas:core:2.0:User",
                        "urn:ietf:params:scim:schemas:extension:workspace:2.0:User"),
                "id",
                id,
                "userName",
                user,
                "displayName",
                user.contains("@") ? user.substring(0, user.indexOf('@')) : user,
                "active",
                true);
        if (user.contains("@")) {
            me.put("emails", List.of(ordered("type", "work", "value", user, "primary", true)));
        }
        return me;
    }
}
