// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/tasks/BuildStepCompatibilityLayer.java
package hudson.tasks;

@Deprecated
public abstract class BuildStepCompatibilityLayer implements BuildStep {}
