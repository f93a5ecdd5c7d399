package io.jenkins.plugins.databricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.deploy.DeployReport.ClusterReport;
import io.jenkins.plugins.databricks.deploy.DeployReport.LibraryReport;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.deploy.DeployReport.SmokeReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployReportTest {

    private static DeployReport report(String smokeOutput) {
        return new DeployReport(
                Outcome.DEPLOYED,
                "https://host",
                new LibraryReport(
                        "1016978",
                        "app-1.2.3-3f2a9c1e0b.jar",
                        "/Shared/jenkins",
                        "3f2a9c1e0b" + "0".repeat(54),
                        50_000_000L,
                        "target/app-1.2.3.jar",
                        false),
                List.of(new ClusterReport("0123-abc", "etl", "Running", "Attached", true, null)),
                List.of("1016970"),
                List.of("1016970"),
                List.of(),
                List.of("0123-abc"),
                List.of(new SmokeReport("0123-abc", "PASSED", "text", DeployReport.truncate(smokeOutput), 2300, null)),
                Map.of("upload", 1900L),
                List.of("Plan for x:"),
                null);
    }

    @Test
    void roundTripsThroughJson() {
        DeployReport report = report("ok");
        String json = report.toJson();
        assertThat(json).contains("\"outcome\" : \"DEPLOYED\"", "\"libraryStatus\" : \"Attached\"");
        assertThat(DeployReport.fromJson(json)).isEqualTo(report);
    }

    @Test
    void longOutputKeepsHeadAndTailWithAMarker() {
        String output = "a".repeat(3000) + "b".repeat(3000);
        String cut = report(output).smoke().get(0).output();
        assertThat(cut).startsWith("aaaa").endsWith("bbbb").contains("[1904 characters cut]");
        assertThat(cut.length()).isLessThan(DeployReport.MAX_OUTPUT_CHARS + 40);
    }

    @Test
    void summaryNamesLibraryClustersAndSmoke() {
        assertThat(report("ok").summary())
                .startsWith("Deploy deployed: app-1.2.3-3f2a9c1e0b.jar (library 1016978) in /Shared/jenkins")
                .contains("cluster etl (0123-abc): Running, new library Attached, restarted")
                .contains("smoke on 0123-abc: PASSED in 2.3 s")
                .contains("timings: upload 1.9 s");
    }

    /**
     * A report as stored in build.xml by the plugin before {@code notes} existed (the fixture), read after the format
     * has grown again: unknown fields anywhere are ignored and missing lists read back empty, never null.
     */
    @Test
    void aStoredReportStaysReadableWhenTheFormatGrows() throws Exception {
        String stored;
        try (var in = DeployReportTest.class.getResourceAsStream("report-before-notes.json")) {
            stored = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        DeployReport old = DeployReport.fromJson(stored);
        assertThat(old.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(old.library().id()).isEqualTo("1016978");
        assertThat(old.clusters())
                .singleElement()
                .extracting(ClusterReport::state)
                .isEqualTo("Running");
        assertThat(old.notes()).isEmpty();
        assertThat(old.summary()).contains("cluster etl (0123-abc): Running");

        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(stored);
        tree.put("resumedAfterRestart", true);
        tree.putArray("repairs").add("detach app-1.1 from etl");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("library")).put("volume", "main.default.jars");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("clusters").get(0)).put("runtime", "15.4");
        tree.remove(List.of("smoke", "deletedLibraryIds", "plan", "timingsMillis"));
        DeployReport grown = DeployReport.fromJson(mapper.writeValueAsString(tree));
        assertThat(grown.library().name()).isEqualTo(old.library().name());
        assertThat(grown.clusters()).isEqualTo(old.clusters());
        assertThat(grown.smoke()).isEmpty();
        assertThat(grown.deletedLibraryIds()).isEmpty();
        assertThat(grown.plan()).isEmpty();
        assertThat(grown.timingsMillis()).isEmpty();
        assertThat(grown.summary()).contains("Deploy deployed");
    }
}
