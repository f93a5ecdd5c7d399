package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private DatabricksEmulator emulator;
    private EmulatorHttp http;

    @BeforeEach
    void start() {
        emulator = DatabricksEmulator.start();
        emulator.addCluster("c1", "one", ClusterState.RUNNING);
        http = new EmulatorHttp(emulator);
    }

    @AfterEach
    void stop() {
        http.close();
        emulator.close();
    }

    @Test
    void bearerTokenIsAccepted() {
        assertThat(http.get("clusters/list").status()).isEqualTo(200);
    }

    @Test
    void basicWithUserTokenAndThePatIsAccepted() {
        assertThat(http.basic("token", emulator.token()).get("clusters/list").status())
                .isEqualTo(200);
    }

    @Test
    void basicWithAConfiguredUserIsAcceptedAndAWrongPasswordChallenged() {
        emulator.addUser("admin@example.com", "s3cret");

        assertThat(http.basic("admin@example.com", "s3cret")
                        .get("clusters/list")
                        .status())
                .isEqualTo(200);
        EmulatorHttp.Response wrong = http.basic("admin@example.com", "wrong").get("clusters/list");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Databricks\"");
    }

    @Test
    void noHeaderIsA401Challenge() {
        EmulatorHttp.Response r = http.authorization(null).get("clusters/list");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Databricks\"");
        assertThat(r.json().get("error_code").asInt()).isEqualTo(401);
    }

    @Test
    void badTokenIsA403JsonWithReasonPhraseHeaderByDefault() {
        EmulatorHttp.Response r = http.authorization("Bearer dapi-not-a-token").get("clusters/list");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("X-Databricks-Reason-Phrase")).isEqualTo("Invalid access token.");
        assertThat(r.json().get("error_code").asInt()).isEqualTo(403);
        assertThat(r.json().get("message").asText()).isEqualTo("Invalid access token.");
    }

    @Test
    void badTokenCanBeTheJettyHtmlPage() {
        emulator.settings().forbiddenStyle(Settings.ForbiddenStyle.HTML);

        EmulatorHttp.Response r = http.basic("token", "dapi-wrong").get("clusters/list");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.body())
                .contains("Error 403 Invalid access token.")
                .contains("HTTP ERROR 403")
                .contains("Problem accessing /api/1.2/clusters/list. Reason:");
    }

    @Test
    void expiringTheTokenMidRunTurnsItInto403AndIssuesANewOne() {
        String old = emulator.token();
        assertThat(http.get("clusters/list").status()).isEqualTo(200);

        emulator.expireToken();

        assertThat(http.get("clusters/list").status()).isEqualTo(403);
        assertThat(emulator.token()).isNotEqualTo(old).startsWith("dapi");
        assertThat(http.authorization("Bearer " + emulator.token())
                        .get("clusters/list")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void rejectedRequestsChangeNothing() {
        EmulatorHttp.Response r = http.authorization("Bearer wrong").postForm("clusters/delete", "clusterId", "c1");

        assertThat(r.status()).isEqualTo(403);
        assertThat(emulator.cluster("c1").state()).isEqualTo(ClusterState.RUNNING);
        assertThat(emulator.journal().mutations()).isEmpty();
    }

    @Test
    void pathsOutsideTheApiAnswerTheSignInPage() {
        EmulatorHttp.Response r =
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.url() + "/login.html"))
                        .GET()
                        .build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("Databricks - Sign In");
    }
}
