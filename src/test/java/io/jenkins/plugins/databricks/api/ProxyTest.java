package io.jenkins.plugins.databricks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.databricks.api.rest12.LibraryUpload;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client through an HTTP proxy that asks for Basic credentials (407), in front of the emulator: the proxy
 * credentials are answered to the challenge, the workspace credentials reach the workspace, no-proxy patterns bypass
 * the proxy, and the proxy password never appears in an error.
 */
class ProxyTest {

    private static final String PROXY_USER = "squid";
    private static final String PROXY_PASSWORD = "pr0xy-Pa55";

    private DatabricksEmulator emulator;
    private HttpServer proxy;
    private final HttpClient forwarder =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private final List<String> requestHeaders = new CopyOnWriteArrayList<>();

    private static String scheme(String authorization) {
        return authorization == null ? null : authorization.substring(0, authorization.indexOf(' '));
    }

    @BeforeEach
    void start() throws IOException {
        emulator = DatabricksEmulator.start();
        emulator.addCluster("0101-000000-run1", "etl", ClusterState.RUNNING);
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        proxy.createContext("/", this::forward);
        proxy.start();
    }

    @AfterEach
    void stop() {
        proxy.stop(0);
        emulator.close();
    }

    /** A minimal forward proxy for plain http: absolute-URI requests, Basic proxy authentication. */
    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String expected = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));
            String given = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + (given == null ? "" : " +auth"));
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            if (!expected.equals(given)) {
                exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"test-proxy\"");
                exchange.sendResponseHeaders(407, -1);
                return;
            }
            userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            requestHeaders.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " expect="
                            + exchange.getRequestHeaders().getFirst("Expect") + " length="
                            + exchange.getRequestHeaders().getFirst("Content-Length") + " chunked="
                            + (exchange.getRequestHeaders().getFirst("Transfer-Encoding") != null) + " auth="
                            + scheme(exchange.getRequestHeaders().getFirst("Authorization")));
            HttpRequest.Builder out = HttpRequest.newBuilder(
                            URI.create(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(requestBody));
            for (String header : List.of("Authorization", "Content-Type", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    out.header(header, value);
                }
            }
            HttpResponse<byte[]> response;
            try {
                response = forwarder.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers()
                    .firstValue("Content-Type")
                    .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
        }
    }

    private Rest12Client client(ProxySettings settings) {
        return HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(RetryPolicy.none())
                .proxy(settings)
                .build(Rest12Client::new);
    }

    private int proxyPort() {
        return proxy.getAddress().getPort();
    }

    @Test
    void callsGoThroughTheProxyWhichGetsItsCredentialsOnChallenge() throws Exception {
        try (Rest12Client client =
                client(new ProxySettings("127.0.0.1", proxyPort(), PROXY_USER, PROXY_PASSWORD, List.of()))) {
            assertThat(client.listClusters()).hasSize(1);
            client.restartCluster("0101-000000-run1");
        }
        String list = "GET " + emulator.url().replaceAll("/$", "") + "/api/1.2/clusters/list";
        assertThat(seen).startsWith(list, list + " +auth").hasSizeGreaterThanOrEqualTo(3);
        assertThat(seen.get(seen.size() - 1)).startsWith("POST ").endsWith("/api/1.2/clusters/restart +auth");
        assertThat(userAgents).allMatch(ua -> ua.startsWith("databricks-deploy-jenkins/"));
        assertThat(emulator.journal().mutationCalls()).containsExactly("POST clusters/restart");
    }

    @Test
    void uploadsAskForContinueAndSendAKnownLengthWhileOtherCallsDoNot() throws Exception {
        try (Rest12Client client =
                client(new ProxySettings("127.0.0.1", proxyPort(), PROXY_USER, PROXY_PASSWORD, List.of()))) {
            client.listLibraries();
            client.uploadLibrary(LibraryUpload.jar("/libs", "a.jar", UploadSource.of("a.jar", new byte[5000])));
        }
        assertThat(requestHeaders)
                .hasSize(2)
                .anySatisfy(h -> assertThat(h)
                        .isEqualTo(
                                "GET /api/1.2/libraries/list expect=null length=null" + " chunked=false auth=Bearer"))
                .anySatisfy(h -> assertThat(h)
                        .startsWith("POST /api/1.2/libraries/upload expect=100-continue length=")
                        .endsWith(" chunked=false auth=Bearer"));
        String upload = requestHeaders.get(1);
        long length = Long.parseLong(upload.replaceAll(".* length=(\\d+) .*", "$1"));
        assertThat(length).isGreaterThan(5000).isLessThan(6000);
    }

    @Test
    void basicCredentialsAreSentPreemptively() throws Exception {
        emulator.addUser("alice", "pw");
        try (Rest12Client client = HttpTransport.builder(emulator.url())
                .auth(Auth.basic("alice", "pw"))
                .proxy(new ProxySettings("127.0.0.1", proxyPort(), PROXY_USER, PROXY_PASSWORD, List.of()))
                .build(Rest12Client::new)) {
            assertThat(client.listClusters()).hasSize(1);
        }
        assertThat(requestHeaders).singleElement().asString().endsWith("auth=Basic");
        assertThat(emulator.journal().size()).isEqualTo(1);
    }

    @Test
    void noProxyPatternsConnectDirectly() throws Exception {
        try (Rest12Client client = client(new ProxySettings(
                "127.0.0.1",
                proxyPort(),
                PROXY_USER,
                PROXY_PASSWORD,
                ProxySettings.parseNoProxyHosts("*.internal.example.com\n127.0.0.*")))) {
            assertThat(client.listClusters()).hasSize(1);
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void wrongProxyPasswordIsAClearErrorWithoutThePassword() {
        try (Rest12Client client =
                client(new ProxySettings("127.0.0.1", proxyPort(), PROXY_USER, "wrong-" + PROXY_PASSWORD, List.of()))) {
            DatabricksApiException e = catchThrowableOfType(DatabricksApiException.class, client::listClusters);
            assertThat(e.statusCode()).isEqualTo(407);
            assertThat(e.hint()).contains("proxy");
            assertThat(e.getMessage()).doesNotContain(PROXY_PASSWORD).doesNotContain(emulator.token());
        }
        assertThat(emulator.journal().size()).isZero();
    }

    @Test
    void noProxyListsSplitLikeJenkins() {
        assertThat(ProxySettings.parseNoProxyHosts(" a.com, *.b.com|c\n\td  "))
                .containsExactly("a.com", "*.b.com", "c", "d");
        assertThat(ProxySettings.parseNoProxyHosts(null)).isEmpty();
    }
}
