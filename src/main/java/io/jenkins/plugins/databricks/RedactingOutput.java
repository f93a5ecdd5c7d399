package io.jenkins.plugins.databricks;

import io.jenkins.plugins.databricks.api.ProxySettings;
import io.jenkins.plugins.databricks.api.SecretRedactor;
import io.jenkins.plugins.databricks.deploy.Checkpoints;
import io.jenkins.plugins.databricks.deploy.DeployCheckpoint;
import io.jenkins.plugins.databricks.deploy.DeployListener;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import java.io.PrintStream;

/**
 * The boundary every text of a deploy crosses before Jenkins shows or stores it: log lines (the build log), the
 * report (the build page, {@code build.xml}, the step's return value and environment variables), the checkpoints
 * saved with the build for a resume, and error messages
 * (the build log, the build's result). All of it passes through the deploy's {@link SecretRedactor}, which holds the
 * token or password, the proxy password and whatever the auth layer registers later (a token minted during the
 * deploy). The smoke command's output, which the user's code writes, is the likeliest to carry a secret. Free of
 * Jenkins, so the offline tests drive it with real deploys.
 */
public final class RedactingOutput {

    private final SecretRedactor redactor;

    public RedactingOutput(SecretRedactor redactor) {
        this.redactor = redactor;
    }

    /** The secrets a deploy starts with: its credentials. */
    public static RedactingOutput of(WorkspaceAuth auth) {
        SecretRedactor redactor = new SecretRedactor();
        if (auth != null) {
            if (auth.clientAuth().isPresent()) {
                // a service principal's secret, an id token, and every access token minted during the deploy
                auth.clientAuth().get().onSecret(redactor::add);
            } else if (auth.isBearer()) {
                redactor.add(auth.secret());
            } else {
                redactor.addBasic(auth.basicUser(), auth.secret());
            }
        }
        return new RedactingOutput(redactor);
    }

    /** Adds the proxy's password, if the proxy has one; returns this. */
    public RedactingOutput withProxy(ProxySettings proxy) {
        if (proxy != null && proxy.password() != null) {
            redactor.addBasic(proxy.username(), proxy.password());
        }
        return this;
    }

    /** Where the auth layer registers secrets it obtains during the deploy. */
    public SecretRedactor redactor() {
        return redactor;
    }

    /** Log lines, redacted as they are written (several threads may write at once; each line stays whole). */
    public DeployListener log(PrintStream out) {
        return line -> out.println(redactor.redact(line));
    }

    /** The report as it may be stored and shown: every string in it redacted. */
    public DeployReport report(DeployReport report) {
        return DeployReport.fromJson(redactor.redactJson(report.toJson()));
    }

    /** A checkpoint as it may be stored with the build (its smoke output and failure text come from the server). */
    public Checkpoints checkpoints(Checkpoints store) {
        return checkpoint -> store.save(DeployCheckpoint.fromJson(redactor.redactJson(checkpoint.toJson())));
    }

    /** A message for the build log or an exception. */
    public String text(String message) {
        return redactor.redact(message);
    }
}
