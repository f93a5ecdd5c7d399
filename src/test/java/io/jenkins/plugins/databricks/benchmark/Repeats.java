package io.jenkins.plugins.databricks.benchmark;

/**
 * How many times each measurement runs. {@link #FULL} for figures to publish; {@link #QUICK} only proves the harness
 * works (a few minutes on a loaded machine; its figures are not comparable).
 */
enum Repeats {
    FULL,
    QUICK;

    /** Untimed deploys before the measured ones, at least two: the third deploy is the first in the steady state
     * (one old version attached, one older detached). Fewer for large fleets, where one deploy warms up a lot. */
    int deployWarmups(int clusters) {
        return this == QUICK ? 2 : Math.max(2, Math.min(20, 200 / clusters));
    }

    /**
     * How long warm-ups may go on past {@link #deployWarmups} until the JIT has settled (three deploys in a row
     * without a millisecond of compiling); none for a quick run.
     */
    java.time.Duration jitSettleCap() {
        return this == QUICK ? java.time.Duration.ZERO : java.time.Duration.ofSeconds(20);
    }

    /** Measured deploys: 50 for small fleets, at least 3 for 1,000 clusters. */
    int deploys(int clusters) {
        return this == QUICK ? 2 : Math.max(3, Math.min(50, 500 / clusters));
    }

    /** Deploys under the service limits (each takes the rate limit's time, tens of seconds). */
    int limitedDeploys() {
        return this == QUICK ? 1 : 3;
    }

    /** Untimed and timed upload runs each, for a jar of {@code mib}. */
    int uploadWarmups(int mib) {
        return this == QUICK ? 1 : mib <= 64 ? 3 : 1;
    }

    int uploadRuns(int mib) {
        return this == QUICK ? 3 : mib <= 64 ? 9 : 5;
    }

    int pollingRuns() {
        return this == QUICK ? 1 : 3;
    }
}
