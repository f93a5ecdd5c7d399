package io.jenkins.plugins.databricks.api.rest2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilesPathTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/Volumes/main/ci/libs/app-1.2.3.jar | /Volumes/main/ci/libs/app-1.2.3.jar",
                "/Volumes/main/ci/libs/ | /Volumes/main/ci/libs",
                "'/Volumes/c/s/v/my app.jar' | /Volumes/c/s/v/my%20app.jar",
                "/Volumes/c/s/v/a#b?c%d+e | /Volumes/c/s/v/a%23b%3Fc%25d%2Be",
                "/Volumes/c/s/v/ünï~_.jar | /Volumes/c/s/v/%C3%BCn%C3%AF~_.jar",
                "/Volumes/c/s/v/a;b=c&d | /Volumes/c/s/v/a%3Bb%3Dc%26d",
                "/ | /"
            })
    void segmentsArePercentEncodedAndSlashesKept(String path, String expected) {
        assertThat(FilesPath.encode(path, "file path")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "  ", "Volumes/c/s/v/a.jar", "/Volumes//c", "/Volumes/c/../etc", "/Volumes/./c", "/a\nb"})
    void unusablePathsAreRefusedNamingTheField(String path) {
        assertThatThrownBy(() -> FilesPath.encode(path, "file path"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file path");
    }
}
