package io.jenkins.plugins.databricks.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Timing and behaviour knobs of a running emulator. Every time-based transition (cluster restart, context start,
 * command run, delayed attach) is evaluated lazily against {@link #clock()} whenever a request or an inspection call
 * looks at the state, so a test that installs a {@link ManualClock} controls time completely and needs no sleeps.
 * Defaults keep tests fast with the system clock. Setters return {@code this}; all knobs may change mid-run.
 */
public final class Settings {

    /** What a cancelled command ends as: the SDK waiter expects Cancelled, the current API text Finished + error. */
    public enum CancelOutcome {
        CANCELLED,
        FINISHED_WITH_ERROR
    }

    /**
     * The answer to the calls whose real body is unknown or changed over time: {@code clusters/restart|delete},
     * {@code libraries/attach|detach|delete}, {@code contexts/destroy}, {@code commands/cancel}. Clients must accept
     * all three.
     */
    public enum Acknowledgement {
        /** {@code {"id": ...}}, as 1.2-era clients parsed it; {@code libraries/delete} (body never parsed) gives {@code {}}. */
        ID,
        /** {@code {}}, as the current reference documents for {@code contexts/destroy} and {@code commands/cancel}. */
        EMPTY_OBJECT,
        /** 200 with no body at all. */
        NO_BODY
    }

    /** The two real shapes of "403 Invalid access token". */
    public enum ForbiddenStyle {
        /** Older Jetty HTML page containing {@code Error 403 Invalid access token.} */
        HTML,
        /** Newer {@code {"error_code":403,"message":"Invalid access token."}} with {@code X-Databricks-Reason-Phrase}. */
        JSON
    }

    private volatile Clock clock = Clock.systemUTC();
    private volatile Duration restartDuration = Duration.ofMillis(50);
    private volatile Duration terminateDuration = Duration.ofMillis(20);
    private volatile Duration attachDelay = Duration.ZERO;
    private volatile Duration contextStartDuration = Duration.ofMillis(20);
    private volatile Duration commandQueuedDuration = Duration.ofMillis(10);
    private volatile Duration commandRunDuration = Duration.ofMillis(20);
    private volatile Duration cancelDuration = Duration.ofMillis(10);
    private volatile CancelOutcome cancelOutcome = CancelOutcome.CANCELLED;
    private volatile ForbiddenStyle forbiddenStyle = ForbiddenStyle.JSON;
    private volatile boolean contextsFail;
    private volatile Acknowledgement acknowledgement = Acknowledgement.ID;

    Settings() {}

    public Clock clock() {
        return clock;
    }

    /** The emulator's clock; install a {@link ManualClock} for tests that step time by hand. */
    public Settings clock(Clock value) {
        clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    public Duration restartDuration() {
        return restartDuration;
    }

    /** How long a restarted (or started) cluster stays {@code Pending} before it is {@code Running}; default 50 ms. */
    public Settings restartDuration(Duration value) {
        restartDuration = nonNegative(value, "restartDuration");
        return this;
    }

    public Duration terminateDuration() {
        return terminateDuration;
    }

    /** How long {@code clusters/delete} keeps a cluster {@code Terminating}; default 20 ms. */
    public Settings terminateDuration(Duration value) {
        terminateDuration = nonNegative(value, "terminateDuration");
        return this;
    }

    public Duration attachDelay() {
        return attachDelay;
    }

    /**
     * How long an attach to a running cluster stays {@code Installing} before it is {@code Attached}; default zero
     * (Attached at once). A very long value gives the "library stuck installing" scenario.
     */
    public Settings attachDelay(Duration value) {
        attachDelay = nonNegative(value, "attachDelay");
        return this;
    }

    public Duration contextStartDuration() {
        return contextStartDuration;
    }

    /** How long a new context stays {@code Pending} before {@code Running}; default 20 ms. */
    public Settings contextStartDuration(Duration value) {
        contextStartDuration = nonNegative(value, "contextStartDuration");
        return this;
    }

    public Duration commandQueuedDuration() {
        return commandQueuedDuration;
    }

    /** How long a command stays {@code Queued}; default 10 ms. */
    public Settings commandQueuedDuration(Duration value) {
        commandQueuedDuration = nonNegative(value, "commandQueuedDuration");
        return this;
    }

    public Duration commandRunDuration() {
        return commandRunDuration;
    }

    /** How long a command stays {@code Running} unless its script says {@code duration=}; default 20 ms. */
    public Settings commandRunDuration(Duration value) {
        commandRunDuration = nonNegative(value, "commandRunDuration");
        return this;
    }

    public Duration cancelDuration() {
        return cancelDuration;
    }

    /** How long a cancelled command stays {@code Cancelling}; default 10 ms. */
    public Settings cancelDuration(Duration value) {
        cancelDuration = nonNegative(value, "cancelDuration");
        return this;
    }

    public CancelOutcome cancelOutcome() {
        return cancelOutcome;
    }

    /** Final state of a cancelled command; default {@link CancelOutcome#CANCELLED}. */
    public Settings cancelOutcome(CancelOutcome value) {
        cancelOutcome = Objects.requireNonNull(value, "cancelOutcome");
        return this;
    }

    public ForbiddenStyle forbiddenStyle() {
        return forbiddenStyle;
    }

    /** Shape of the 403 answer to a bad or expired token; default {@link ForbiddenStyle#JSON}. */
    public Settings forbiddenStyle(ForbiddenStyle value) {
        forbiddenStyle = Objects.requireNonNull(value, "forbiddenStyle");
        return this;
    }

    public boolean contextsFail() {
        return contextsFail;
    }

    /** When true, new contexts go {@code Pending} then {@code Error} instead of {@code Running}; default false. */
    public Settings contextsFail(boolean value) {
        contextsFail = value;
        return this;
    }

    public Acknowledgement acknowledgement() {
        return acknowledgement;
    }

    /** Shape of the answer to calls that return nothing useful; default {@link Acknowledgement#ID}. */
    public Settings acknowledgement(Acknowledgement value) {
        acknowledgement = Objects.requireNonNull(value, "acknowledgement");
        return this;
    }

    private static Duration nonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
