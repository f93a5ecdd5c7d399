// Read from jenkinsci/json-lib @ bcd15fdb20bb : src/main/java/net/sf/json/JSONObject.java (extends AbstractJSON, implements JSON, Map, Comparable left out)
package net.sf.json;

public final class JSONObject {
    private JSONObject() {}
}
