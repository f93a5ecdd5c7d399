// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/ItemGroup.java (its super-interfaces left out)
package hudson.model;

public interface ItemGroup<T extends Item> {}
