package io.jenkins.plugins.databricks.deploy;

import java.time.Duration;

/** Waits between polls; tests inject one that advances a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
