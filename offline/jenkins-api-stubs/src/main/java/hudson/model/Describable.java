// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/Describable.java
package hudson.model;

public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
