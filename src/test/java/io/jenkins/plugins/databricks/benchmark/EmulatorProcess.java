package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedFile;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The emulator in a JVM of its own, so the benchmark's own process holds only our client and engine (their CPU and
 * heap are then ours alone, and an upload competes with the emulator exactly as curl's does). Driven by {@link
 * RemoteEmulator} over standard input and output, one command and one answer per line; prints {@code READY <url>
 * <token>} first (the token on a pipe, never on a command line). Ends at {@code quit} or the end of its input.
 */
public final class EmulatorProcess {

    private EmulatorProcess() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (DatabricksEmulator emulator = DatabricksEmulator.start()) {
            out.println("READY " + emulator.url() + " " + emulator.token());
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                try {
                    out.println(answer(emulator, line.split(" ")));
                } catch (RuntimeException e) {
                    out.println("ERROR " + e);
                }
            }
        }
    }

    private static String answer(DatabricksEmulator emulator, String[] c) {
        switch (c[0]) {
            case "clusters" -> {
                int n = Integer.parseInt(c[1]);
                for (int i = 0; i < n; i++) {
                    emulator.addCluster(RemoteEmulator.clusterId(i), "bench-" + i, ClusterState.RUNNING);
                }
                return "OK";
            }
            case "zero-delays" -> {
                DeployBenchmark.zeroDelays(emulator);
                return "OK";
            }
            case "limits" -> {
                emulator.limits()
                        .filesApi(Integer.parseInt(c[1]), Integer.parseInt(c[2]))
                        .otherEndpoints(Integer.parseInt(c[3]));
                return "OK";
            }
            case "clear" -> {
                emulator.journal().clear();
                return "OK";
            }
            case "journal" -> {
                List<JournalEntry> entries = emulator.journal().entries();
                Map<String, Long> perCall = entries.stream()
                        .collect(Collectors.groupingBy(JournalEntry::call, TreeMap::new, Collectors.counting()));
                long limited = entries.stream().filter(e -> e.status() == 429).count();
                long limitedFiles = entries.stream()
                        .filter(e -> e.status() == 429 && e.path().startsWith("/api/2.0/fs/"))
                        .count();
                return "JOURNAL\t" + entries.size() + "\t" + limited + "\t" + limitedFiles + "\t"
                        + perCall.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining("\t"));
            }
            case "size" -> {
                return "SIZE " + emulator.library(c[1]).sizeBytes();
            }
            case "volume" -> {
                // A Unity Catalog volume whose folder (c[4]) standard-mode clusters may install jars from.
                emulator.addVolume(c[1], c[2], c[3]);
                emulator.allowlists().jarPrefixes(c[4]);
                return "OK";
            }
            case "paging" -> {
                emulator.settings().clusterPageSize(Integer.parseInt(c[1])).listPageSize(Integer.parseInt(c[2]));
                return "OK";
            }
            case "file-size" -> {
                EmulatedFile file = emulator.file(c[1]);
                return "SIZE " + (file == null ? -1 : file.sizeBytes());
            }
            default -> throw new IllegalArgumentException("unknown command '" + c[0] + "'");
        }
    }
}
