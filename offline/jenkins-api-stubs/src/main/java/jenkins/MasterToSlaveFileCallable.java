// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/jenkins/MasterToSlaveFileCallable.java
package jenkins;

import jenkins.agents.ControllerToAgentFileCallable;

public abstract class MasterToSlaveFileCallable<T> implements ControllerToAgentFileCallable<T> {
    private static final long serialVersionUID = 1L;
}
