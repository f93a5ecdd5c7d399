package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthenticationTest {

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi().cluster("c1", "one", ClusterState.RUNNING);

    @Test
    void bearerTokenIsAccepted() {
        assertThat(api.http().get("clusters/list").status()).isEqualTo(200);
    }

    @Test
    void basicWithUserTokenAndThePatIsAccepted() {
        assertThat(api.http()
                        .basic("token", api.emulator().token())
                        .get("clusters/list")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void basicWithAConfiguredUserIsAcceptedAndAWrongPasswordChallenged() {
        api.emulator().addUser("admin@example.com", "s3cret");

        assertThat(api.http()
                        .basic("admin@example.com", "s3cret")
                        .get("clusters/list")
                        .status())
                .isEqualTo(200);
        EmulatorHttp.Response wrong =
                api.http().basic("admin@example.com", "wrong").get("clusters/list");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Databricks\"");
    }

    @Test
    void noHeaderIsA401Challenge() {
        EmulatorHttp.Response r = api.http().authorization(null).get("clusters/list");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Databricks\"");
        assertThat(r.json().get("error_code").asInt()).isEqualTo(401);
    }

    @Test
    void badTokenIsA403JsonWithReasonPhraseHeaderByDefault() {
        EmulatorHttp.Response r =
                api.http().authorization("Bearer dapi-not-a-token").get("clusters/list");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("X-Databricks-Reason-Phrase")).isEqualTo("Invalid access token.");
        assertThat(r.json().get("error_code").asInt()).isEqualTo(403);
        assertThat(r.json().get("message").asText()).isEqualTo("Invalid access token.");
    }

    @Test
    void badTokenCanBeTheJettyHtmlPage() {
        api.emulator().settings().forbiddenStyle(Settings.ForbiddenStyle.HTML);

        EmulatorHttp.Response r = api.http().basic("token", "dapi-wrong").get("clusters/list");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.body())
                .contains("Error 403 Invalid access token.")
                .contains("HTTP ERROR 403")
                .contains("Problem accessing /api/1.2/clusters/list. Reason:");
    }

    @Test
    void expiringTheTokenMidRunTurnsItInto403AndIssuesANewOne() {
        String old = api.emulator().token();
        assertThat(api.http().get("clusters/list").status()).isEqualTo(200);

        api.emulator().expireToken();

        assertThat(api.http().get("clusters/list").status()).isEqualTo(403);
        assertThat(api.emulator().token()).isNotEqualTo(old).startsWith("dapi");
        assertThat(api.http()
                        .authorization("Bearer " + api.emulator().token())
                        .get("clusters/list")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void rejectedRequestsChangeNothing() {
        EmulatorHttp.Response r =
                api.http().authorization("Bearer wrong").postForm("clusters/delete", "clusterId", "c1");

        assertThat(r.status()).isEqualTo(403);
        assertThat(api.emulator().cluster("c1").state()).isEqualTo(ClusterState.RUNNING);
        assertThat(api.emulator().journal().mutations()).isEmpty();
    }

    @Test
    void pathsOutsideTheApiAnswerTheSignInPage() {
        EmulatorHttp.Response r = api.http()
                .send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(api.emulator().url() + "/login.html"))
                        .GET()
                        .build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("Databricks - Sign In");
    }
}
