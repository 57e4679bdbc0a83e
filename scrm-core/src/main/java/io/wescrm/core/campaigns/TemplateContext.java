package io.wescrm.core.campaigns;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link MessageTemplate} may refer to: the corp's tag group names ({@code {{tag:会员等级}}}), the operator's
 * customer attribute names ({@code {{attr:生日}}}), whether the campaign goes to group chats (then
 * {@code {{group_name}}} is allowed and customer variables are not), and optional caps on a variable's rendered size.
 *
 * <p>Default caps ({@link #maxBytes(String)}) follow the DB columns the values come from, counted at
 * {@value #BYTES_PER_CHAR} UTF-8 bytes per character (CJK-realistic; a value made only of emoji could be longer, and
 * {@link MessageTemplate#render} cuts any value to its cap so the bound always holds):
 * customer_name, remark, staff_name, store_name, group_name 128 chars = 384 B; lifecycle_stage 32 = 96 B;
 * channel 64 = 192 B; tag:* 64 = 192 B; attr:* 256 = 768 B.
 *
 * @param tagGroups names of the corp's tag groups
 * @param attributes names of the operator-defined customer attributes
 * @param groupChat true for 群发到客户群 (one message per group chat), false for 客户群发
 * @param maxBytesOverride per variable key ({@code remark}, {@code tag:会员等级}, ...) a cap in UTF-8 bytes that
 *     replaces the default
 */
public record TemplateContext(Set<String> tagGroups, Set<String> attributes, boolean groupChat,
    Map<String, Integer> maxBytesOverride) {

  /** Bytes counted per character of a DB column when computing default caps. */
  public static final int BYTES_PER_CHAR = 3;

  /** Default caps in UTF-8 bytes of the built-in variables. */
  public static final Map<String, Integer> DEFAULT_MAX_BYTES = Map.of(
      "customer_name", 128 * BYTES_PER_CHAR,
      "remark", 128 * BYTES_PER_CHAR,
      "staff_name", 128 * BYTES_PER_CHAR,
      "store_name", 128 * BYTES_PER_CHAR,
      "group_name", 128 * BYTES_PER_CHAR,
      "lifecycle_stage", 32 * BYTES_PER_CHAR,
      "channel", 64 * BYTES_PER_CHAR);
  /** Default cap in UTF-8 bytes of a {@code tag:*} variable (a tag name, VARCHAR(64)). */
  public static final int TAG_MAX_BYTES = 64 * BYTES_PER_CHAR;
  /** Default cap in UTF-8 bytes of an {@code attr:*} variable (an attribute value, VARCHAR(256)). */
  public static final int ATTR_MAX_BYTES = 256 * BYTES_PER_CHAR;

  public TemplateContext {
    tagGroups = tagGroups == null ? Set.of() : Set.copyOf(tagGroups);
    attributes = attributes == null ? Set.of() : Set.copyOf(attributes);
    maxBytesOverride = maxBytesOverride == null ? Map.of() : Map.copyOf(maxBytesOverride);
    maxBytesOverride.forEach((k, v) -> {
      if (v < 0) {
        throw new IllegalArgumentException("negative cap for " + k + ": " + v);
      }
    });
  }

  /** A context for 客户群发 (to customers). */
  public static TemplateContext customers(Set<String> tagGroups, Set<String> attributes) {
    return new TemplateContext(tagGroups, attributes, false, Map.of());
  }

  /** A context for 群发到客户群 (to group chats): only staff_name, store_name and group_name make sense there. */
  public static TemplateContext groupChats() {
    return new TemplateContext(Set.of(), Set.of(), true, Map.of());
  }

  /** This context with {@code key}'s cap set to {@code bytes}. */
  public TemplateContext withMaxBytes(String key, int bytes) {
    Map<String, Integer> caps = new HashMap<>(maxBytesOverride);
    caps.put(key, bytes);
    return new TemplateContext(tagGroups, attributes, groupChat, caps);
  }

  /** The most UTF-8 bytes {@code key}'s value may render to (the override, else the default above). */
  public int maxBytes(String key) {
    Integer own = maxBytesOverride.get(key);
    if (own != null) {
      return own;
    }
    if (key.startsWith(MessageTemplate.TAG_PREFIX)) {
      return TAG_MAX_BYTES;
    }
    if (key.startsWith(MessageTemplate.ATTR_PREFIX)) {
      return ATTR_MAX_BYTES;
    }
    Integer builtIn = DEFAULT_MAX_BYTES.get(key);
    if (builtIn == null) {
      throw new IllegalArgumentException("unknown variable " + key);
    }
    return builtIn;
  }

  /** The built-in variable names this context allows, in display order. */
  public List<String> builtIns() {
    Set<String> names = new LinkedHashSet<>();
    if (groupChat) {
      names.addAll(MessageTemplate.GROUP_VARIABLES);
    } else {
      names.addAll(MessageTemplate.CUSTOMER_VARIABLES);
    }
    return List.copyOf(names);
  }
}
