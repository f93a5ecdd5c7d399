package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The upload step: stores the new version, or reuses the copy already stored under its name when that copy is
 * provably this jar (the name contains {@code {hash}} and the stored size, where known, agrees). An upload that gets
 * no answer is retried only with {@code {hash}} in the name, after listing shows it did not land. Every failure here
 * happens before any cluster changed.
 */
final class Uploader {

    private final DatabricksGateway gateway;
    private final StepLog log;
    private final Poller poller;

    Uploader(DatabricksGateway gateway, StepLog log, Poller poller) {
        this.gateway = gateway;
        this.log = log;
        this.poller = poller;
    }

    void upload(DeployPlan plan, DeployProgress p) throws DeployException, InterruptedException {
        DeploySpec spec = plan.spec();
        if (plan.existing().isPresent()) {
            RemoteLibrary lib = plan.existing().get();
            p.library = lib;
            p.reused = true;
            log.line("Reusing library " + lib.id() + " " + lib.name() + " in " + spec.folder()
                    + ": the same name carries the same SHA-256, no upload needed");
            return;
        }
        Instant start = poller.clock().instant();
        Duration backoff = Deployer.UPLOAD_RETRY_BACKOFF;
        int attempt = 1;
        while (true) {
            GatewayCalls.stopIfInterrupted("upload");
            try {
                p.library = gateway.store(spec.folder(), plan.libraryName(), plan.jar());
                break;
            } catch (LibraryNameConflictException e) {
                reuseConflicting(plan, p, e);
                return;
            } catch (UploadUnansweredException e) {
                if (!spec.libraryName().usesHash()) {
                    throw failed(
                            p,
                            uploadOf(plan) + " got no answer: " + e.getMessage() + " — it may or may not be stored;"
                                    + " not retried, because the name template '" + spec.libraryName()
                                    + "' has no {hash}, so a library found under that name could not be proven to be"
                                    + " this jar (a name with {hash}, such as the default "
                                    + LibraryNameTemplate.DEFAULT + ", makes this upload retryable) — nothing was"
                                    + " changed on the clusters",
                            e);
                }
                RemoteLibrary landed = storedUnder(plan, p, e);
                if (landed != null) {
                    p.library = landed;
                    log.line("The upload landed although its answer was lost; reusing library " + landed.id() + " "
                            + landed.name() + " in " + spec.folder());
                    return;
                }
                if (attempt == Deployer.UPLOAD_ATTEMPTS) {
                    throw failed(
                            p,
                            uploadOf(plan) + " failed " + attempt + " times without an answer (last: " + e.getMessage()
                                    + "); " + spec.folder() + " does not hold it — nothing was changed on the"
                                    + " clusters",
                            e);
                }
                log.line("Upload of " + plan.libraryName() + " got no answer (attempt " + attempt + " of "
                        + Deployer.UPLOAD_ATTEMPTS + ": " + e.getMessage() + "); " + spec.folder()
                        + " does not hold it, so uploading again in " + LogFormat.duration(backoff));
                poller.pause(backoff);
                backoff = backoff.multipliedBy(2);
                attempt++;
            } catch (GatewayException e) {
                throw failed(
                        p, uploadOf(plan) + " failed: " + e.getMessage() + " — nothing was changed on the clusters", e);
            }
        }
        long millis = p.lap("upload", start);
        log.line("Uploaded " + plan.libraryName() + " as library " + p.libraryId() + " in " + spec.folder() + " ("
                + LogFormat.size(plan.jar().length()) + ", " + LogFormat.duration(Duration.ofMillis(millis))
                + (attempt == 1 ? "" : ", attempt " + attempt + " of " + Deployer.UPLOAD_ATTEMPTS) + ")");
    }

    private static String uploadOf(DeployPlan plan) {
        return "Upload of " + plan.jar().path() + " as " + plan.libraryName() + " to "
                + plan.spec().folder();
    }

    /** Someone stored the same name between pre-flight and now; with {hash} in the name (and its size) it is this jar. */
    private void reuseConflicting(DeployPlan plan, DeployProgress p, LibraryNameConflictException e)
            throws DeployException, InterruptedException {
        DeploySpec spec = plan.spec();
        RemoteLibrary same = GatewayCalls.read(
                        gateway, "list libraries", () -> gateway.stored(spec.folder(), plan.libraryName()))
                .orElse(null);
        if (same == null || !spec.libraryName().usesHash() || !same.sizeMatches(plan.jar())) {
            throw failed(
                    p,
                    DeployField.LIBRARY_NAME + ": " + spec.folder() + " already holds " + plan.libraryName() + " ("
                            + e.getMessage() + ") — nothing was changed; use a name template with {hash}",
                    e);
        }
        p.library = same;
        p.reused = true;
        log.line("Reusing library " + same.id() + " " + same.name() + ": it appeared in " + spec.folder()
                + " during the deploy, and the same name carries the same SHA-256");
    }

    /**
     * After an unanswered upload: the library now stored under the new name (with {hash} in it, this jar), or null. A
     * failed listing fails the deploy, before any cluster changed.
     */
    private RemoteLibrary storedUnder(DeployPlan plan, DeployProgress p, UploadUnansweredException unanswered)
            throws DeployException, InterruptedException {
        GatewayCalls.stopIfInterrupted("list libraries");
        try {
            return gateway.stored(plan.spec().folder(), plan.libraryName())
                    .filter(l -> l.sizeMatches(plan.jar()))
                    .orElse(null);
        } catch (GatewayException e) {
            throw failed(
                    p,
                    uploadOf(plan) + " got no answer (" + unanswered.getMessage() + "), and listing the libraries to"
                            + " see whether it landed failed: " + e.getMessage() + " — nothing was changed on the"
                            + " clusters; " + plan.spec().folder() + " may hold " + plan.libraryName()
                            + ", which the next deploy reuses",
                    e);
        }
    }

    /** Before any cluster changed: the log, the exception and the report all say the same thing. */
    private DeployException failed(DeployProgress p, String message, Exception cause) {
        log.line("FAILED: " + message);
        p.timings.put("total", p.elapsedMillis());
        return new DeployException(message, cause, p.report(Outcome.FAILED, message, List.of()));
    }
}
