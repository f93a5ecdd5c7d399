// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/Run.java (of its interfaces only AccessControlled is kept)
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import java.io.IOException;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements AccessControlled {
    public @CheckForNull Result getResult() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @NonNull JobT getParent() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @NonNull String getExternalizableId() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
