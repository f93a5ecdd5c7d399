package io.jenkins.plugins.databricks.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The parent's side of {@link EmulatorProcess}: starts it, sets it up, reads its journal, stops it. */
final class RemoteEmulator implements AutoCloseable {

    /** What the emulator served since the last {@link #clearJournal()}. */
    /** {@code limitedFiles}: how many of the {@code limited} (answered 429) were Files API requests. */
    record Requests(int total, int limited, int limitedFiles, Map<String, Integer> perCall) {}

    private final Process process;
    private final PrintStream commands;
    private final BufferedReader answers;
    private final String url;
    private final String token;

    private RemoteEmulator(Process process) throws IOException {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = answers.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IOException("the emulator process did not start: " + ready);
        }
        String[] f = ready.split(" ");
        this.url = f[1];
        this.token = f[2];
    }

    /** Starts the emulator in a child JVM with {@code -Xmx<heap>}; no clusters yet. */
    static RemoteEmulator start(String heap) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-Xmx" + heap,
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmulatorProcess.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new RemoteEmulator(p);
    }

    static String clusterId(int i) {
        return String.format(Locale.ROOT, "0101-000000-bench%04d", i);
    }

    static List<String> clusterIds(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(clusterId(i));
        }
        return Collections.unmodifiableList(ids);
    }

    String url() {
        return url;
    }

    String token() {
        return token;
    }

    /** Adds Running clusters {@link #clusterId}(0) .. (n-1). */
    void addClusters(int n) throws IOException {
        ok(ask("clusters " + n));
    }

    /** Every emulator delay zero (restart, terminate, attach, context start, command queued/run, cancel). */
    void zeroDelays() throws IOException {
        ok(ask("zero-delays"));
    }

    /** The service limits; 0 turns one off. */
    void limits(int filesConcurrent, int filesPerSecond, int otherPerSecond) throws IOException {
        ok(ask("limits " + filesConcurrent + " " + filesPerSecond + " " + otherPerSecond));
    }

    void clearJournal() throws IOException {
        ok(ask("clear"));
    }

    Requests requests() throws IOException {
        String[] f = expect(ask("journal"), "JOURNAL\t").split("\t");
        Map<String, Integer> perCall = new LinkedHashMap<>();
        for (int i = 4; i < f.length; i++) {
            int eq = f[i].lastIndexOf('=');
            perCall.put(f[i].substring(0, eq), Integer.parseInt(f[i].substring(eq + 1)));
        }
        return new Requests(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), perCall);
    }

    /** How many bytes the emulator received for a library. */
    long librarySize(String libraryId) throws IOException {
        return Long.parseLong(expect(ask("size " + libraryId), "SIZE ").substring(5));
    }

    /**
     * Adds the volume {@code catalog.schema.name} and puts {@code jarPrefix} (a folder in it, ending with a slash) on
     * the jar allowlist, so standard-mode clusters install jars from there.
     */
    void addVolume(String catalog, String schema, String name, String jarPrefix) throws IOException {
        ok(ask("volume " + catalog + " " + schema + " " + name + " " + jarPrefix));
    }

    /** The most clusters one {@code clusters/list} page holds, and entries one Files API directory page. */
    void paging(int clustersPerPage, int entriesPerPage) throws IOException {
        ok(ask("paging " + clustersPerPage + " " + entriesPerPage));
    }

    /** How many bytes the emulator stored at a volume path ({@code /Volumes/...}); -1 when nothing is there. */
    long fileSize(String path) throws IOException {
        return Long.parseLong(expect(ask("file-size " + path), "SIZE ").substring(5));
    }

    private synchronized String ask(String command) throws IOException {
        commands.println(command);
        String answer = answers.readLine();
        if (answer == null) {
            throw new IOException("the emulator process ended (command '" + command + "')");
        }
        return answer;
    }

    private static void ok(String answer) throws IOException {
        expect(answer, "OK");
    }

    private static String expect(String answer, String prefix) throws IOException {
        if (!answer.startsWith(prefix)) {
            throw new IOException("the emulator process answered: " + answer);
        }
        return answer;
    }

    @Override
    public void close() throws IOException {
        commands.println("quit");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
