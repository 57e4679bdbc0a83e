package io.wescrm.core.campaigns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A parsed, validated message text with personalisation variables.
 *
 * <p>Syntax: {@code {{name}}} or {@code {{name|fallback}}}; whitespace around the name and the fallback is ignored
 * ({@code {{ remark | 亲爱的顾客 }}}). The fallback runs to the first {@code }}} and may contain {@code |}. Names:
 * <ul>
 *   <li>built-ins for 客户群发: {@code customer_name}, {@code remark} (the staff's remark of the customer),
 *       {@code staff_name}, {@code store_name}, {@code lifecycle_stage}, {@code channel} (the channel name of the
 *       customer's attribution);</li>
 *   <li>{@code tag:<tag group>}: the customer's tag in that group (first by name if several);</li>
 *   <li>{@code attr:<attribute>}: an operator-defined customer attribute;</li>
 *   <li>for 群发到客户群 only: {@code staff_name}, {@code store_name}, {@code group_name}.</li>
 * </ul>
 * Every variable except {@code customer_name} and {@code staff_name} may be empty, so it needs a non-blank fallback.
 *
 * <p>Escape: {@code \{{} renders a literal {@code {{} (the backslash is dropped); a backslash anywhere else is kept
 * as is, and a lone {@code }}} outside a variable is literal text.
 *
 * <p>Size: {@link #maxRenderedBytes()} is the worst case in UTF-8 bytes (literal text + for each variable the larger
 * of its cap, {@link TemplateContext#maxBytes}, and its fallback); it must be ≤ {@value #MAX_BYTES}, WeCom's limit
 * for {@code text.content}. {@link #render} cuts a value longer than its cap, so a render never exceeds the bound.
 */
public final class MessageTemplate {

  /** WeCom's limit for add_msg_template {@code text.content}, in UTF-8 bytes. */
  public static final int MAX_BYTES = 4000;
  /** Error path of every problem found by {@link #parse}. */
  public static final String PATH = "content.text";
  public static final String TAG_PREFIX = "tag:";
  public static final String ATTR_PREFIX = "attr:";
  /** Built-ins of a 客户群发, in display order. */
  public static final List<String> CUSTOMER_VARIABLES =
      List.of("customer_name", "remark", "staff_name", "store_name", "lifecycle_stage", "channel");
  /** Built-ins of a 群发到客户群, in display order. */
  public static final List<String> GROUP_VARIABLES = List.of("staff_name", "store_name", "group_name");
  /** Variables that are never empty and so need no fallback. */
  public static final Set<String> NEVER_EMPTY = Set.of("customer_name", "staff_name");

  private static final Map<String, String> EXAMPLE_FALLBACK = Map.of(
      "customer_name", "亲爱的顾客", "remark", "亲爱的顾客", "store_name", "本店", "group_name", "各位",
      "lifecycle_stage", "客户", "channel", "线上");

  /** One piece of a template. */
  public sealed interface Part permits Literal, Variable {
  }

  /** Text rendered as is (escapes already resolved). */
  public record Literal(String text) implements Part {
  }

  /**
   * A variable.
   *
   * @param key {@code customer_name}, {@code tag:会员等级}, {@code attr:生日}, ...
   * @param fallback rendered when the value is null or blank; null if none was given
   */
  public record Variable(String key, String fallback) implements Part {
  }

  private final String source;
  private final List<Part> parts;
  private final Map<String, Integer> caps;
  private final int maxRenderedBytes;

  private MessageTemplate(String source, List<Part> parts, Map<String, Integer> caps, int maxRenderedBytes) {
    this.source = source;
    this.parts = List.copyOf(parts);
    this.caps = Map.copyOf(caps);
    this.maxRenderedBytes = maxRenderedBytes;
  }

  /**
   * Parses and validates {@code text} (null is read as empty).
   *
   * @throws InvalidCampaignException listing every problem, each with path {@value #PATH}
   */
  public static MessageTemplate parse(String text, TemplateContext ctx) {
    String src = text == null ? "" : text;
    Set<String> messages = new LinkedHashSet<>();
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    int n = src.length();
    while (i < n) {
      if (src.startsWith("\\{{", i)) {
        literal.append("{{");
        i += 3;
        continue;
      }
      if (src.startsWith("{{", i)) {
        int close = src.indexOf("}}", i + 2);
        int reopen = src.indexOf("{{", i + 2);
        if (close < 0 || (reopen >= 0 && reopen < close)) {
          messages.add("第 " + (i + 1) + " 个字符处的 {{ 没有闭合（缺少 }}）；如需原样显示 {{，请写作 \\{{");
          literal.append("{{");
          i += 2;
          continue;
        }
        Variable v = variable(src.substring(i + 2, close), i, ctx, messages);
        if (v != null) {
          if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
          }
          parts.add(v);
        }
        i = close + 2;
        continue;
      }
      literal.append(src.charAt(i));
      i++;
    }
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
    }
    Map<String, Integer> caps = new java.util.HashMap<>();
    long worst = 0;
    for (Part p : parts) {
      if (p instanceof Literal l) {
        worst += utf8(l.text());
      } else if (p instanceof Variable v) {
        int cap = ctx.maxBytes(v.key());
        caps.put(v.key(), cap);
        worst += Math.max(cap, v.fallback() == null ? 0 : utf8(v.fallback()));
      }
    }
    if (worst > MAX_BYTES) {
      messages.add("内容渲染后最长可达 " + worst + " 字节，超过企业微信 " + MAX_BYTES + " 字节上限");
    }
    if (!messages.isEmpty()) {
      throw new InvalidCampaignException(messages.stream().map(m -> new CampaignError(PATH, m)).toList());
    }
    return new MessageTemplate(src, parts, caps, (int) worst);
  }

  private static Variable variable(String inner, int at, TemplateContext ctx, Set<String> messages) {
    int bar = inner.indexOf('|');
    String name = (bar < 0 ? inner : inner.substring(0, bar)).strip();
    String fallback = bar < 0 ? null : inner.substring(bar + 1).strip();
    if (fallback != null && fallback.isEmpty()) {
      fallback = null;
    }
    String key = key(name, at, ctx, messages);
    if (key == null) {
      return null;
    }
    if (fallback == null && !NEVER_EMPTY.contains(key)) {
      messages.add("变量 {{" + key + "}} 可能为空，请提供默认值，例如 {{" + key + "|"
          + EXAMPLE_FALLBACK.getOrDefault(key, "默认值") + "}}");
    }
    return new Variable(key, fallback);
  }

  /** The canonical key of {@code name}, or null after adding why it is refused. */
  private static String key(String name, int at, TemplateContext ctx, Set<String> messages) {
    if (name.isEmpty()) {
      messages.add("第 " + (at + 1) + " 个字符处的变量缺少变量名");
      return null;
    }
    for (String prefix : List.of(TAG_PREFIX, ATTR_PREFIX)) {
      if (name.startsWith(prefix)) {
        String ref = name.substring(prefix.length()).strip();
        boolean tag = prefix.equals(TAG_PREFIX);
        String kind = tag ? "标签组" : "客户属性";
        if (ref.isEmpty()) {
          messages.add("第 " + (at + 1) + " 个字符处的变量 {{" + prefix + "}} 缺少" + kind + "名");
          return null;
        }
        String key = prefix + ref;
        if (ctx.groupChat()) {
          messages.add(notForGroups(key, ctx));
          return null;
        }
        Set<String> known = tag ? ctx.tagGroups() : ctx.attributes();
        if (!known.contains(ref)) {
          messages.add("未知" + kind + " {{" + key + "}}，"
              + (known.isEmpty() ? "当前没有可用的" + kind : "可用" + kind + "：" + String.join("、", known.stream()
                  .sorted().toList())));
          return null;
        }
        return key;
      }
    }
    if (ctx.builtIns().contains(name)) {
      return name;
    }
    if (ctx.groupChat() && CUSTOMER_VARIABLES.contains(name)) {
      messages.add(notForGroups(name, ctx));
    } else if (!ctx.groupChat() && GROUP_VARIABLES.contains(name)) {
      messages.add("变量 {{" + name + "}} 只能用于群发到客户群");
    } else {
      messages.add("未知变量 {{" + name + "}}，可用变量：" + available(ctx));
    }
    return null;
  }

  private static String notForGroups(String key, TemplateContext ctx) {
    return "变量 {{" + key + "}} 只能用于客户群发，群发到客户群可用变量：" + available(ctx);
  }

  private static String available(TemplateContext ctx) {
    List<String> names = new ArrayList<>(ctx.builtIns().stream().map(b -> "{{" + b + "}}").toList());
    if (!ctx.groupChat()) {
      names.add("{{tag:标签组名}}");
      names.add("{{attr:客户属性名}}");
    }
    return String.join("、", names);
  }

  /**
   * Renders the text. {@code values.apply(key)} gives a variable's value ({@code customer_name},
   * {@code tag:会员等级}, ...); null or blank renders the fallback (or nothing if none). A value longer than its cap
   * is cut at a code point boundary, so the result never exceeds {@link #maxRenderedBytes()}.
   */
  public String render(Function<String, String> values) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else if (p instanceof Variable v) {
        String value = values.apply(v.key());
        if (value == null || value.isBlank()) {
          out.append(v.fallback() == null ? "" : v.fallback());
        } else {
          out.append(truncate(value, caps.get(v.key())));
        }
      }
    }
    return out.toString();
  }

  /** Keys of the variables used, in order of first use. */
  public Set<String> variables() {
    return parts.stream().filter(p -> p instanceof Variable).map(p -> ((Variable) p).key())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Whether the text differs per recipient (uses any variable). */
  public boolean personal() {
    return parts.stream().anyMatch(p -> p instanceof Variable);
  }

  /** The worst-case rendered size in UTF-8 bytes (≤ {@value #MAX_BYTES}). */
  public int maxRenderedBytes() {
    return maxRenderedBytes;
  }

  /** The text as written. */
  public String source() {
    return source;
  }

  /** The parsed pieces, in order. */
  public List<Part> parts() {
    return parts;
  }

  /** UTF-8 length of {@code s}. */
  public static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** {@code s} cut to at most {@code maxBytes} UTF-8 bytes, at a code point boundary. */
  static String truncate(String s, int maxBytes) {
    if (utf8(s) <= maxBytes) {
      return s;
    }
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + len > maxBytes) {
        break;
      }
      bytes += len;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }

  @Override
  public String toString() {
    return "MessageTemplate[" + source + "]";
  }
}
