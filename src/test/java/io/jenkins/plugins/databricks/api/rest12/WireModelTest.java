package io.jenkins.plugins.databricks.api.rest12;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.UploadSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wire model as Jackson reads it with the client's mapper: tolerant of new fields and new status words. */
class WireModelTest {

    private static <T> T read(String json, Class<T> type) throws Exception {
        return HttpTransport.MAPPER.readValue(json, type);
    }

    @ParameterizedTest
    @CsvSource({
        "Pending, PENDING",
        "Running, RUNNING",
        "Reconfiguring, RECONFIGURING",
        "Terminating, TERMINATING",
        "Terminated, TERMINATED",
        "Error, ERROR",
        "RUNNING, RUNNING",
        "Resizing, UNKNOWN",
        "'', UNKNOWN"
    })
    void clusterStatuses(String wire, ClusterStatus expected) throws Exception {
        assertThat(read("{\"id\":\"c\",\"status\":\"" + wire + "\"}", Cluster.class)
                        .status())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Pending, PENDING", "Running, RUNNING", "Error, ERROR", "CONTEXT_RUNNING, RUNNING", "Gone, UNKNOWN"})
    void contextStatuses(String wire, ContextStatus expected) {
        assertThat(ContextStatus.fromWire(wire)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "Queued, QUEUED, false",
        "Running, RUNNING, false",
        "Cancelling, CANCELLING, false",
        "Finished, FINISHED, true",
        "Cancelled, CANCELLED, true",
        "Error, ERROR, true",
        "COMMAND_FINISHED, FINISHED, true",
        "Paused, UNKNOWN, false"
    })
    void commandStatuses(String wire, CommandStatus expected, boolean terminal) {
        assertThat(CommandStatus.fromWire(wire)).isEqualTo(expected);
        assertThat(expected.isTerminal()).isEqualTo(terminal);
    }

    @ParameterizedTest
    @CsvSource({"text, TEXT", "table, TABLE", "error, ERROR", "image, IMAGE", "images, IMAGES", "html, UNKNOWN"})
    void resultTypes(String wire, ResultType expected) {
        assertThat(ResultType.fromWire(wire)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Attached, ATTACHED", "Detached, DETACHED", "DeletedPendingRestart, UNKNOWN"})
    void libraryStatuses(String wire, LibraryAttachStatus expected) {
        assertThat(LibraryAttachStatus.fromWire(wire)).isEqualTo(expected);
    }

    @Test
    void anUnknownStatusKeepsTheServersWordForTheLog() throws Exception {
        Cluster cluster = read("{\"id\":\"c\",\"status\":\"Resizing\"}", Cluster.class);
        assertThat(cluster.status()).isEqualTo(ClusterStatus.UNKNOWN);
        assertThat(cluster.word()).isEqualTo("Resizing");
        assertThat(read("{\"id\":\"x\",\"status\":\"Starting\"}", ContextInfo.class)
                        .word())
                .isEqualTo("Starting");
        assertThat(read("{\"id\":\"k\",\"status\":\"Paused\"}", CommandInfo.class)
                        .word())
                .isEqualTo("Paused");
        assertThat(read("{\"id\":\"c\",\"status\":\"Running\"}", Cluster.class).word())
                .isEqualTo("Running");
        assertThat(read("{\"id\":\"c\"}", Cluster.class).word()).as("none sent").isEmpty();
    }

    @Test
    void nullAndMissingStatusesAreUnknown() throws Exception {
        assertThat(ClusterStatus.fromWire(null)).isEqualTo(ClusterStatus.UNKNOWN);
        assertThat(read("{\"id\":\"c\"}", Cluster.class).status()).isEqualTo(ClusterStatus.UNKNOWN);
        assertThat(read("{\"id\":\"c\",\"status\":null}", ContextInfo.class).status())
                .isEqualTo(ContextStatus.UNKNOWN);
        assertThat(read("{\"id\":\"c\"}", CommandInfo.class).status()).isEqualTo(CommandStatus.UNKNOWN);
    }

    @Test
    void wireValuesRoundTrip() {
        for (CommandStatus s : CommandStatus.values()) {
            if (s != CommandStatus.UNKNOWN) {
                assertThat(CommandStatus.fromWire(s.wireValue())).isEqualTo(s);
            }
        }
        assertThat(Language.SCALA.wireValue()).isEqualTo("scala");
        assertThat(Language.parse(" Python ")).isEqualTo(Language.PYTHON);
    }

    @Test
    void clusterListIgnoresUnknownFields() throws Exception {
        List<Cluster> clusters = HttpTransport.MAPPER.readValue(
                "[{\"id\":\"batVenom\",\"name\":\"Mini-Cluster\",\"status\":\"Running\",\"driverIp\":\"10.0.236.4\","
                        + "\"jdbcPort\":10000,\"numWorkers\":2,\"brandNew\":{\"x\":1}}]",
                new TypeReference<List<Cluster>>() {});
        assertThat(clusters)
                .containsExactly(new Cluster(
                        "batVenom", "Mini-Cluster", ClusterStatus.RUNNING, "10.0.236.4", 10000, 2, "Running"));
    }

    @Test
    void contextIdsStayExactStringsEvenWhenSentAsNumbers() throws Exception {
        assertThat(read("{\"id\":1234567890123456789,\"status\":\"Running\"}", ContextInfo.class)
                        .id())
                .isEqualTo("1234567890123456789");
        assertThat(read("{\"id\":\"8765432109876543210\"}", Rest12Client.IdAnswer.class)
                        .id())
                .isEqualTo("8765432109876543210");
        assertThat(read("{}", Rest12Client.IdAnswer.class).id()).isNull();
    }

    @Test
    void libraryStatus() throws Exception {
        LibraryStatus s = read(
                "{\"id\":\"7\",\"name\":\"test-library-1.0.3\",\"folder\":\"/Users/me/libs\",\"libType\":\"java-jar\","
                        + "\"files\":[\"47fb08a7-test_library_1_0_3-e5f8c.jar\"],\"attachAllClusters\":false,"
                        + "\"statuses\":[{\"clusterId\":\"0123-456789-abc\",\"status\":\"Attached\"},"
                        + "{\"clusterId\":\"0123-456789-def\",\"status\":\"SomethingNew\"}]}",
                LibraryStatus.class);
        assertThat(s.id()).isEqualTo("7");
        assertThat(s.files()).containsExactly("47fb08a7-test_library_1_0_3-e5f8c.jar");
        assertThat(s.statusOn("0123-456789-abc")).contains(LibraryAttachStatus.ATTACHED);
        assertThat(s.statusOn("0123-456789-def")).contains(LibraryAttachStatus.UNKNOWN);
        assertThat(s.statuses())
                .extracting(ClusterLibraryStatus::word)
                .as("the server's own words survive, for the log")
                .containsExactly("Attached", "SomethingNew");
        assertThat(s.statusOn("other")).isEmpty();
        assertThat(read("{\"id\":1016978}", LibraryStatus.class).statuses()).isEmpty();
        assertThat(read("{\"id\":1016978}", LibraryStatus.class).id()).isEqualTo("1016978");
    }

    @Test
    void textResult() throws Exception {
        CommandInfo c = read(
                "{\"id\":\"k\",\"status\":\"Finished\",\"results\":{\"resultType\":\"text\",\"data\":\"Out[1]: 2\"}}",
                CommandInfo.class);
        assertThat(c.results().text()).isEqualTo("Out[1]: 2");
        assertThat(c.results().describe()).isEqualTo("Out[1]: 2");
        assertThat(c.failed()).isFalse();
    }

    @Test
    void runningCommandHasNoResults() throws Exception {
        CommandInfo c = read("{\"id\":\"k\",\"status\":\"Running\",\"results\":null}", CommandInfo.class);
        assertThat(c.results()).isNull();
        assertThat(c.failed()).isFalse();
    }

    @Test
    void tableResult() throws Exception {
        CommandResults r = read(
                "{\"resultType\":\"table\",\"data\":[[1,\"a\"],[2,null]],\"schema\":[{\"name\":\"n\",\"type\":\"int\"},"
                        + "{\"name\":\"s\",\"type\":\"string\"}],\"truncated\":true,\"isJsonSchema\":true}",
                CommandResults.class);
        assertThat(r.rows()).hasSize(2);
        assertThat(r.rows().get(0)).containsExactly(1, "a");
        assertThat(r.rows().get(1)).containsExactly(2, null);
        assertThat(r.schema()).extracting(m -> m.get("name")).containsExactly("n", "s");
        assertThat(r.truncated()).isTrue();
        assertThat(r.isJsonSchema()).isTrue();
        assertThat(r.text()).isNull();
        assertThat(r.describe()).isEqualTo("2 row(s) (truncated)");
    }

    @Test
    void errorResultIsCleanedForDisplay() throws Exception {
        CommandInfo c = read(
                "{\"id\":\"k\",\"status\":\"Finished\",\"results\":{\"resultType\":\"error\","
                        + "\"summary\":\"<span class='ansi-red-fg'>NotFoundException</span>: a &lt; b &amp;&#32;c\","
                        + "\"cause\":\"\\u001b[0;31mNameError\\u001b[0m: name 'x' is not defined\"}}",
                CommandInfo.class);
        assertThat(c.failed()).isTrue();
        assertThat(c.results().isError()).isTrue();
        assertThat(c.results().displaySummary()).isEqualTo("NotFoundException: a < b & c");
        assertThat(c.results().displayCause()).isEqualTo("NameError: name 'x' is not defined");
        assertThat(c.results().describe()).isEqualTo("NotFoundException: a < b & c");
    }

    @Test
    void imageResults() throws Exception {
        CommandResults one = read("{\"resultType\":\"image\",\"fileName\":\"/plots/a.png\"}", CommandResults.class);
        assertThat(one.fileName()).isEqualTo("/plots/a.png");
        assertThat(one.describe()).isEqualTo("image /plots/a.png");
        CommandResults many = read(
                "{\"resultType\":\"images\",\"fileNames\":[\"/plots/a.png\",\"data:image/png;base64,AA==\"]}",
                CommandResults.class);
        assertThat(many.fileNames()).hasSize(2);
        assertThat(many.describe()).isEqualTo("2 image(s)");
    }

    @Test
    void unknownResultTypeDoesNotFail() throws Exception {
        CommandResults r = read("{\"resultType\":\"html\",\"data\":{\"a\":1}}", CommandResults.class);
        assertThat(r.resultType()).isEqualTo(ResultType.UNKNOWN);
        assertThat(r.data()).isEqualTo(Map.of("a", 1));
        assertThat(r.rows()).isEmpty();
    }

    @Test
    void cancelledAndPlatformErrorsAreFailures() {
        assertThat(new CommandInfo("k", CommandStatus.CANCELLED, null, null).failed())
                .isTrue();
        assertThat(new CommandInfo("k", CommandStatus.ERROR, null, null).failed())
                .isTrue();
        assertThat(new CommandInfo("k", CommandStatus.FINISHED, null, null).failed())
                .isFalse();
    }

    @Test
    void libraryUploadNormalisesTheFolder() {
        UploadSource src = UploadSource.of("a.jar", new byte[] {1});
        assertThat(LibraryUpload.jar("/Users/me/libs/", "a.jar", src).folder()).isEqualTo("/Users/me/libs");
        assertThat(LibraryUpload.jar("/", "a.jar", src).folder()).isEqualTo("/");
        assertThat(LibraryUpload.jar(null, "a.jar", src).folder()).isEqualTo("/");
        assertThat(LibraryUpload.jar("/x", "a.jar", src).libType()).isEqualTo("java-jar");
    }
}
