package io.jenkins.plugins.databricks.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one benchmark run, printed at the end as the Markdown table docs/benchmark.md carries. */
final class ResultTable {

    private record Row(String measure, String value, String goal) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void row(String measure, String value, String goal) {
        rows.add(new Row(measure, value, goal == null ? "" : goal));
    }

    void note(String note) {
        notes.add(note);
    }

    void print(PrintStream out) {
        out.println("| measure | result | goal |");
        out.println("|---|---|---|");
        for (Row r : rows) {
            out.println("| " + r.measure() + " | " + r.value() + " | " + r.goal() + " |");
        }
        for (String n : notes) {
            out.println();
            out.println(n);
        }
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }
}
