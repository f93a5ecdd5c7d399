// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/AbstractDescribableImpl.java
package hudson.model;

@Deprecated(since = "2.505")
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
