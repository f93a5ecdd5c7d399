// Read from jenkinsci/jenkins @ jenkins-2.555.3 : core/src/main/java/hudson/model/AbstractItem.java (of its interfaces only Item is kept)
package hudson.model;

public abstract class AbstractItem extends Actionable implements Item {
    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
