package io.jenkins.plugins.databricks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nothing that holds a secret prints it. */
class SecretsTest {

    private static final String TOKEN = "dapi0123456789abcdef0123456789abcdef";

    @Test
    void authToStringHidesTheSecret() {
        assertThat(Auth.bearer(TOKEN).toString()).doesNotContain(TOKEN).contains("Bearer");
        assertThat(Auth.basic("alice", "pa55word").toString())
                .doesNotContain("pa55word")
                .contains("alice");
        assertThat(Auth.basicToken(TOKEN).toString()).doesNotContain(TOKEN).contains("user=token");
    }

    @Test
    void headerValues() {
        assertThat(Auth.bearer(" " + TOKEN + " ").headerValue()).isEqualTo("Bearer " + TOKEN);
        assertThat(Auth.basic("admin", "admin").headerValue()).isEqualTo("Basic YWRtaW46YWRtaW4=");
        assertThat(Auth.basicToken(TOKEN).headerValue())
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString(("token:" + TOKEN).getBytes()));
    }

    @Test
    void redactRemovesTheSecretAndItsEncoding() {
        Auth basic = Auth.basic("alice", "pa55word");
        String encoded = basic.headerValue().substring("Basic ".length());
        assertThat(basic.redact("bad password pa55word, header " + encoded))
                .isEqualTo("bad password ****, header ****");
        assertThat(Auth.bearer(TOKEN).redact("token " + TOKEN + " is invalid")).isEqualTo("token **** is invalid");
        assertThat(Auth.bearer(TOKEN).redact(null)).isNull();
    }

    @Test
    void emptyCredentialsAreExplained() {
        assertThatThrownBy(() -> Auth.bearer(" ")).hasMessageContaining("token is empty");
        assertThatThrownBy(() -> Auth.basic("", "x")).hasMessageContaining("user is empty");
        assertThatThrownBy(() -> Auth.basic("a:b", "x")).hasMessageContaining("must not contain ':'");
    }

    @Test
    void proxyToStringHidesThePassword() {
        ProxySettings p = new ProxySettings("proxy.corp", 3128, "bob", "pr0xyPw", List.of("*.internal"));
        assertThat(p.toString()).doesNotContain("pr0xyPw").contains("bob").contains("proxy.corp");
        assertThat(p.hasCredentials()).isTrue();
    }

    @Test
    void retryPolicyAndClientToStringCarryNoSecrets() {
        try (Rest12Client client = HttpTransport.builder("https://x.cloud.databricks.com")
                .auth(Auth.bearer(TOKEN))
                .proxy(new ProxySettings("proxy.corp", 3128, "bob", "pr0xyPw", List.of()))
                .build(Rest12Client::new)) {
            assertThat(client.toString()).doesNotContain(TOKEN).doesNotContain("pr0xyPw");
        }
    }
}
