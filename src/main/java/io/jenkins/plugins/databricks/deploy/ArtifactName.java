package io.jenkins.plugins.databricks.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The artifact a jar file name stands for, whoever named it: {@code etl-app} for {@code etl-app.jar},
 * {@code etl-app-0.9.0.jar}, {@code etl-app-0.9.0-SNAPSHOT.jar}, {@code etl-app_2.12-0.9.0.jar},
 * {@code etl-app-assembly-0.9.0.jar}, {@code etl-app-0.9.0-jar-with-dependencies.jar} and our own
 * {@code etl-app-0.9.0-3fa9c2d1e0.jar}; but {@code etl-app-utils} for {@code etl-app-utils-0.9.0.jar}, because a
 * name segment without a digit is part of the artifact unless it is a well-known classifier.
 *
 * <p>The name is cut at the first '-' segment that is a version (starts with a digit, or {@code v} and a digit),
 * {@code SNAPSHOT}, or our {@value LibraryNameTemplate#HASH_LENGTH}-digit hash; then trailing packaging classifiers
 * (assembly, all, shaded ...) and a Scala binary suffix ({@code _2.12}, {@code _2.13}, {@code _3}) go. Jars that do
 * not carry the artifact's classes (sources, javadoc, tests) have no artifact: they never count as a copy.
 */
final class ArtifactName {

    /** Classifiers of the runnable jar itself (sbt-assembly, Maven assembly/shade, Gradle shadow). */
    private static final List<List<String>> PACKAGING = List.of(
            List.of("jar", "with", "dependencies"),
            List.of("with", "dependencies"),
            List.of("assembly"),
            List.of("all"),
            List.of("shaded"),
            List.of("fat"),
            List.of("uber"),
            List.of("standalone"),
            List.of("bundle"),
            List.of("deps"));

    /** Classifiers of jars without the artifact's runtime classes. */
    private static final Set<String> NOT_RUNTIME = Set.of("sources", "javadoc", "tests", "test");

    private static final Pattern VERSION = Pattern.compile("v?\\d.*");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{" + LibraryNameTemplate.HASH_LENGTH + "}");
    private static final Pattern SCALA_SUFFIX = Pattern.compile("_(?:2\\.\\d{1,2}|3)$");

    private ArtifactName() {}

    /** The artifact, lower case; empty when the name has none (a sources jar, a name starting with a version). */
    static String of(String fileName) {
        String base = fileName.toLowerCase(Locale.ROOT);
        if (base.endsWith(".jar")) {
            base = base.substring(0, base.length() - ".jar".length());
        }
        List<String> segments = Arrays.asList(base.split("-", -1));
        if (segments.stream().anyMatch(NOT_RUNTIME::contains)) {
            return "";
        }
        List<String> artifact = new ArrayList<>();
        for (String segment : segments) {
            if (VERSION.matcher(segment).matches()
                    || segment.equals("snapshot")
                    || HASH.matcher(segment).matches()) {
                break;
            }
            artifact.add(segment);
        }
        dropPackaging(artifact);
        String name = String.join("-", artifact);
        return SCALA_SUFFIX.matcher(name).replaceFirst("");
    }

    private static void dropPackaging(List<String> artifact) {
        for (List<String> classifier : PACKAGING) {
            int from = artifact.size() - classifier.size();
            if (from > 0 && artifact.subList(from, artifact.size()).equals(classifier)) {
                artifact.subList(from, artifact.size()).clear();
                return;
            }
        }
    }
}
