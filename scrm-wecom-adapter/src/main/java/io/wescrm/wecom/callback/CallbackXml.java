package io.wescrm.wecom.callback;

import io.wescrm.wecom.callback.CallbackRejected.Reason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict parser for WeCom's flat XML, safe by construction: it has no notion of DTDs or entities at all, so
 * a DOCTYPE (XXE, entity expansion bombs) or any markup declaration is refused, and only the five predefined entities
 * and numeric character references are decoded. Elements, text, CDATA, comments and processing instructions (the
 * XML declaration) are understood; attributes are skipped. Returns the root's child elements as name → text; list
 * elements ({@code MemChangeList}'s {@code Item}s) are joined with commas; nested elements ({@code BatchJob}) are
 * flattened.
 *
 * <p>Hand-written rather than the JDK's StAX: creating a StAX reader looks up configuration on the class path for
 * every document, and on the callback hot path that cost more than the cryptography.
 */
public final class CallbackXml {

  private CallbackXml() {
  }

  /** One open element: its text, and whether it has child elements or {@code Item}s. */
  private static final class Open {
    final String name;
    final StringBuilder text = new StringBuilder();
    boolean hasChildren;
    List<String> items;

    Open(String name) {
      this.name = name;
    }
  }

  /** Parses one WeCom XML document into its fields. */
  public static Map<String, String> parse(String xml) {
    if (xml == null || xml.isBlank()) {
      throw new CallbackRejected(Reason.MALFORMED_XML, "empty body");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Deque<Open> open = new ArrayDeque<>();
    boolean rootSeen = false;
    boolean rootClosed = false;
    int i = 0;
    int n = xml.length();
    while (i < n) {
      char c = xml.charAt(i);
      if (c != '<') {
        int next = xml.indexOf('<', i);
        int end = next < 0 ? n : next;
        if (open.isEmpty()) {
          if (!xml.substring(i, end).isBlank()) {
            throw malformed("text outside the root element");
          }
        } else {
          decode(xml, i, end, open.peek().text);
        }
        i = end;
        continue;
      }
      if (xml.startsWith("<![CDATA[", i)) {
        int end = xml.indexOf("]]>", i + 9);
        if (end < 0 || open.isEmpty()) {
          throw malformed("unterminated or misplaced CDATA");
        }
        open.peek().text.append(xml, i + 9, end);
        i = end + 3;
      } else if (xml.startsWith("<!--", i)) {
        int end = xml.indexOf("-->", i + 4);
        if (end < 0) {
          throw malformed("unterminated comment");
        }
        i = end + 3;
      } else if (xml.startsWith("<!", i)) {
        throw malformed("markup declarations (DOCTYPE, ENTITY) are not allowed");
      } else if (xml.startsWith("<?", i)) {
        int end = xml.indexOf("?>", i + 2);
        if (end < 0) {
          throw malformed("unterminated processing instruction");
        }
        i = end + 2;
      } else if (xml.startsWith("</", i)) {
        int end = xml.indexOf('>', i + 2);
        if (end < 0 || open.isEmpty()) {
          throw malformed("unexpected end tag");
        }
        String name = xml.substring(i + 2, end).trim();
        Open done = open.pop();
        if (!done.name.equals(name)) {
          throw malformed("</" + name + "> closes <" + done.name + ">");
        }
        close(done, open.peek(), fields);
        if (open.isEmpty()) {
          rootClosed = true;
        }
        i = end + 1;
      } else {
        int end = xml.indexOf('>', i + 1);
        if (end < 0) {
          throw malformed("unterminated start tag");
        }
        boolean selfClosing = xml.charAt(end - 1) == '/';
        String tag = xml.substring(i + 1, selfClosing ? end - 1 : end).trim();
        int space = indexOfWhitespace(tag);
        String name = space < 0 ? tag : tag.substring(0, space);
        if (name.isEmpty() || !isName(name)) {
          throw malformed("bad element name '" + name + "'");
        }
        if (rootClosed) {
          throw malformed("content after the root element");
        }
        if (open.isEmpty()) {
          if (rootSeen) {
            throw malformed("second root element");
          }
          rootSeen = true;
        } else {
          open.peek().hasChildren = true;
        }
        Open element = new Open(name);
        if (selfClosing) {
          close(element, open.peek(), fields);
          if (open.isEmpty()) {
            rootClosed = true;
          }
        } else {
          open.push(element);
        }
        i = end + 1;
      }
    }
    if (!rootSeen || !open.isEmpty()) {
      throw malformed(rootSeen ? "unclosed <" + open.peek().name + ">" : "no root element");
    }
    return fields;
  }

  private static void close(Open done, Open parent, Map<String, String> fields) {
    if (parent == null) {
      return; // the root
    }
    if (done.items != null) {
      fields.put(done.name, String.join(",", done.items));
    } else if (!done.hasChildren) {
      if ("Item".equals(done.name)) {
        if (parent.items == null) {
          parent.items = new ArrayList<>();
        }
        parent.items.add(done.text.toString().trim());
      } else {
        fields.put(done.name, done.text.toString().trim());
      }
    }
  }

  /** Appends text, decoding the five predefined entities and character references; anything else is refused. */
  private static void decode(String xml, int from, int to, StringBuilder out) {
    int i = from;
    while (i < to) {
      char c = xml.charAt(i);
      if (c != '&') {
        out.append(c);
        i++;
        continue;
      }
      int semi = xml.indexOf(';', i);
      if (semi < 0 || semi >= to) {
        throw malformed("unterminated entity reference");
      }
      String ref = xml.substring(i + 1, semi);
      switch (ref) {
        case "lt" -> out.append('<');
        case "gt" -> out.append('>');
        case "amp" -> out.append('&');
        case "quot" -> out.append('"');
        case "apos" -> out.append('\'');
        default -> {
          if (!ref.startsWith("#")) {
            throw malformed("entity reference &" + ref + "; is not allowed");
          }
          try {
            int cp = ref.startsWith("#x") || ref.startsWith("#X") ? Integer.parseInt(ref.substring(2), 16)
                : Integer.parseInt(ref.substring(1));
            out.appendCodePoint(cp);
          } catch (IllegalArgumentException e) {
            throw malformed("bad character reference &" + ref + ";");
          }
        }
      }
      i = semi + 1;
    }
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':')) {
        return false;
      }
    }
    return !Character.isDigit(name.charAt(0));
  }

  private static CallbackRejected malformed(String detail) {
    return new CallbackRejected(Reason.MALFORMED_XML, detail);
  }
}
