// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/EnvironmentContributingAction.java
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;

public interface EnvironmentContributingAction extends Action {
    default void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
