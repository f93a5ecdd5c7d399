package io.jenkins.plugins.databricks.api;

import io.jenkins.plugins.databricks.emulator.ManualClock;
import java.time.Duration;

/** Retry policies whose waits move a {@link ManualClock}: no real sleeping and no jitter, so timing is exact. */
public final class ManualRetry {

    private ManualRetry() {}

    public static RetryPolicy.Builder policy(ManualClock clock) {
        return RetryPolicy.builder().clock(clock).sleeper(clock::sleep).jitter(Duration.ZERO);
    }
}
