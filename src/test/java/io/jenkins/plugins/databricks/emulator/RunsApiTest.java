package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runs endpoints' wire shapes and their refusals, with raw HTTP (the typed client validates before sending). */
class RunsApiTest {

    private static final String CLUSTER = "0101-000000-run";

    private final ManualClock clock = new ManualClock();

    @RegisterExtension
    final EmulatorApi api =
            new EmulatorApi().settings(s -> s.clock(clock)).cluster(CLUSTER, "shared", ClusterState.RUNNING);

    private EmulatorHttp.Response call(String method, String path, Map<String, ?> body, boolean authorized) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(api.emulator().url() + path)).timeout(Duration.ofSeconds(30));
        if (authorized) {
            b.header("Authorization", "Bearer " + api.emulator().token());
        }
        try {
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(
                                method,
                                HttpRequest.BodyPublishers.ofString(EmulatorHttp.JSON.writeValueAsString(body)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return api.http().send(b.build());
    }

    private EmulatorHttp.Response submit(Map<String, ?> body) {
        return call("POST", "/api/2.2/jobs/runs/submit", body, true);
    }

    private static Map<String, Object> jarTask(String mainClass, List<String> jars) {
        return Map.of(
                "task_key",
                "smoke",
                "existing_cluster_id",
                CLUSTER,
                "spark_jar_task",
                Map.of("main_class_name", mainClass, "parameters", List.of()),
                "libraries",
                jars.stream().map(j -> Map.of("jar", j)).toList());
    }

    private String uploadJar(byte[] bytes) {
        EmulatorHttp.Response r =
                api.http().postMultipart("libraries/upload", Jars.upload("app", "java-jar", "/libs", bytes));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    private static void assertInvalid(EmulatorHttp.Response r, String messagePart) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(r.json().get("message").asText()).contains(messagePart);
    }

    @Test
    void anUploadedJarKeepsItsClassNamesAndItsDigestIsOfEveryByte() throws Exception {
        byte[] bytes = JarBytes.withClasses("com.acme.Smoke", "com.acme.Outer$Inner");
        EmulatedLibrary lib = api.emulator().library(uploadJar(bytes));

        assertThat(lib.containsClass("com.acme.Smoke")).isTrue();
        assertThat(lib.containsClass("com.acme.Outer$Inner")).isTrue();
        assertThat(lib.containsClass("com.acme.Other")).isFalse();
        assertThat(lib.sizeBytes()).isEqualTo(bytes.length);
        assertThat(lib.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void bytesThatOnlyLookLikeAJarHoldNoClassesAndAreStillDigestedWhole() throws Exception {
        byte[] bytes = "PK\3\4 a zip header, then garbage".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        EmulatedLibrary lib = api.emulator().library(uploadJar(bytes));
        assertThat(lib.containsClass("com.acme.Smoke")).isFalse();
        assertThat(lib.sizeBytes()).isEqualTo(bytes.length);
        assertThat(lib.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void submitAnswersTheRunIdAndGetAnswersBothStateShapes() {
        EmulatedLibrary lib = api.emulator().library(uploadJar(JarBytes.withClasses("com.acme.Smoke")));
        String jar = "dbfs:/FileStore/jars/" + lib.fileName();
        EmulatorHttp.Response submitted =
                submit(Map.of("run_name", "smoke", "tasks", List.of(jarTask("com.acme.Smoke", List.of(jar)))));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.json().fieldNames()).toIterable().containsExactly("run_id");
        long runId = submitted.json().get("run_id").asLong();

        JsonNode pending = call("GET", "/api/2.1/jobs/runs/get?run_id=" + runId, null, true)
                .json();
        assertThat(pending.at("/status/state").asText()).isEqualTo("PENDING");
        assertThat(pending.at("/state/life_cycle_state").asText()).isEqualTo("PENDING");
        assertThat(pending.has("status") && pending.get("status").has("termination_details"))
                .isFalse();
        assertThat(pending.at("/state/result_state").isMissingNode()).isTrue();
        assertThat(pending.at("/tasks/0/run_id").asLong()).isNotEqualTo(runId);
        assertThat(pending.get("run_type").asText()).isEqualTo("SUBMIT_RUN");

        clock.advance(Duration.ofSeconds(5));
        JsonNode done = call("GET", "/api/2.2/jobs/runs/get?run_id=" + runId, null, true)
                .json();
        assertThat(done.at("/status/state").asText()).isEqualTo("TERMINATED");
        assertThat(done.at("/status/termination_details/code").asText()).isEqualTo("SUCCESS");
        assertThat(done.at("/status/termination_details/type").asText()).isEqualTo("SUCCESS");
        assertThat(done.at("/state/result_state").asText()).isEqualTo("SUCCESS");
        assertThat(done.get("end_time").asLong())
                .isGreaterThan(done.get("start_time").asLong());
    }

    @Test
    void badSubmissionsAreRefusedNamingTheField() {
        assertInvalid(
                submit(Map.of("idempotency_token", "x".repeat(65), "tasks", List.of(jarTask("a.B", List.of())))),
                "idempotency_token");
        assertInvalid(submit(Map.of("run_name", "no tasks")), "tasks");
        assertInvalid(
                submit(Map.of("tasks", List.of(Map.of("task_key", "t", "new_cluster", Map.of())))),
                "existing_cluster_id");
        assertInvalid(
                submit(Map.of("tasks", List.of(Map.of("task_key", "t", "existing_cluster_id", CLUSTER)))),
                "spark_jar_task");
        assertInvalid(
                submit(Map.of(
                        "tasks",
                        List.of(Map.of(
                                "task_key",
                                "t",
                                "existing_cluster_id",
                                CLUSTER,
                                "spark_jar_task",
                                Map.of("main_class_name", "a.B"),
                                "libraries",
                                List.of(Map.of("maven", Map.of("coordinates", "g:a:1"))))))),
                "jar libraries only");
        assertInvalid(submit(Map.of("timeout_seconds", -1, "tasks", List.of(jarTask("a.B", List.of())))), "timeout");
        assertThat(api.emulator().jobs().runs()).isEmpty();
        assertThat(api.emulator().journal().mutations()).isEmpty();
    }

    @Test
    void wrongMethodsUnknownEndpointsAndMissingCredentialsAreRefused() {
        EmulatorHttp.Response wrongMethod = call("GET", "/api/2.2/jobs/runs/submit", null, true);
        assertThat(wrongMethod.status()).isEqualTo(405);
        EmulatorHttp.Response unknown = call("GET", "/api/2.2/jobs/runs/list-everything", null, true);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error_code").asText()).isEqualTo("ENDPOINT_NOT_FOUND");
        assertInvalid(call("GET", "/api/2.2/jobs/runs/get?run_id=abc", null, true), "run_id");
        EmulatorHttp.Response anonymous = call("GET", "/api/2.2/jobs/runs/get?run_id=1", null, false);
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
