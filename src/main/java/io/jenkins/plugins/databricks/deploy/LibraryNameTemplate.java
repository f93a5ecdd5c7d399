package io.jenkins.plugins.databricks.deploy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library name as a template. REST 1.2 refuses a second library with the same name in a folder, so the default
 * {@value #DEFAULT} gives every different jar its own name and the same jar the same name (which is how an unchanged
 * jar is recognised). Placeholders: {@code {name}} (jar file name without {@code .jar}), {@code {hash}} (the first
 * {@value #HASH_LENGTH} hex digits of its SHA-256), {@code {build}} (the build id the front end passes),
 * {@code {timestamp}} (UTC, {@code yyyyMMdd-HHmmss}).
 */
public final class LibraryNameTemplate {

    public static final String DEFAULT = "{name}-{hash}.jar";
    public static final int HASH_LENGTH = 10;
    static final List<String> PLACEHOLDERS = List.of("name", "hash", "build", "timestamp");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String template;

    private LibraryNameTemplate(String template) {
        this.template = template;
    }

    /** Parses a template; problems go to {@code errors} and the result is then {@code null}. */
    static LibraryNameTemplate parse(String text, boolean buildIdKnown, List<FieldError> errors) {
        String template = text == null || text.isBlank() ? DEFAULT : text.trim();
        int before = errors.size();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String key = m.group(1);
            if (!PLACEHOLDERS.contains(key)) {
                errors.add(new FieldError(
                        DeployField.LIBRARY_NAME,
                        "unknown placeholder {" + key + "} in '" + template + "' — known placeholders: {name}, {hash},"
                                + " {build}, {timestamp}"));
            } else if (key.equals("build") && !buildIdKnown) {
                errors.add(new FieldError(
                        DeployField.LIBRARY_NAME,
                        "'" + template + "' uses {build} but no build id was given — use {hash} or {timestamp}"));
            }
        }
        String literal = m.replaceAll("");
        if (literal.contains("{") || literal.contains("}")) {
            errors.add(new FieldError(
                    DeployField.LIBRARY_NAME,
                    "unbalanced brace in '" + template + "' — placeholders look like {name}-{hash}.jar"));
        }
        if (template.contains("/")) {
            errors.add(new FieldError(
                    DeployField.LIBRARY_NAME,
                    "'" + template + "' contains '/' — the name is one workspace entry; put the path in folder"));
        }
        return errors.size() == before ? new LibraryNameTemplate(template) : null;
    }

    public String template() {
        return template;
    }

    public boolean usesHash() {
        return template.contains("{hash}");
    }

    /** The library name for this jar. */
    public String render(String jarBaseName, String sha256, String buildId, Instant now) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value =
                    switch (m.group(1)) {
                        case "name" -> jarBaseName;
                        case "hash" -> shortHash(sha256);
                        case "build" -> Objects.requireNonNull(buildId, "buildId");
                        case "timestamp" -> TIMESTAMP.format(now);
                        default -> throw new IllegalStateException("validated placeholder " + m.group());
                    };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The default rule for the earlier versions of this jar: every file name of the same artifact, however it was
     * named ({@link EarlierVersions}).
     */
    public Predicate<String> earlierVersions(String jarBaseName) {
        return new EarlierVersions(this, jarBaseName);
    }

    /** The artifact a jar base name stands for, without version, classifier or Scala suffix: {@code app-1.2.3} is app. */
    public static String artifactName(String jarBaseName) {
        String artifact = ArtifactName.of(jarBaseName);
        return artifact.isEmpty() ? jarBaseName : artifact;
    }

    static String shortHash(String sha256) {
        return sha256.substring(0, HASH_LENGTH);
    }

    @Override
    public String toString() {
        return template;
    }
}
