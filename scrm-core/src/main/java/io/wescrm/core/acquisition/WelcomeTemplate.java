package io.wescrm.core.acquisition;

import java.util.List;
import java.util.Map;

/**
 * A channel's welcome message: text with variables ({@code {{customer_name}}}, {@code {{staff_name}}},
 * {@code {{store_name}}}, {@code {{channel}}}) and optional attachments in WeCom's shape ({@code msgtype} image,
 * link, miniprogram, video or file, with its body), at most 9.
 */
public record WelcomeTemplate(String text, List<Map<String, Object>> attachments) {

  public static final int MAX_TEXT_BYTES = 4000;
  public static final int MAX_ATTACHMENTS = 9;

  public WelcomeTemplate {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** The text with every variable replaced; unknown values render as empty strings. */
  public String render(String customerName, String staffName, String storeName, String channel) {
    if (text == null) {
      return null;
    }
    return text.replace("{{customer_name}}", nz(customerName)).replace("{{staff_name}}", nz(staffName))
        .replace("{{store_name}}", nz(storeName)).replace("{{channel}}", nz(channel));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
