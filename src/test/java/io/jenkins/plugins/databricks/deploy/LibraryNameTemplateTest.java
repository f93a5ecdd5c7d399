package io.jenkins.plugins.databricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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

    @Test
    void earlierVersionsMatchOtherVersionsOfTheSameArtifactOnly() {
        Pattern old = parse(null).earlierVersions("app-1.2.3");
        assertThat(old.matcher("app-1.2.2-aaaaaaaaaa.jar").matches()).isTrue();
        assertThat(old.matcher("app-2.0.0-SNAPSHOT-0123456789.jar").matches()).isTrue();
        assertThat(old.matcher("app-0123456789.jar").matches()).isTrue();
        assertThat(old.matcher("app-common-1.0-0123456789.jar").matches()).isFalse();
        assertThat(old.matcher("other-1.2.2-aaaaaaaaaa.jar").matches()).isFalse();
        assertThat(old.matcher("app-1.2.2.jar").matches()).isFalse();
    }

    @Test
    void artifactNameDropsTheVersion() {
        assertThat(LibraryNameTemplate.artifactName("my-etl_2.12-0.9.0-SNAPSHOT"))
                .isEqualTo("my-etl_2.12");
        assertThat(LibraryNameTemplate.artifactName("app")).isEqualTo("app");
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
