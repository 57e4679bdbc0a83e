package io.wescrm.core.campaigns;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A stable key of rendered content, so recipients who get identical text and attachments share one
 * add_msg_template call.
 */
public final class RenderKey {

  private RenderKey() {
  }

  /**
   * The first 16 hex characters (8 bytes) of the SHA-256 of a canonical form of {@code text} (null = "") and
   * {@code attachments} (null = empty). The canonical form does not depend on map iteration order: strings are
   * quoted, maps are sorted by their keys' canonical form, collections and arrays keep their order, records are
   * their simple class name and components, enums their name, numbers and booleans their {@code toString}, other
   * objects their {@code toString}. The same inputs give the same key on every JVM.
   */
  public static String of(String text, List<?> attachments) {
    StringBuilder canonical = new StringBuilder();
    canonical(text == null ? "" : text, canonical);
    canonical.append('|');
    canonical(attachments == null ? List.of() : attachments, canonical);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    byte[] digest = sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  static void canonical(Object o, StringBuilder out) {
    if (o == null) {
      out.append("null");
    } else if (o instanceof CharSequence s) {
      quote(s.toString(), out);
    } else if (o instanceof Number || o instanceof Boolean) {
      out.append(o);
    } else if (o instanceof Enum<?> e) {
      out.append(e.name());
    } else if (o instanceof Map<?, ?> map) {
      List<String[]> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        StringBuilder k = new StringBuilder();
        canonical(e.getKey(), k);
        StringBuilder v = new StringBuilder();
        canonical(e.getValue(), v);
        entries.add(new String[] {k.toString(), v.toString()});
      }
      entries.sort((a, b) -> a[0].compareTo(b[0]));
      out.append('{');
      for (int i = 0; i < entries.size(); i++) {
        out.append(i == 0 ? "" : ",").append(entries.get(i)[0]).append(':').append(entries.get(i)[1]);
      }
      out.append('}');
    } else if (o instanceof Collection<?> c) {
      list(c, out);
    } else if (o.getClass().isArray()) {
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(o); i++) {
        items.add(Array.get(o, i));
      }
      list(items, out);
    } else if (o.getClass().isRecord()) {
      out.append(o.getClass().getSimpleName()).append('(');
      RecordComponent[] components = o.getClass().getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        out.append(i == 0 ? "" : ",").append(components[i].getName()).append('=');
        canonical(component(o, components[i]), out);
      }
      out.append(')');
    } else {
      quote(o.toString(), out);
    }
  }

  private static void list(Collection<?> c, StringBuilder out) {
    out.append('[');
    boolean first = true;
    for (Object item : c) {
      out.append(first ? "" : ",");
      canonical(item, out);
      first = false;
    }
    out.append(']');
  }

  private static Object component(Object record, RecordComponent c) {
    try {
      var accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + c.getName() + " of " + record.getClass().getName(), e);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') {
        out.append('\\');
      }
      out.append(ch);
    }
    out.append('"');
  }
}
