// Read from jenkinsci/remoting @ 3355.v388858a_47b_33 (bundled by jenkins-2.555.3) : src/main/java/hudson/remoting/VirtualChannel.java
package hudson.remoting;

public interface VirtualChannel {}
