// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/tasks/BuildStepMonitor.java
package hudson.tasks;

public enum BuildStepMonitor {
    NONE,
    STEP,
    BUILD
}
