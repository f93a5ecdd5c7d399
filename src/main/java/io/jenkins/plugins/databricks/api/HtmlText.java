package io.jenkins.plugins.databricks.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns HTML fragments from the server (error pages, command error summaries) into one readable line. */
public final class HtmlText {

    /** Tags that separate words; others (span, b, a...) sit inside words and vanish without a space. */
    private static final Pattern BLOCK_TAG =
            Pattern.compile("(?i)</?(br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|pre|title|head|body|html|hr)\\b[^>]*>");

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]{1,6});");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1\\s*>");

    private HtmlText() {}

    /** Removes tags, decodes entities, collapses whitespace. */
    public static String toPlainText(String html) {
        if (html == null) {
            return null;
        }
        String noScripts = SCRIPT_OR_STYLE.matcher(html).replaceAll(" ");
        String spaced = BLOCK_TAG.matcher(noScripts).replaceAll(" ");
        String noTags = TAG.matcher(spaced).replaceAll("");
        return WHITESPACE.matcher(decodeEntities(noTags)).replaceAll(" ").strip();
    }

    static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = NUMERIC_ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder(s.length());
        while (m.find()) {
            int code;
            try {
                code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            } catch (NumberFormatException e) {
                code = '?';
            }
            String replacement = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "?";
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
    }

    /** Whether the text looks like an HTML document or fragment rather than plain text or JSON. */
    static boolean looksLikeHtml(String s) {
        String t = s.stripLeading();
        return t.startsWith("<") && !t.startsWith("<?xml") || t.regionMatches(true, 0, "<!doctype html", 0, 14);
    }
}
