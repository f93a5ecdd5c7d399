// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/tasks/Publisher.java
package hudson.tasks;

import hudson.model.Describable;

@SuppressWarnings("deprecation")
public abstract class Publisher extends BuildStepCompatibilityLayer implements Describable<Publisher> {
    @Deprecated
    protected Publisher() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
