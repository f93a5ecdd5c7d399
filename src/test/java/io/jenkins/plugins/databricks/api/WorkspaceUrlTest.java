package io.jenkins.plugins.databricks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspaceUrlTest {

    @ParameterizedTest
    @CsvSource({
        "https://dbc-1.cloud.databricks.com, https://dbc-1.cloud.databricks.com",
        "https://dbc-1.cloud.databricks.com/, https://dbc-1.cloud.databricks.com",
        "https://dbc-1.cloud.databricks.com//, https://dbc-1.cloud.databricks.com",
        "dbc-1.cloud.databricks.com, https://dbc-1.cloud.databricks.com",
        "  dbc-1.cloud.databricks.com/  , https://dbc-1.cloud.databricks.com",
        "https://adb-12.3.azuredatabricks.net/api/2.0, https://adb-12.3.azuredatabricks.net",
        "https://adb-12.3.azuredatabricks.net/api/1.2/, https://adb-12.3.azuredatabricks.net",
        "https://adb-12.3.azuredatabricks.net/api, https://adb-12.3.azuredatabricks.net",
        "https://adb-12.3.azuredatabricks.net/API/2.1/, https://adb-12.3.azuredatabricks.net",
        "HTTPS://Dbc-1.Cloud.Databricks.com, https://dbc-1.cloud.databricks.com",
        "https://gateway.example.com:8443/databricks/, https://gateway.example.com:8443/databricks",
        "http://localhost:8080/, http://localhost:8080",
        "http://127.0.0.1:5000/api/1.2, http://127.0.0.1:5000",
        "http://127.1.2.3, http://127.1.2.3",
        "http://[::1]:9000, http://[::1]:9000"
    })
    void normalises(String raw, String expected) {
        assertThat(WorkspaceUrl.parse(raw).toString()).isEqualTo(expected);
    }

    @Test
    void apiPathsAreBuiltOnTheNormalisedBase() {
        assertThat(WorkspaceUrl.parse("https://x.cloud.databricks.com/api/2.0/")
                        .resolve("/api/1.2/clusters/list")
                        .toString())
                .isEqualTo("https://x.cloud.databricks.com/api/1.2/clusters/list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://dbc-1.cloud.databricks.com", "http://10.0.0.1:8080", "http://128.0.0.1"})
    void refusesPlainHttpToARemoteHost(String raw) {
        assertThatThrownBy(() -> WorkspaceUrl.parse(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workspace URL")
                .hasMessageContaining("use https://");
    }

    @Test
    void plainHttpToARemoteHostWhenExplicitlyAllowed() {
        WorkspaceUrl url = WorkspaceUrl.parse("http://databricks.test:8080/", true);
        assertThat(url.toString()).isEqualTo("http://databricks.test:8080");
        assertThat(url.insecure()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyNamesTheField(String raw) {
        assertThatThrownBy(() -> WorkspaceUrl.parse(raw))
                .hasMessageContaining("workspace URL")
                .hasMessageContaining("is empty");
    }

    @Test
    void nullNamesTheField() {
        assertThatThrownBy(() -> WorkspaceUrl.parse(null)).hasMessageContaining("workspace URL is empty");
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> WorkspaceUrl.parse("ftp://x.example.com"))
                .hasMessageContaining("workspace URL")
                .hasMessageContaining("scheme 'ftp'");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> WorkspaceUrl.parse("https://me:s3cret@x.example.com"))
                .hasMessageContaining("workspace URL")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void queryIsRefused() {
        assertThatThrownBy(() -> WorkspaceUrl.parse("https://x.example.com/?o=123"))
                .hasMessageContaining("workspace URL")
                .hasMessageContaining("query");
    }

    @Test
    void garbageIsExplained() {
        assertThatThrownBy(() -> WorkspaceUrl.parse("https://exa mple.com"))
                .hasMessageContaining("workspace URL")
                .hasMessageContaining("https://<workspace host>");
    }

    @Test
    void aPasswordInAnInvalidUrlIsMaskedInTheMessage() {
        assertThatThrownBy(() -> WorkspaceUrl.parse("https://me:s3cret@exa mple.com"))
                .hasMessageContaining("workspace URL")
                .hasMessageNotContaining("s3cret");
    }
}
