package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Unity Catalog artifact allowlists: {@code GET} and {@code PUT /api/2.1/unity-catalog/artifact-allowlists/
 * {INIT_SCRIPT|LIBRARY_JAR|LIBRARY_MAVEN}}. Both need {@code MANAGE ALLOWLIST} ({@link Settings#allowlistAdmin()});
 * without it 403 {@code PERMISSION_DENIED}. A PUT replaces the whole list, as on the real metastore.
 */
final class AllowlistService extends Rest2Service {

    private static final String PREFIX = "/api/2.1/unity-catalog/artifact-allowlists/";

    private final UnityCatalog catalog;
    private final Settings settings;

    AllowlistService(UnityCatalog catalog, Settings settings, ObjectMapper json) {
        super(json);
        this.catalog = catalog;
        this.settings = settings;
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    Object handle(ApiRequest r) {
        ArtifactAllowlists.ArtifactType type = type(r.path().substring(PREFIX.length()));
        if (!"GET".equals(r.method()) && !"PUT".equals(r.method())) {
            throw new RestError(405, "METHOD_NOT_ALLOWED", "Use GET or PUT on " + r.path());
        }
        if (!settings.allowlistAdmin()) {
            throw RestError.permissionDenied("User " + r.caller() + " does not have MANAGE ALLOWLIST on Metastore '"
                    + ArtifactAllowlists.METASTORE_ID + "'.");
        }
        if ("PUT".equals(r.method())) {
            catalog.allowlists().set(type, matchers(r), r.caller());
            r.markMutated();
        }
        ArtifactAllowlists.Allowlist list = catalog.allowlists().get(type);
        List<Map<String, Object>> matchers = list.matchers().stream()
                .map(m -> ordered("artifact", m.artifact(), "match_type", m.matchType()))
                .toList();
        return ordered(
                "artifact_type",
                type.name(),
                "artifact_matchers",
                matchers.isEmpty() ? null : matchers,
                "metastore_id",
                ArtifactAllowlists.METASTORE_ID,
                "created_by",
                list.createdBy(),
                "created_at",
                list.createdAt() == null ? null : list.createdAt().toEpochMilli());
    }

    private static ArtifactAllowlists.ArtifactType type(String word) {
        try {
            return ArtifactAllowlists.ArtifactType.valueOf(word);
        } catch (IllegalArgumentException e) {
            throw RestError.invalidParameter(
                    "Invalid artifact type '" + word + "'; use INIT_SCRIPT, LIBRARY_JAR or LIBRARY_MAVEN");
        }
    }

    private List<ArtifactAllowlists.Matcher> matchers(ApiRequest r) {
        JsonNode list = requireJson(r, "artifact_matchers");
        if (!list.isArray()) {
            throw RestError.invalidParameter("artifact_matchers must be an array");
        }
        List<ArtifactAllowlists.Matcher> out = new ArrayList<>();
        for (JsonNode m : list) {
            String artifact = m.path("artifact").asText("");
            String matchType = m.path("match_type").asText("");
            if (artifact.isBlank() || !"PREFIX_MATCH".equals(matchType)) {
                throw RestError.invalidParameter(
                        "Each artifact matcher needs an artifact and match_type PREFIX_MATCH; was " + m);
            }
            out.add(new ArtifactAllowlists.Matcher(artifact, matchType));
        }
        return out;
    }
}
