package io.wescrm.wecom.callback;

import io.wescrm.wecom.callback.CallbackRejected.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * XXE-safe parsing of WeCom's flat XML: any DOCTYPE is refused (no external entities, no entity expansion bombs),
 * external DTDs and XInclude are off. Returns the root's child elements as name → text; list elements
 * ({@code MemChangeList}'s {@code Item}s) are joined with commas; nested elements ({@code BatchJob}) are flattened.
 */
public final class CallbackXml {

  private static final DocumentBuilderFactory FACTORY = factory();
  private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
    try {
      DocumentBuilder builder = FACTORY.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  });

  private CallbackXml() {
  }

  private static DocumentBuilderFactory factory() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      return f;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("XML parser cannot be secured", e);
    }
  }

  /** Parses one WeCom XML document into its fields. */
  public static Map<String, String> parse(String xml) {
    if (xml == null || xml.isBlank()) {
      throw new CallbackRejected(Reason.MALFORMED_XML, "empty body");
    }
    Document doc;
    DocumentBuilder builder = BUILDER.get();
    try {
      doc = builder.parse(new InputSource(new StringReader(xml)));
    } catch (SAXException | IOException e) {
      throw new CallbackRejected(Reason.MALFORMED_XML, String.valueOf(e.getMessage()));
    } finally {
      builder.reset();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    collect(doc.getDocumentElement(), fields);
    return fields;
  }

  private static void collect(Element parent, Map<String, String> fields) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (!(children.item(i) instanceof Element e)) {
        continue;
      }
      List<Element> elements = childElements(e);
      if (elements.isEmpty()) {
        fields.put(e.getTagName(), e.getTextContent().trim());
      } else if (elements.stream().allMatch(c -> c.getTagName().equals("Item"))) {
        List<String> items = new ArrayList<>();
        elements.forEach(c -> items.add(c.getTextContent().trim()));
        fields.put(e.getTagName(), String.join(",", items));
      } else {
        collect(e, fields);
      }
    }
  }

  private static List<Element> childElements(Element e) {
    List<Element> list = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        list.add(child);
      }
    }
    return list;
  }
}
