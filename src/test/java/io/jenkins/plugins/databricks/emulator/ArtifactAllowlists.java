package io.jenkins.plugins.databricks.emulator;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The metastore's artifact allowlists (one per artifact type), empty by default as on a real metastore. Matching is
 * a plain string prefix, as documented: {@code /Volumes/prod-libraries/} does not match {@code
 * /Volumes/prod-libraries-x}, but {@code /Volumes/prod-libraries} does. Thread-safe.
 */
public final class ArtifactAllowlists {

    /** The artifact types Unity Catalog keeps a list for. */
    public enum ArtifactType {
        INIT_SCRIPT,
        LIBRARY_JAR,
        LIBRARY_MAVEN
    }

    /** One allowlist entry; {@code matchType} is {@code PREFIX_MATCH}, the only documented type. */
    public record Matcher(String artifact, String matchType) {
        public static Matcher prefix(String artifact) {
            return new Matcher(artifact, "PREFIX_MATCH");
        }
    }

    /** One artifact type's list as the API reports it. */
    record Allowlist(List<Matcher> matchers, String createdBy, Instant createdAt) {}

    static final String METASTORE_ID = "5e3a1b2c-9d8f-4e7a-b6c5-d4e3f2a1b0c9";

    private final Settings settings;
    private final Map<ArtifactType, Allowlist> lists = new EnumMap<>(ArtifactType.class);

    ArtifactAllowlists(Settings settings) {
        this.settings = settings;
    }

    /** Replaces the whole list for {@code type}, as the PUT does. */
    public synchronized ArtifactAllowlists set(ArtifactType type, List<Matcher> matchers, String setBy) {
        lists.put(
                type,
                new Allowlist(List.copyOf(matchers), setBy, settings.clock().instant()));
        return this;
    }

    /** Replaces the {@code LIBRARY_JAR} list with these prefixes (test setup). */
    public ArtifactAllowlists jarPrefixes(String... prefixes) {
        return set(
                ArtifactType.LIBRARY_JAR,
                java.util.Arrays.stream(prefixes).map(Matcher::prefix).toList(),
                settings.defaultUserName());
    }

    synchronized Allowlist get(ArtifactType type) {
        return lists.getOrDefault(type, new Allowlist(List.of(), null, null));
    }

    public synchronized List<Matcher> matchers(ArtifactType type) {
        return get(type).matchers();
    }

    public synchronized boolean allows(ArtifactType type, String artifact) {
        return get(type).matchers().stream()
                .anyMatch(m -> "PREFIX_MATCH".equals(m.matchType()) && artifact.startsWith(m.artifact()));
    }
}
