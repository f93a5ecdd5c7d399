// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/tasks/Recorder.java
package hudson.tasks;

import hudson.ExtensionPoint;

public abstract class Recorder extends Publisher implements ExtensionPoint {
    @SuppressWarnings("deprecation")
    protected Recorder() {}
}
