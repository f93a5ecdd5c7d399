package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hc.core5.http.HttpEntity;

/** Test-side HTTP over the JDK's client (independent of the project's own client): real requests to the emulator. */
final class EmulatorHttp implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private String authorization;
    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "multipart-writer");
        t.setDaemon(true);
        return t;
    });

    EmulatorHttp(DatabricksEmulator emulator) {
        this.base = emulator.url();
        this.authorization = "Bearer " + emulator.token();
    }

    /** Sets the Authorization header (null: send none). */
    EmulatorHttp authorization(String value) {
        authorization = value;
        return this;
    }

    EmulatorHttp basic(String user, String password) {
        return authorization("Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    static String form(String... kv) {
        StringJoiner j = new StringJoiner("&");
        for (int i = 0; i < kv.length; i += 2) {
            j.add(URLEncoder.encode(kv[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return j.toString();
    }

    HttpRequest.Builder request(String endpoint) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/1.2/" + endpoint))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    Response get(String endpoint, String... kv) {
        String query = kv.length == 0 ? "" : "?" + form(kv);
        return send(request(endpoint + query).GET().build());
    }

    Response postForm(String endpoint, String... kv) {
        return send(request(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(kv)))
                .build());
    }

    Response postJson(String endpoint, Map<String, ?> body) {
        try {
            return send(request(endpoint)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Multipart with a known length, sent in one piece. */
    Response postMultipart(String endpoint, HttpEntity entity) {
        return send(multipartRequest(endpoint, entity, false, false));
    }

    /** Multipart streamed with chunked transfer encoding (unknown length), as a large upload would be. */
    Response postMultipartStreamed(String endpoint, HttpEntity entity, boolean expectContinue) {
        return send(multipartRequest(endpoint, entity, true, expectContinue));
    }

    private HttpRequest multipartRequest(String endpoint, HttpEntity entity, boolean streamed, boolean expectContinue) {
        HttpRequest.BodyPublisher body;
        if (streamed) {
            body = HttpRequest.BodyPublishers.ofInputStream(() -> pipe(entity));
        } else {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                entity.writeTo(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            body = HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray());
        }
        return request(endpoint)
                .header("Content-Type", entity.getContentType())
                .expectContinue(expectContinue)
                .POST(body)
                .build();
    }

    private InputStream pipe(HttpEntity entity) {
        try {
            PipedInputStream in = new PipedInputStream(256 * 1024);
            PipedOutputStream out = new PipedOutputStream(in);
            CompletableFuture.runAsync(
                    () -> {
                        try (out) {
                            entity.writeTo(out);
                        } catch (IOException e) {
                            // the reader went away (dropped connection): nothing more to write
                        }
                    },
                    writers);
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ REST 2.x

    /** A request to a full path such as {@code /api/2.1/clusters/list} (query included). */
    HttpRequest.Builder request2(String pathAndQuery) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    /** GET with query parameters (a name may repeat). */
    Response get2(String path, String... kv) {
        String query = kv.length == 0 ? "" : "?" + form(kv);
        return send(request2(path + query).GET().build());
    }

    Response post2(String path, Map<String, ?> body) {
        try {
            return send(request2(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response put2(String pathAndQuery, byte[] body) {
        return send(request2(pathAndQuery)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    Response putJson2(String path, Map<String, ?> body) {
        try {
            return send(request2(path)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response head2(String path) {
        return send(request2(path)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** GET of a file's bytes (binary: not decoded as text). */
    byte[] download(String path) {
        try {
            HttpResponse<byte[]> r = client.send(request2(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response delete2(String path) {
        return send(request2(path).DELETE().build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }
}
