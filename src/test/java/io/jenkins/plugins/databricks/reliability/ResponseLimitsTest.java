package io.jenkins.plugins.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.WorkspaceUrl;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hostile or broken server answers with 100 MiB. The client must fail with a clear message and read only a bounded
 * prefix: the server counts what it managed to send before the client hung up, which bounds what the client could
 * have held in memory.
 */
class ResponseLimitsTest {

    private static final long HUNDRED_MIB = 100L * 1024 * 1024;
    /** What the loopback socket buffers may hold beyond what the client read. */
    private static final long SLACK = 8L * 1024 * 1024;

    /** The shapes of a huge answer. */
    enum Huge {
        /** 200 JSON without Content-Length: an endless cluster list, read until the limit. */
        JSON_STREAMED(200, "application/json", false, "too large"),
        /** 200 JSON announcing 100 MiB: refused before reading. */
        JSON_DECLARED(200, "application/json", true, "too large"),
        /** 200 HTML page: only its beginning is read for the message. */
        HTML_PAGE(200, "text/html", false, "web page"),
        /** 500 with a huge HTML error page: only its beginning is read. */
        ERROR_PAGE(500, "text/html", false, "500");

        final int status;
        final String type;
        final boolean declared;
        final String message;

        Huge(int status, String type, boolean declared, String message) {
            this.status = status;
            this.type = type;
            this.declared = declared;
            this.message = message;
        }
    }

    private HttpServer server;
    private volatile Huge mode;
    private final AtomicLong sent = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        // a plain http test server on loopback, which the client refuses without this (WorkspaceUrl)
        System.setProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY, "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", mode.type);
            exchange.sendResponseHeaders(mode.status, mode.declared ? HUNDRED_MIB : 0);
            byte[] chunk = chunk(mode);
            try (OutputStream out = exchange.getResponseBody()) {
                if (mode == Huge.JSON_STREAMED) {
                    out.write('[');
                }
                while (sent.get() < HUNDRED_MIB) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // The client hung up: exactly what a bounded reader does.
            } finally {
                done.countDown();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        Thread closer = new Thread(() -> server.stop(0), "limits-server-closer");
        closer.setDaemon(true);
        closer.start();
    }

    private static byte[] chunk(Huge mode) {
        String unit =
                switch (mode) {
                    case JSON_STREAMED, JSON_DECLARED ->
                        "{\"id\":\"0101-000000-abcdef\",\"name\":\"cluster\",\"status\":\"Running\"},";
                    default -> "<p>" + "x".repeat(60) + "</p>";
                };
        byte[] one = unit.getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[one.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(one, 0, chunk, i * one.length, one.length);
        }
        return chunk;
    }

    @ParameterizedTest
    @EnumSource(Huge.class)
    void aHundredMebibyteAnswerFailsClearlyAfterABoundedRead(Huge huge) throws Exception {
        mode = huge;
        try (Rest12Client client = HttpTransport.builder(
                        "http://127.0.0.1:" + server.getAddress().getPort())
                .auth(Auth.bearer("dapi-limits"))
                .retryPolicy(RetryPolicy.none())
                .build(Rest12Client::new)) {
            assertThatThrownBy(client::listClusters)
                    .isInstanceOf(DatabricksApiException.class)
                    .hasMessageContaining(huge.message)
                    .hasMessageContaining("clusters/list");
        }
        assertThat(done.await(10, TimeUnit.SECONDS))
                .as("the server saw the client hang up")
                .isTrue();
        assertThat(sent.get())
                .as("bytes the server got out before the client stopped reading")
                .isLessThan(HttpTransport.DEFAULT_MAX_RESPONSE_BYTES + SLACK);
    }
}
