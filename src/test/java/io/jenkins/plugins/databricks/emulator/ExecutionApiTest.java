package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExecutionApiTest {

    private static final String CLUSTER = "0101-000000-run";
    private static final String STOPPED = "0101-000000-off";

    private final ManualClock clock = new ManualClock();

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi()
            .settings(s -> s.clock(clock))
            .cluster(CLUSTER, "shared", ClusterState.RUNNING)
            .cluster(STOPPED, "idle", ClusterState.TERMINATED);

    private String runningContext() {
        EmulatorHttp.Response created =
                api.http().postJson("contexts/create", Map.of("clusterId", CLUSTER, "language", "scala"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();
        clock.advance(api.emulator().settings().contextStartDuration());
        return id;
    }

    private JsonNode commandStatus(String contextId, String commandId) {
        EmulatorHttp.Response r =
                api.http().get("commands/status", "clusterId", CLUSTER, "contextId", contextId, "commandId", commandId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private EmulatorHttp.Response postExecute(String contextId, String command) {
        return api.http()
                .postForm(
                        "commands/execute",
                        "clusterId",
                        CLUSTER,
                        "contextId",
                        contextId,
                        "language",
                        "scala",
                        "command",
                        command);
    }

    private String execute(String contextId, String command) {
        EmulatorHttp.Response r = postExecute(contextId, command);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    /** Steps the emulator's clock far enough for any default-length command to finish. */
    private void runToEnd() {
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void contextGoesPendingThenRunningAndHasANineteenDigitId() {
        EmulatorHttp.Response created =
                api.http().postForm("contexts/create", "clusterId", CLUSTER, "language", "python");
        String id = created.json().get("id").asText();

        assertThat(created.json().get("id").isTextual()).isTrue();
        assertThat(id).hasSize(19).containsOnlyDigits();
        assertThat(api.http()
                        .get("contexts/status", "clusterId", CLUSTER, "contextId", id)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("Pending");
        clock.advance(api.emulator().settings().contextStartDuration());
        JsonNode status = api.http()
                .get("contexts/status", "clusterId", CLUSTER, "contextId", id)
                .json();
        assertThat(status.get("id").asText()).isEqualTo(id);
        assertThat(status.get("status").asText()).isEqualTo("Running");
    }

    @Test
    void contextOnAStoppedClusterIsClusterNotReady() {
        EmulatorHttp.Response r = api.http().postForm("contexts/create", "clusterId", STOPPED, "language", "scala");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("error").asText()).startsWith("ClusterNotReadyException: ");
        assertThat(api.emulator().contexts()).isEmpty();
    }

    @Test
    void contextsCanBeMadeToFail() {
        api.emulator().settings().contextsFail(true);
        String id = api.http()
                .postForm("contexts/create", "clusterId", CLUSTER, "language", "scala")
                .json()
                .get("id")
                .asText();
        clock.advance(api.emulator().settings().contextStartDuration());

        assertThat(api.emulator().context(id).status()).isEqualTo(ContextStatus.ERROR);
    }

    @Test
    void destroyRemovesTheContext() {
        String ctx = runningContext();

        EmulatorHttp.Response r =
                api.http().postJson("contexts/destroy", Map.of("clusterId", CLUSTER, "contextId", ctx));

        assertThat(r.json().get("id").asText()).isEqualTo(ctx);
        assertThat(api.emulator().context(ctx).destroyed()).isTrue();
        assertThat(api.http()
                        .get("contexts/status", "clusterId", CLUSTER, "contextId", ctx)
                        .status())
                .isEqualTo(500);
    }

    @Test
    void commandWithoutDirectivesIsQueuedThenRunningWithoutResultsThenFinishedWithItsText() {
        api.emulator()
                .settings()
                .commandQueuedDuration(Duration.ofSeconds(1))
                .commandRunDuration(Duration.ofSeconds(1));
        String ctx = runningContext();
        String cmd = execute(ctx, "println(1 + 1)");

        JsonNode queued = commandStatus(ctx, cmd);
        assertThat(queued.get("status").asText()).isEqualTo("Queued");
        assertThat(queued.has("results")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        JsonNode running = commandStatus(ctx, cmd);
        assertThat(running.get("status").asText()).isEqualTo("Running");
        assertThat(running.has("results")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        JsonNode finished = commandStatus(ctx, cmd);
        assertThat(finished.get("id").asText()).isEqualTo(cmd);
        assertThat(finished.get("status").asText()).isEqualTo("Finished");
        assertThat(finished.get("results").get("resultType").asText()).isEqualTo("text");
        assertThat(finished.get("results").get("data").asText()).isEqualTo("println(1 + 1)");
    }

    @Test
    void printDirectiveGivesTheTextAndDurationDirectiveTheRunTime() {
        String ctx = runningContext();
        String cmd = execute(ctx, "# emulator: print=hello\n#emulator: print=world\n// emulator: duration=5s\nx");

        clock.advance(api.emulator().settings().commandQueuedDuration().plusSeconds(4));
        assertThat(commandStatus(ctx, cmd).get("status").asText()).isEqualTo("Running");
        clock.advance(Duration.ofSeconds(1));
        JsonNode done = commandStatus(ctx, cmd);
        assertThat(done.get("status").asText()).isEqualTo("Finished");
        assertThat(done.get("results").get("data").asText()).isEqualTo("hello\nworld");
    }

    @Test
    void errorDirectiveIsFinishedWithAnErrorResultInTheRealShapes() {
        String ctx = runningContext();
        String cmd = execute(ctx, "#emulator: error=NameError: name 'x' is not defined");
        runToEnd();

        JsonNode done = commandStatus(ctx, cmd);
        assertThat(done.get("status").asText()).isEqualTo("Finished");
        JsonNode results = done.get("results");
        assertThat(results.get("resultType").asText()).isEqualTo("error");
        assertThat(results.get("summary").asText())
                .contains("<span")
                .contains("NameError")
                .contains("&#39;x&#39;");
        assertThat(results.get("cause").asText()).contains("\u001b[0;31m").contains("name 'x' is not defined");
    }

    @Test
    void platformErrorIsStatusError() {
        String ctx = runningContext();
        String cmd = execute(ctx, "-- emulator: platform-error=driver lost");
        runToEnd();

        JsonNode done = commandStatus(ctx, cmd);
        assertThat(done.get("status").asText()).isEqualTo("Error");
        assertThat(done.get("results").get("cause").asText()).contains("driver lost");
    }

    @Test
    void tableImageAndImagesResults() {
        String ctx = runningContext();
        String table = execute(ctx, "#emulator: table=truncated");
        String image = execute(ctx, "#emulator: image");
        String images = execute(ctx, "#emulator: images");
        runToEnd();

        JsonNode t = commandStatus(ctx, table).get("results");
        assertThat(t.get("resultType").asText()).isEqualTo("table");
        assertThat(t.get("data")).hasSize(2);
        assertThat(t.get("data").get(0).get(1).asText()).isEqualTo("alpha");
        assertThat(t.get("schema").get(0).get("name").asText()).isEqualTo("id");
        assertThat(t.get("truncated").asBoolean()).isTrue();
        JsonNode i = commandStatus(ctx, image).get("results");
        assertThat(i.get("resultType").asText()).isEqualTo("image");
        assertThat(i.get("fileName").asText()).startsWith("/plots/").endsWith(".png");
        assertThat(commandStatus(ctx, images).get("results").get("fileNames")).hasSize(2);
    }

    @Test
    void unknownDirectiveFailsLoudly() {
        String ctx = runningContext();
        String cmd = execute(ctx, "#emulator: explode");
        runToEnd();

        assertThat(commandStatus(ctx, cmd).get("results").get("summary").asText())
                .contains("EmulatorDirectiveException")
                .contains("explode");
    }

    @Test
    void hangingCommandRunsUntilCancelledThenIsCancelled() {
        String ctx = runningContext();
        String cmd = execute(ctx, "#emulator: hang");
        clock.advance(Duration.ofHours(1));
        assertThat(commandStatus(ctx, cmd).get("status").asText()).isEqualTo("Running");

        EmulatorHttp.Response cancel = api.http()
                .postJson("commands/cancel", Map.of("clusterId", CLUSTER, "contextId", ctx, "commandId", cmd));

        assertThat(cancel.json().get("id").asText()).isEqualTo(cmd);
        assertThat(commandStatus(ctx, cmd).get("status").asText()).isEqualTo("Cancelling");
        clock.advance(api.emulator().settings().cancelDuration());
        JsonNode done = commandStatus(ctx, cmd);
        assertThat(done.get("status").asText()).isEqualTo("Cancelled");
        assertThat(done.has("results")).isFalse();
    }

    @Test
    void cancelCanEndAsFinishedWithAnErrorResult() {
        api.emulator().settings().cancelOutcome(Settings.CancelOutcome.FINISHED_WITH_ERROR);
        String ctx = runningContext();
        String cmd = execute(ctx, "#emulator: hang");
        api.http().postForm("commands/cancel", "clusterId", CLUSTER, "contextId", ctx, "commandId", cmd);
        runToEnd();

        JsonNode done = commandStatus(ctx, cmd);
        assertThat(done.get("status").asText()).isEqualTo("Finished");
        assertThat(done.get("results").get("resultType").asText()).isEqualTo("error");
        assertThat(api.emulator().command(cmd).cancelRequested()).isTrue();
    }

    @Test
    void commandAsAMultipartFilePartNamedCommand() {
        String ctx = runningContext();
        EmulatorHttp.Response r = api.http()
                .postMultipart(
                        "commands/execute",
                        MultipartEntityBuilder.create()
                                .addTextBody("clusterId", CLUSTER)
                                .addTextBody("contextId", ctx)
                                .addTextBody("language", "scala")
                                .addBinaryBody(
                                        "command",
                                        "#emulator: print=from a file".getBytes(StandardCharsets.UTF_8),
                                        ContentType.APPLICATION_OCTET_STREAM,
                                        "smoke.scala")
                                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String cmd = r.json().get("id").asText();
        runToEnd();

        assertThat(commandStatus(ctx, cmd).get("results").get("data").asText()).isEqualTo("from a file");
        assertThat(api.emulator()
                        .journal()
                        .forEndpoint("commands/execute")
                        .get(0)
                        .parts())
                .extracting(JournalEntry.Part::name)
                .containsExactly("clusterId", "contextId", "language", "command");
    }

    @Test
    void commandInAContextThatIsNotRunningIsRefused() {
        String ctx = api.http()
                .postForm("contexts/create", "clusterId", CLUSTER, "language", "scala")
                .json()
                .get("id")
                .asText();

        EmulatorHttp.Response r = postExecute(ctx, "1");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("error").asText()).startsWith("ContextNotReadyException");
    }

    @Test
    void restartingTheClusterFailsItsContextsAndRunningCommands() {
        String ctx = runningContext();
        String cmd = execute(ctx, "#emulator: hang");

        api.http().postForm("clusters/restart", "clusterId", CLUSTER);

        assertThat(api.emulator().context(ctx).status()).isEqualTo(ContextStatus.ERROR);
        assertThat(api.emulator().command(cmd).status()).isEqualTo(CommandStatus.ERROR);
    }
}
