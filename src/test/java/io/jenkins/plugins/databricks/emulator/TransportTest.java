package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every POST accepts form, JSON and multipart bodies; Expect: 100-continue is answered. */
class TransportTest {

    private static final String CLUSTER = "c1";

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi()
            .settings(s -> s.contextStartDuration(java.time.Duration.ZERO))
            .cluster(CLUSTER, "one", ClusterState.RUNNING);

    enum Encoding {
        FORM,
        JSON,
        MULTIPART
    }

    private EmulatorHttp.Response post(Encoding encoding, String endpoint, String... kv) {
        return switch (encoding) {
            case FORM -> api.http().postForm(endpoint, kv);
            case JSON -> {
                Map<String, String> body = new LinkedHashMap<>();
                for (int i = 0; i < kv.length; i += 2) {
                    body.put(kv[i], kv[i + 1]);
                }
                yield api.http().postJson(endpoint, body);
            }
            case MULTIPART -> {
                MultipartEntityBuilder b = MultipartEntityBuilder.create();
                for (int i = 0; i < kv.length; i += 2) {
                    b.addTextBody(kv[i], kv[i + 1]);
                }
                yield api.http().postMultipart(endpoint, b.build());
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void everyPostEndpointAcceptsTheEncoding(Encoding encoding) {
        String lib = api.http()
                .postMultipart("libraries/upload", Jars.upload("a.jar", "java-jar", "/", Jars.bytes("x")))
                .json()
                .get("id")
                .asText();

        assertThat(post(encoding, "libraries/attach", "libraryId", lib, "clusterId", CLUSTER)
                        .status())
                .isEqualTo(200);
        assertThat(api.emulator().library(lib).status(CLUSTER)).isEqualTo(LibraryClusterStatus.ATTACHED);
        assertThat(post(encoding, "libraries/detach", "libraryId", lib, "clusterId", CLUSTER)
                        .status())
                .isEqualTo(200);
        assertThat(api.emulator().library(lib).status(CLUSTER)).isEqualTo(LibraryClusterStatus.DETACH_PENDING);
        assertThat(post(encoding, "libraries/delete", "libraryId", lib).status())
                .isEqualTo(200);
        assertThat(api.emulator().library(lib).deleted()).isTrue();

        String ctx = post(encoding, "contexts/create", "clusterId", CLUSTER, "language", "scala")
                .json()
                .get("id")
                .asText();
        String cmd = post(
                        encoding,
                        "commands/execute",
                        "clusterId",
                        CLUSTER,
                        "contextId",
                        ctx,
                        "language",
                        "scala",
                        "command",
                        "#emulator: hang")
                .json()
                .get("id")
                .asText();
        assertThat(api.emulator().command(cmd).text()).isEqualTo("#emulator: hang");
        assertThat(post(encoding, "commands/cancel", "clusterId", CLUSTER, "contextId", ctx, "commandId", cmd)
                        .status())
                .isEqualTo(200);
        assertThat(api.emulator().command(cmd).cancelRequested()).isTrue();
        assertThat(post(encoding, "contexts/destroy", "clusterId", CLUSTER, "contextId", ctx)
                        .status())
                .isEqualTo(200);
        assertThat(api.emulator().context(ctx).destroyed()).isTrue();

        assertThat(post(encoding, "clusters/restart", "clusterId", CLUSTER).status())
                .isEqualTo(200);
        assertThat(api.emulator().cluster(CLUSTER).restartCount()).isEqualTo(1);
        assertThat(post(encoding, "clusters/delete", "clusterId", CLUSTER).status())
                .isEqualTo(200);
        assertThat(api.emulator().cluster(CLUSTER).state()).isIn(ClusterState.TERMINATING, ClusterState.TERMINATED);

        assertThat(api.emulator().journal().mutations()).hasSize(10);
    }

    @ParameterizedTest
    @EnumSource(Settings.Acknowledgement.class)
    void acknowledgementsTakeTheChosenShape(Settings.Acknowledgement style) {
        api.emulator().settings().acknowledgement(style);

        EmulatorHttp.Response restart = api.http().postForm("clusters/restart", "clusterId", CLUSTER);

        assertThat(restart.status()).isEqualTo(200);
        assertThat(api.emulator().cluster(CLUSTER).restartCount()).isEqualTo(1);
        switch (style) {
            case ID ->
                assertThat(restart.json())
                        .isEqualTo(EmulatorHttp.JSON.createObjectNode().put("id", CLUSTER));
            case EMPTY_OBJECT -> assertThat(restart.body()).isEqualTo("{}");
            case NO_BODY -> {
                assertThat(restart.body()).isEmpty();
                assertThat(restart.header("Content-Type")).isNull();
            }
        }
    }

    @Test
    void jdkClientWithExpectContinueUploads() {
        EmulatorHttp.Response r = api.http()
                .postMultipartStreamed(
                        "libraries/upload", Jars.upload("a.jar", "java-jar", "/", new byte[300_000]), true);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(api.emulator().libraries().get(0).sizeBytes()).isEqualTo(300_000);
    }

    /**
     * The JDK's client hides the interim answer, so this speaks HTTP on a socket: the server must send {@code 100
     * Continue} before the client sends any body byte (Databricks' Jetty needed this from sbt-databricks).
     */
    @Test
    void interim100ContinueIsSentBeforeTheBody() throws Exception {
        String body = "clusterId=" + CLUSTER;
        try (Socket socket = new Socket("127.0.0.1", api.emulator().port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out.write(("POST /api/1.2/clusters/restart HTTP/1.1\r\n"
                            + "Host: 127.0.0.1\r\n"
                            + "Authorization: Bearer " + api.emulator().token() + "\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\n"
                            + "Content-Length: " + body.length() + "\r\n"
                            + "Expect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            String interimHeader;
            do {
                interimHeader = in.readLine(); // the JDK server adds "Content-Length: 0" to its 100 answer
            } while (interimHeader != null && !interimHeader.isEmpty());
            assertThat(api.emulator().cluster(CLUSTER).restartCount()).isZero();
            out.write(body.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(api.emulator().cluster(CLUSTER).restartCount()).isEqualTo(1);
    }

    @Test
    void getTakesQueryParameters() {
        EmulatorHttp.Response r = api.http().get("clusters/status", "clusterId", CLUSTER);

        assertThat(r.json().get("id").asText()).isEqualTo(CLUSTER);
        assertThat(api.emulator().journal().last().params()).isEqualTo(Map.of("clusterId", CLUSTER));
    }

    @Test
    void concurrentRequestsAreServed() throws Exception {
        List<java.util.concurrent.CompletableFuture<Integer>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> api.http().get("clusters/list").status()));
        }
        for (java.util.concurrent.CompletableFuture<Integer> c : calls) {
            assertThat(c.get()).isEqualTo(200);
        }
        assertThat(api.emulator().journal().size()).isEqualTo(20);
    }
}
