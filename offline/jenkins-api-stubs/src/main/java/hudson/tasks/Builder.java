// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/tasks/Builder.java
package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;

@SuppressWarnings("deprecation")
public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {
    protected Builder() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
