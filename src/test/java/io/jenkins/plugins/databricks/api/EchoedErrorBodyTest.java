package io.jenkins.plugins.databricks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that answers an error with a huge body echoing the token, as JSON, as a web page and as plain text: the
 * message that reaches the build log is bounded (one line of at most about a thousand characters of the server's
 * text) and holds no credential.
 */
class EchoedErrorBodyTest {

    private static final String TOKEN = "dapiECHOED0123456789abcdef0123456789";

    @Test
    void errorBodiesInMessagesAreBoundedAndRedacted() throws Exception {
        String filler = "lorem ipsum ".repeat(20_000);
        List<String> bodies = List.of(
                "{\"error_code\":\"INTERNAL\",\"message\":\"Bearer " + TOKEN + " " + filler + TOKEN + "\"}",
                "<html><head><title>Error 500 " + TOKEN + "</title></head><body>" + filler + TOKEN + "</body></html>",
                TOKEN + " " + filler + TOKEN);
        for (String body : bodies) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders()
                        .add("Content-Type", body.startsWith("<html") ? "text/html" : "application/json");
                exchange.sendResponseHeaders(500, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            String before = System.getProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY);
            System.setProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY, "true");
            try (Rest12Client client = HttpTransport.builder(
                            "http://127.0.0.1:" + server.getAddress().getPort())
                    .auth(Auth.bearer(TOKEN))
                    .retryPolicy(RetryPolicy.none())
                    .build(Rest12Client::new)) {
                assertThatThrownBy(client::listClusters)
                        .isInstanceOf(DatabricksApiException.class)
                        .satisfies(e -> {
                            assertThat(e.getMessage()).hasSizeLessThan(1400).doesNotContain(TOKEN);
                            assertThat(e.getMessage()).contains("HTTP 500").doesNotContain("\n");
                        });
            } finally {
                server.stop(0);
                if (before == null) {
                    System.clearProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY);
                } else {
                    System.setProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY, before);
                }
            }
        }
    }
}
