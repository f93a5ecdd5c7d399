package io.jenkins.plugins.databricks.deploy;

import java.io.PrintStream;

/**
 * Where progress goes: one line per step, with ids and durations — the lines of the Jenkins build log. Lines never
 * contain secrets.
 */
@FunctionalInterface
public interface DeployListener {

    /** Every line starts with this, so the deploy's lines stand out in a build log. */
    String PREFIX = "[databricks] ";

    DeployListener NONE = line -> {};

    /**
     * One finished line, already prefixed. May be called from several threads at once (the smoke command runs on
     * several clusters in parallel): an implementation must keep each line whole, as {@link PrintStream#println} does.
     */
    void line(String line);

    static DeployListener printingTo(PrintStream out) {
        return out::println;
    }
}
