// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/jenkins/agents/ControllerToAgentFileCallable.java
package jenkins.agents;

import hudson.FilePath;

public interface ControllerToAgentFileCallable<T> extends FilePath.FileCallable<T> {}
