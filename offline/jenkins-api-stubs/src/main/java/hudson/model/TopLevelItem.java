// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/TopLevelItem.java (of its super-interfaces only Item is kept)
package hudson.model;

public interface TopLevelItem extends Item {}
