package io.wescrm.wecom.callback;

import io.wescrm.wecom.callback.CallbackRejected.Reason;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XXE-safe streaming parse of WeCom's flat XML: a document with a DOCTYPE is refused outright (no external entities,
 * no entity expansion bombs, no external DTD), and entity references other than the five predefined ones fail.
 * Returns the root's child elements as name → text; list elements ({@code MemChangeList}'s {@code Item}s) are
 * joined with commas; nested elements ({@code BatchJob}) are flattened.
 */
public final class CallbackXml {

  private static final XMLInputFactory FACTORY = factory();

  private CallbackXml() {
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newInstance();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
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
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(new StringReader(xml));
      Deque<Open> open = new ArrayDeque<>();
      boolean root = false;
      while (r.hasNext()) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.DTD -> throw new CallbackRejected(Reason.MALFORMED_XML, "DOCTYPE is not allowed");
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw new CallbackRejected(Reason.MALFORMED_XML, "entity reference &" + r.getLocalName() + ";");
          case XMLStreamConstants.START_ELEMENT -> {
            if (!root) {
              root = true;
              open.push(new Open(r.getLocalName()));
            } else {
              open.peek().hasChildren = true;
              open.push(new Open(r.getLocalName()));
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (!open.isEmpty()) {
              open.peek().text.append(r.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            Open done = open.pop();
            Open parent = open.peek();
            if (parent == null) {
              break; // the root
            }
            if (done.items != null) {
              fields.put(done.name, String.join(",", done.items));
            } else if (!done.hasChildren) {
              if ("Item".equals(done.name) && parent != null) {
                if (parent.items == null) {
                  parent.items = new ArrayList<>();
                }
                parent.items.add(done.text.toString().trim());
              } else {
                fields.put(done.name, done.text.toString().trim());
              }
            }
          }
          default -> {
            // comments, processing instructions: ignored
          }
        }
      }
      if (!root) {
        throw new CallbackRejected(Reason.MALFORMED_XML, "no root element");
      }
      return fields;
    } catch (XMLStreamException | RuntimeException e) {
      if (e instanceof CallbackRejected rejected) {
        throw rejected;
      }
      throw new CallbackRejected(Reason.MALFORMED_XML, String.valueOf(e.getMessage()));
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing to release
        }
      }
    }
  }
}
