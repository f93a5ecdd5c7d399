package io.jenkins.plugins.databricks.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    private static final String TOKEN = "dapi0123456789abcdef0123456789abcdef";
    private static final String PASSWORD = "Pa\"ss/wo+rd\\x";

    @Test
    void removesEveryFormASecretTravelsIn() {
        SecretRedactor redactor = new SecretRedactor().add(TOKEN).addBasic("alice", PASSWORD);
        String base64 = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String text = "raw " + TOKEN + " url " + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + " b64 " + base64
                + " basic " + basic + " json {\"p\":\"Pa\\\"ss/wo+rd\\\\x\"} end";
        String out = redactor.redact(text);
        assertThat(out).doesNotContain(TOKEN, PASSWORD, base64, basic, "Pa\\\"ss");
        assertThat(out).startsWith("raw **** url **** b64 **** basic **** json {\"p\":\"****\"} end");
    }

    @Test
    void secretsAddedLaterAreRemovedFromTextRedactedAfterwards() {
        SecretRedactor redactor = new SecretRedactor().add(TOKEN);
        String minted = "eyJhbGciOiJSUzI1NiJ9.minted-access-token.sig";
        assertThat(redactor.redact("token " + minted)).contains(minted);
        redactor.add(minted); // what the auth layer does when it mints an access token during the deploy
        assertThat(redactor.redact("token " + minted)).isEqualTo("token ****");
    }

    @Test
    void jsonKeepsItsStructureWhateverTheSecretLooksLike() {
        String secret = "\",\"x\":\"";
        SecretRedactor redactor = new SecretRedactor().add(secret);
        String json = "{\"smoke\":[{\"output\":\"got " + secret.replace("\"", "\\\"") + " back\"}],\"n\":3}";
        assertThat(redactor.redactJson(json)).isEqualTo("{\"smoke\":[{\"output\":\"got **** back\"}],\"n\":3}");
    }

    @Test
    void blankSecretsAndNullTextAreHarmless() {
        SecretRedactor redactor =
                new SecretRedactor().add("").add("   ").add(null).addBasic("u", null);
        assertThat(redactor.redact("nothing to hide")).isEqualTo("nothing to hide");
        assertThat(redactor.redact(null)).isNull();
        assertThat(redactor.toString()).doesNotContain("hide");
    }
}
