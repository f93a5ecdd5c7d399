package io.jenkins.plugins.databricks.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The requests the emulator served, in the order it finished answering them. Thread-safe. */
public final class Journal {

    private final List<JournalEntry> entries = new ArrayList<>();

    Journal() {}

    synchronized void record(JournalEntry entry) {
        entries.add(entry);
    }

    public synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    /** Every entry's {@link JournalEntry#endpoint()} ({@code clusters/list}, {@code libraries/upload}, ...). */
    public List<String> paths() {
        return entries().stream().map(JournalEntry::endpoint).toList();
    }

    /** Every entry's {@link JournalEntry#call()} ({@code GET clusters/list}, ...). */
    public List<String> calls() {
        return entries().stream().map(JournalEntry::call).toList();
    }

    /** The requests that changed state, in order. */
    public List<JournalEntry> mutations() {
        return matching(JournalEntry::mutation);
    }

    /** {@link JournalEntry#call()} of the requests that changed state. */
    public List<String> mutationCalls() {
        return mutations().stream().map(JournalEntry::call).toList();
    }

    public List<JournalEntry> matching(Predicate<JournalEntry> filter) {
        return entries().stream().filter(filter).toList();
    }

    /** The entries for one endpoint, e.g. {@code libraries/attach}. */
    public List<JournalEntry> forEndpoint(String endpoint) {
        return matching(e -> e.endpoint().equals(endpoint));
    }

    public JournalEntry last() {
        List<JournalEntry> all = entries();
        if (all.isEmpty()) {
            throw new IllegalStateException("the journal is empty");
        }
        return all.get(all.size() - 1);
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }

    @Override
    public String toString() {
        return String.join("\n", new ArrayList<>(calls()));
    }
}
