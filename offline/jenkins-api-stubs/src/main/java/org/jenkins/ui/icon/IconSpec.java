// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/org/jenkins/ui/icon/IconSpec.java
package org.jenkins.ui.icon;

public interface IconSpec {
    String getIconClassName();
}
