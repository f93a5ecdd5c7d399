package io.jenkins.plugins.databricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibraryNameTemplateTest {

    private static final String SHA = "3f2a9c1e0b" + "0".repeat(54);

    private static LibraryNameTemplate parse(String text) {
        List<FieldError> errors = new ArrayList<>();
        LibraryNameTemplate t = LibraryNameTemplate.parse(text, true, errors);
        assertThat(errors).isEmpty();
        return t;
    }

    @Test
    void defaultNameIsBaseNamePlusShortHash() {
        assertThat(parse(null).render("app-1.2.3", SHA, null, Instant.EPOCH)).isEqualTo("app-1.2.3-3f2a9c1e0b.jar");
    }

    @Test
    void everyPlaceholderRenders() {
        assertThat(parse("{name}_{build}_{timestamp}_{hash}")
                        .render("etl", SHA, "job#7", Instant.parse("2026-11-25T17:41:54Z")))
                .isEqualTo("etl_job#7_20261125-174154_3f2a9c1e0b");
    }

    /** Names teams really have next to the jar they deploy (by hand, sbt, Maven, Gradle, our own templates). */
    @ParameterizedTest(name = "{0} is an earlier version of {1}: {3}")
    @CsvSource({
        // file name in the folder,            jar deployed,                  template,            same artifact?
        "etl-app-0.9.0.jar,                     etl-app-1.0.0,                 {name}-{hash}.jar,   true",
        "etl-app.jar,                           etl-app-1.0.0,                 {name}-{hash}.jar,   true",
        "etl-app-0.9.0-SNAPSHOT.jar,            etl-app-1.0.0,                 {name}-{hash}.jar,   true",
        "etl-app-SNAPSHOT.jar,                  etl-app-1.0.0,                 {name}-{hash}.jar,   true",
        "etl-app_2.12-0.9.0.jar,                etl-app-1.0.0,                 {name}-{hash}.jar,   true",
        "etl-app_2.13.jar,                      etl-app_2.12-1.0.0,            {name}-{hash}.jar,   true",
        "etl-app_3-0.9.0.jar,                   etl-app-1.0.0,                 {name}-{hash}.jar,   true",
        "etl-app-assembly-0.9.0.jar,            etl-app-1.0.0,                 {name}-{hash}.jar,   true",
        "etl-app-0.9.0-jar-with-dependencies.jar, etl-app-1.0.0,               {name}-{hash}.jar,   true",
        "etl-app-0.9.0-all.jar,                 etl-app-1.0.0-all,             {name}-{hash}.jar,   true",
        "etl-app-0.9.0-shaded.jar,              etl-app-1.0.0,                 {name}-{hash}.jar,   true",
        "etl-app-0.9.0-3f2a9c1e0b.jar,          etl-app-1.0.0,                 {name}-{hash}.jar,   true",
        "etl-app-af2a9c1e0b.jar,                etl-app,                       {name}-{hash}.jar,   true",
        "etl-app-0.9.0-41.jar,                  etl-app-1.0.0,                 {name}-{build}.jar,  true",
        "41-etl-app-0.9.0.jar,                  etl-app-1.0.0,                 {build}-{name}.jar,  true",
        "etl-app-0.9.0-20261125-174154.jar,     etl-app-1.0.0,                 {name}-{timestamp}.jar, true",
        "ETL-App-0.9.0.jar,                     etl-app-1.0.0,                 {name}-{hash}.jar,   true",
        "etl-app-v0.9.0.jar,                    etl-app-1.0.0,                 {name}-{hash}.jar,   true",
        "smoke-app-0.9.0.jar,                   smoke-app-1.0.0,               {name}-{hash}.jar,   true",
        "nightly-41.jar,                        etl-app-1.0.0,                 nightly-{build}.jar, true",
        // a different artifact that shares a prefix, a different artifact, jars without the classes
        "etl-app-utils-0.9.0.jar,               etl-app-1.0.0,                 {name}-{hash}.jar,   false",
        "etl-app-utils.jar,                     etl-app-1.0.0,                 {name}-{hash}.jar,   false",
        "etl-app-utils_2.12-0.9.0.jar,          etl-app-1.0.0,                 {name}-{hash}.jar,   false",
        "etl-app-utils-0.9.0-41.jar,            etl-app-1.0.0,                 {name}-{build}.jar,  false",
        "etl-app-utils-0.9.0-3f2a9c1e0b.jar,    etl-app-1.0.0,                 {name}-{hash}.jar,   false",
        "etl-application-0.9.0.jar,             etl-app-1.0.0,                 {name}-{hash}.jar,   false",
        "etl_app-0.9.0.jar,                     etl-app-1.0.0,                 {name}-{hash}.jar,   false",
        "etl-0.9.0.jar,                         etl-app-1.0.0,                 {name}-{hash}.jar,   false",
        "other-1.2.2-aaaaaaaaaa.jar,            etl-app-1.0.0,                 {name}-{hash}.jar,   false",
        "etl-app-0.9.0-sources.jar,             etl-app-1.0.0,                 {name}-{hash}.jar,   false",
        "etl-app-0.9.0-javadoc.jar,             etl-app-1.0.0,                 {name}-{hash}.jar,   false",
        "etl-app-0.9.0-tests.jar,               etl-app-1.0.0,                 {name}-{hash}.jar,   false",
        "etl-app-utils-0.9.0.jar,               etl-app-utils-1.0.0,           {name}-{hash}.jar,   true",
        "etl-app-0.9.0.jar,                     etl-app-utils-1.0.0,           {name}-{hash}.jar,   false",
        "etl-app.jar,                           etl-app-utils-1.0.0,           {name}.jar,          false",
    })
    void earlierVersionsAreEveryNamingOfTheSameArtifactAndNothingElse(
            String fileName, String jarBaseName, String template, boolean expected) {
        assertThat(parse(template).earlierVersions(jarBaseName).test(fileName))
                .as("%s as an earlier version of %s (template %s)", fileName, jarBaseName, template)
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "my-etl_2.12-0.9.0-SNAPSHOT, my-etl",
        "app,                        app",
        "app-1.2.3,                  app",
        "etl-app-assembly-1.0,       etl-app",
        "etl-app-utils-1.0,          etl-app-utils",
    })
    void artifactNameDropsVersionClassifierAndScalaSuffix(String baseName, String artifact) {
        assertThat(LibraryNameTemplate.artifactName(baseName)).isEqualTo(artifact);
    }

    @Test
    void unknownAndUnbalancedPlaceholdersAreErrors() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(LibraryNameTemplate.parse("{name}-{version}}/x", true, errors))
                .isNull();
        assertThat(errors)
                .extracting(FieldError::toString)
                .anySatisfy(m -> assertThat(m).contains("unknown placeholder {version}"))
                .anySatisfy(m -> assertThat(m).contains("unbalanced brace"))
                .anySatisfy(m -> assertThat(m).contains("contains '/'"));
    }
}
