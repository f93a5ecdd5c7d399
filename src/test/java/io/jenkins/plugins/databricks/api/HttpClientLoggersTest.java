package io.jenkins.plugins.databricks.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * An administrator turns HttpClient's own header and wire loggers up to the finest level (as Manage Jenkins → System
 * Log does: a level on the logger, a handler that records) and the client makes calls with a token and with a
 * password: not one recorded line holds a credential. SLF4J reaches {@code java.util.logging} through slf4j-jdk14, as
 * in the Jenkins war.
 */
class HttpClientLoggersTest {

    private static final String PASSWORD = "Heron-L0gged/Pw+7";

    @Test
    void headerAndWireLoggersNeverPrintACredential() throws Exception {
        List<String> recorded = new ArrayList<>();
        SimpleFormatter formatter = new SimpleFormatter();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (recorded) {
                    recorded.add(record.getLoggerName() + " " + formatter.formatMessage(record));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        recorder.setLevel(Level.ALL);
        List<Logger> loggers = List.of(
                Logger.getLogger("org.apache.hc.client5.http.headers"),
                Logger.getLogger("org.apache.hc.client5.http.wire"));
        List<Level> before = new ArrayList<>();
        for (Logger logger : loggers) {
            before.add(logger.getLevel());
            logger.setLevel(Level.FINEST);
            logger.addHandler(recorder);
        }
        try (DatabricksEmulator emulator = DatabricksEmulator.start()) {
            emulator.addUser("deployer", PASSWORD);
            String token = emulator.token();
            for (Auth auth : List.of(Auth.bearer(token), Auth.basic("deployer", PASSWORD), Auth.basicToken(token))) {
                try (Rest12Client client =
                        HttpTransport.builder(emulator.url()).auth(auth).build(Rest12Client::new)) {
                    client.listClusters();
                }
            }
            String all = String.join("\n", recorded);
            assertThat(all)
                    .as("the header logger was on: it recorded the request lines")
                    .contains("GET /api/1.2/clusters/list")
                    .contains("User-Agent:")
                    .contains("Authorization: ****");
            for (String secret : List.of(
                    token,
                    PASSWORD,
                    b64(token),
                    b64("deployer:" + PASSWORD),
                    b64("token:" + token),
                    token.substring(0, 12))) {
                assertThat(all).as("a credential in HttpClient's own logs").doesNotContain(secret);
            }
            assertThat(recorded)
                    .as("the wire logger is pinned at INFO")
                    .noneMatch(line -> line.startsWith("org.apache.hc.client5.http.wire"));
        } finally {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).removeHandler(recorder);
                loggers.get(i).setLevel(before.get(i));
            }
        }
    }

    @Test
    void onlyTheValueOfASecretHeaderIsMasked() {
        assertThat(HttpClientLogGuard.maskHeaders("http-outgoing-3 >> Authorization: Bearer dapiXYZ"))
                .isEqualTo("http-outgoing-3 >> Authorization: ****");
        assertThat(HttpClientLogGuard.maskHeaders("http-outgoing-3 >> proxy-authorization: Basic eHk6enk="))
                .isEqualTo("http-outgoing-3 >> proxy-authorization: ****");
        assertThat(HttpClientLogGuard.maskHeaders("http-outgoing-3 << Set-Cookie: session=abc; Path=/"))
                .isEqualTo("http-outgoing-3 << Set-Cookie: ****");
        assertThat(HttpClientLogGuard.maskHeaders("http-outgoing-3 >> Accept: application/json"))
                .isEqualTo("http-outgoing-3 >> Accept: application/json");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
