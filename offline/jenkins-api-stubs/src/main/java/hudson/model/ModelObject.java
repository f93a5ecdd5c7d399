// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/ModelObject.java
package hudson.model;

public interface ModelObject {
    String getDisplayName();
}
