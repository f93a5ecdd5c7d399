// Read from jenkinsci/remoting @ fa5f12a8 : src/main/java/hudson/remoting/VirtualChannel.java
package hudson.remoting;

public interface VirtualChannel {}
