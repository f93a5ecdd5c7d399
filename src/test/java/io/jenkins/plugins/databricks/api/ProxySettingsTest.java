package io.jenkins.plugins.databricks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

    @Test
    void noProxyPatternsMatchWholeHostsWithWildcards() {
        ProxySettings p = new ProxySettings(
                "proxy", 8080, null, null, Arrays.asList("*.internal.example.com", " 10.* ", "", null, "LocalHost"));
        assertThat(p.bypasses("dbc.internal.example.com")).isTrue();
        assertThat(p.bypasses("DBC.Internal.Example.com")).isTrue();
        assertThat(p.bypasses("internal.example.com.evil.net")).isFalse();
        assertThat(p.bypasses("10.1.2.3")).isTrue();
        assertThat(p.bypasses("110.1.2.3")).isFalse();
        assertThat(p.bypasses("localhost")).isTrue();
        assertThat(p.bypasses("x.cloud.databricks.com")).isFalse();
        assertThat(p.noProxyHosts()).containsExactly("*.internal.example.com", "10.*", "LocalHost");
    }

    @Test
    void patternCharactersAreLiteral() {
        ProxySettings p = new ProxySettings("proxy", 8080, null, null, List.of("a.b"));
        assertThat(p.bypasses("a.b")).isTrue();
        assertThat(p.bypasses("axb")).isFalse();
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> ProxySettings.of(" ", 80)).hasMessageContaining("proxy host is empty");
        assertThatThrownBy(() -> ProxySettings.of("p", 0)).hasMessageContaining("proxy port");
    }

    @Test
    void blankUserMeansNoCredentials() {
        assertThat(new ProxySettings("p", 1, " ", null, null).hasCredentials()).isFalse();
        assertThat(ProxySettings.of("p", 1).noProxyHosts()).isEmpty();
    }
}
