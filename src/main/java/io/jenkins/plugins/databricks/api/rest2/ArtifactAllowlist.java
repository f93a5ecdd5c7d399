package io.jenkins.plugins.databricks.api.rest2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The Unity Catalog allowlist for one artifact type ({@code GET /api/2.1/unity-catalog/artifact-allowlists/LIBRARY_JAR}):
 * on standard access mode only jars under one of these entries may be installed. Read only: setting it replaces the
 * whole list, which a deploy must never do.
 *
 * @param matchers never {@code null}; empty is the default (nothing allowed)
 * @param metastoreId the metastore it belongs to
 * @param createdBy who set it last
 * @param createdAt when, in epoch milliseconds (0 when unknown)
 */
public record ArtifactAllowlist(List<ArtifactMatcher> matchers, String metastoreId, String createdBy, long createdAt) {

    public ArtifactAllowlist {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
    }

    @JsonCreator
    static ArtifactAllowlist fromWire(
            @JsonProperty("artifact_matchers") List<ArtifactMatcher> matchers,
            @JsonProperty("metastore_id") String metastoreId,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("created_at") long createdAt) {
        return new ArtifactAllowlist(
                matchers == null
                        ? null
                        : matchers.stream().filter(m -> m != null).toList(),
                metastoreId,
                createdBy,
                createdAt);
    }

    /** Whether some entry allows {@code artifact} (e.g. a jar path). */
    public boolean allows(String artifact) {
        return matchers.stream().anyMatch(m -> m.matches(artifact));
    }

    /**
     * One entry.
     *
     * @param artifact a path prefix, e.g. {@code /Volumes/prod/libs/}, or Maven coordinates
     * @param matchType {@code PREFIX_MATCH} (the only documented one), as sent
     */
    public record ArtifactMatcher(
            @JsonProperty("artifact") String artifact,
            @JsonProperty("match_type") String matchType) {

        /**
         * Prefix semantics as documented: a plain string prefix, so {@code /Volumes/a/b/v} also covers
         * {@code /Volumes/a/b/v-x/...} while {@code /Volumes/a/b/v/} covers only what is inside the directory. A match
         * type other than {@code PREFIX_MATCH} matches nothing, since its meaning is not known.
         */
        public boolean matches(String candidate) {
            return candidate != null
                    && artifact != null
                    && !artifact.isEmpty()
                    && (matchType == null || "PREFIX_MATCH".equals(matchType))
                    && candidate.startsWith(artifact);
        }
    }
}
