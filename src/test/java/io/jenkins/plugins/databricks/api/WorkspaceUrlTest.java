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
        "https://gateway.example.com:8443/databricks/, https://gateway.example.com:8443/databricks"
    })
    void normalises(String raw, String expected) {
        assertThat(withPlainHttp(false, () -> WorkspaceUrl.parse(raw)).toString())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:8080/, http://localhost:8080",
        "http://127.0.0.1:5000/api/1.2, http://127.0.0.1:5000",
        "http://127.1.2.3, http://127.1.2.3",
        "http://[::1]:9000, http://[::1]:9000"
    })
    void plainHttpToLoopbackOnlyWithTheSystemProperty(String raw, String expected) {
        assertThat(withPlainHttp(true, () -> WorkspaceUrl.parse(raw)).toString())
                .isEqualTo(expected);
        // Without it (a real Jenkins), a job could otherwise probe the controller's own ports.
        assertThatThrownBy(() -> withPlainHttp(false, () -> WorkspaceUrl.parse(raw)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses plain http: only https:// is allowed")
                .hasMessageContaining("-D" + WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY + "=true");
        assertThatThrownBy(() -> withPlainHttp(false, () -> WorkspaceUrl.parse(raw, true)))
                .as("the client's own switch does not bypass the property")
                .hasMessageContaining(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY);
    }

    /** Runs {@code parse} with the system property set or cleared, restoring it after (tests run one at a time). */
    static <T> T withPlainHttp(boolean allowed, java.util.function.Supplier<T> parse) {
        String before = System.getProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY);
        if (allowed) {
            System.setProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY, "true");
        } else {
            System.clearProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY);
        }
        try {
            return parse.get();
        } finally {
            if (before == null) {
                System.clearProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY);
            } else {
                System.setProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY, before);
            }
        }
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
        assertThatThrownBy(() -> withPlainHttp(true, () -> WorkspaceUrl.parse(raw)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workspace URL")
                .hasMessageContaining("use https://");
    }

    @Test
    void plainHttpToARemoteHostWhenExplicitlyAllowed() {
        WorkspaceUrl url = withPlainHttp(true, () -> WorkspaceUrl.parse("http://databricks.test:8080/", true));
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
