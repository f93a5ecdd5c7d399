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

    /** One finished line, already prefixed. */
    void line(String line);

    static DeployListener printingTo(PrintStream out) {
        return out::println;
    }
}
