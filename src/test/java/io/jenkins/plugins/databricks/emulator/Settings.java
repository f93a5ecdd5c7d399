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

    /** What a Clusters 2.x start or restart does when the cluster is not in the state the call needs. */
    public enum WrongStateCall {
        /** 400 {@code INVALID_STATE} "Cluster ... is in unexpected state ..." (seen in practice). */
        INVALID_STATE,
        /** 200 and nothing happens (what the API reference says). */
        NO_OP
    }

    /** How a jar outside the artifact allowlist is refused on a standard-mode cluster (real behaviour unknown). */
    public enum AllowlistRejection {
        /** The install call succeeds; the library ends {@code FAILED} with a message naming the allowlist. */
        FAILED_STATUS,
        /** The install call itself answers 400 {@code INVALID_PARAMETER_VALUE} naming the allowlist. */
        INSTALL_ERROR
    }

    /** What {@code cluster-status} shows for a library installed while the cluster is not running (unknown). */
    public enum QueuedInstall {
        /** Listed as {@code PENDING} until the cluster runs. */
        PENDING,
        /** Not listed at all until the cluster runs. */
        NOT_LISTED
    }

    private volatile Clock clock = Clock.systemUTC();
    private volatile String defaultUserName = "jenkins-deployer@example.com";
    private volatile Duration startDuration = Duration.ofMillis(50);
    private volatile Duration libraryPendingDuration = Duration.ofMillis(10);
    private volatile Duration libraryInstallDuration = Duration.ofMillis(20);
    private volatile int listPageSize = 2;
    private volatile int clusterPageSize = 2;
    private volatile boolean allowlistAdmin = true;
    private volatile boolean uploadCreatesParents;
    private volatile boolean chunkedUploads;
    private volatile long maxUploadBytes = 5L * 1024 * 1024 * 1024;
    private volatile WrongStateCall wrongStateCall = WrongStateCall.INVALID_STATE;
    private volatile AllowlistRejection allowlistRejection = AllowlistRejection.FAILED_STATUS;
    private volatile QueuedInstall queuedInstall = QueuedInstall.PENDING;
    private volatile boolean restoredAfterRestart = true;
    private volatile boolean dedicatedRejectsOtherUsers = true;
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

    public String defaultUserName() {
        return defaultUserName;
    }

    /** The user name of {@link DatabricksEmulator#token()} (what SCIM Me answers for it); set before start-up use. */
    public Settings defaultUserName(String value) {
        defaultUserName = Objects.requireNonNull(value, "defaultUserName");
        return this;
    }

    public Duration startDuration() {
        return startDuration;
    }

    /** How long a Clusters 2.x {@code start} keeps a cluster {@code PENDING} before {@code RUNNING}; default 50 ms. */
    public Settings startDuration(Duration value) {
        startDuration = nonNegative(value, "startDuration");
        return this;
    }

    public Duration libraryPendingDuration() {
        return libraryPendingDuration;
    }

    /** How long a Libraries 2.0 install on a running cluster stays {@code PENDING}; default 10 ms. */
    public Settings libraryPendingDuration(Duration value) {
        libraryPendingDuration = nonNegative(value, "libraryPendingDuration");
        return this;
    }

    public Duration libraryInstallDuration() {
        return libraryInstallDuration;
    }

    /** How long it then stays {@code INSTALLING} before {@code INSTALLED} or {@code FAILED}; default 20 ms. */
    public Settings libraryInstallDuration(Duration value) {
        libraryInstallDuration = nonNegative(value, "libraryInstallDuration");
        return this;
    }

    public int listPageSize() {
        return listPageSize;
    }

    /** The most entries one Files API directory page holds, whatever {@code page_size} asks; default 2. */
    public Settings listPageSize(int value) {
        listPageSize = positive(value, "listPageSize");
        return this;
    }

    public int clusterPageSize() {
        return clusterPageSize;
    }

    /** The most clusters one {@code /api/2.1/clusters/list} page holds, whatever {@code page_size} asks; default 2. */
    public Settings clusterPageSize(int value) {
        clusterPageSize = positive(value, "clusterPageSize");
        return this;
    }

    public boolean allowlistAdmin() {
        return allowlistAdmin;
    }

    /**
     * Whether callers hold {@code MANAGE ALLOWLIST} (metastore admin); default true. When false the allowlist
     * endpoints answer 403 {@code PERMISSION_DENIED}.
     */
    public Settings allowlistAdmin(boolean value) {
        allowlistAdmin = value;
        return this;
    }

    public boolean uploadCreatesParents() {
        return uploadCreatesParents;
    }

    /**
     * Whether a Files API upload creates missing parent directories (unknown); default false: 404 when the parent
     * directory does not exist, so a client must create it first.
     */
    public Settings uploadCreatesParents(boolean value) {
        uploadCreatesParents = value;
        return this;
    }

    public boolean chunkedUploads() {
        return chunkedUploads;
    }

    /**
     * Whether a Files API upload without {@code Content-Length} (chunked) is accepted (unknown for 2.0; 3.0 refuses
     * it); default false: 411.
     */
    public Settings chunkedUploads(boolean value) {
        chunkedUploads = value;
        return this;
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /** The Files API's single-upload limit (default 5 GiB); a larger {@code Content-Length} answers 413. */
    public Settings maxUploadBytes(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("maxUploadBytes must not be negative, was " + value);
        }
        maxUploadBytes = value;
        return this;
    }

    public WrongStateCall wrongStateCall() {
        return wrongStateCall;
    }

    /** A 2.x start of a cluster that is not terminated, or restart of one not running; default INVALID_STATE. */
    public Settings wrongStateCall(WrongStateCall value) {
        wrongStateCall = Objects.requireNonNull(value, "wrongStateCall");
        return this;
    }

    public AllowlistRejection allowlistRejection() {
        return allowlistRejection;
    }

    /** How a non-allowlisted jar is refused on a standard-mode cluster; default FAILED_STATUS. */
    public Settings allowlistRejection(AllowlistRejection value) {
        allowlistRejection = Objects.requireNonNull(value, "allowlistRejection");
        return this;
    }

    public QueuedInstall queuedInstall() {
        return queuedInstall;
    }

    /** What {@code cluster-status} shows for an install waiting for a cluster to start; default PENDING. */
    public Settings queuedInstall(QueuedInstall value) {
        queuedInstall = Objects.requireNonNull(value, "queuedInstall");
        return this;
    }

    public boolean restoredAfterRestart() {
        return restoredAfterRestart;
    }

    /**
     * Whether a library that was {@code INSTALLED} before a restart comes back as {@code RESTORED} (trigger unknown)
     * instead of {@code INSTALLED}; default true, so a client must accept both as ready.
     */
    public Settings restoredAfterRestart(boolean value) {
        restoredAfterRestart = value;
        return this;
    }

    public boolean dedicatedRejectsOtherUsers() {
        return dedicatedRejectsOtherUsers;
    }

    /**
     * Whether a dedicated (single-user) cluster refuses 1.2 execution contexts of anyone but its single user
     * (specific error unknown); default true, with the "Single-user check failed" message.
     */
    public Settings dedicatedRejectsOtherUsers(boolean value) {
        dedicatedRejectsOtherUsers = value;
        return this;
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    private static Duration nonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
