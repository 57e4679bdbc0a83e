package io.wescrm.core.campaigns;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One attachment of a campaign as the operator defined it, before media are uploaded. Fields by type (blank counts
 * as missing):
 * <ul>
 *   <li>{@code image}: {@code picUrl} (http/https) or {@code assetId};</li>
 *   <li>{@code link}: {@code title} (≤ 128 bytes), {@code url} (http/https), optional {@code picUrl} (http/https)
 *       and {@code desc} (≤ 512 bytes);</li>
 *   <li>{@code miniprogram}: {@code title} (≤ 64 bytes), {@code appId}, {@code page}, and {@code picAssetId} or
 *       {@code picMediaId};</li>
 *   <li>{@code video}, {@code file}: {@code assetId} or {@code mediaId}.</li>
 * </ul>
 * Other fields are ignored.
 *
 * @param type image, link, miniprogram, video or file (WeCom's {@code msgtype})
 * @param fields the type's fields, by the names above
 */
public record AttachmentSpec(String type, Map<String, String> fields) {

  /** WeCom's limit on attachments per add_msg_template. */
  public static final int MAX_ATTACHMENTS = 9;
  public static final int LINK_TITLE_MAX_BYTES = 128;
  public static final int LINK_DESC_MAX_BYTES = 512;
  public static final int MINIPROGRAM_TITLE_MAX_BYTES = 64;
  /** The accepted types, in display order. */
  public static final List<String> TYPES = List.of("image", "link", "miniprogram", "video", "file");
  /** Path of the attachment list; one attachment is {@code content.attachments[i]}, a field of it {@code ….title}. */
  public static final String PATH = "content.attachments";

  public AttachmentSpec {
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  /** The field's value, or null if absent or blank. */
  public String field(String name) {
    String v = fields.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  /**
   * Every problem of {@code attachments} (null is none): more than {@value #MAX_ATTACHMENTS} at path
   * {@code content.attachments}; a bad type at {@code content.attachments[i]}; a bad field at
   * {@code content.attachments[i].<field>} (for "one of two" rules the first name, e.g. {@code .assetId}).
   */
  public static List<CampaignError> validate(List<AttachmentSpec> attachments) {
    List<CampaignError> errors = new ArrayList<>();
    if (attachments == null) {
      return errors;
    }
    if (attachments.size() > MAX_ATTACHMENTS) {
      errors.add(new CampaignError(PATH, "附件最多 " + MAX_ATTACHMENTS + " 个，当前 " + attachments.size() + " 个"));
    }
    for (int i = 0; i < attachments.size(); i++) {
      String at = PATH + "[" + i + "]";
      AttachmentSpec a = attachments.get(i);
      if (a == null || a.type() == null || a.type().isBlank()) {
        errors.add(new CampaignError(at, "第 " + (i + 1) + " 个附件缺少类型，可选：" + typeList()));
        continue;
      }
      String label = "第 " + (i + 1) + " 个附件";
      switch (a.type()) {
        case "image" -> {
          if (a.field("picUrl") == null && a.field("assetId") == null) {
            errors.add(new CampaignError(at + ".assetId", label + "（图片）需要选择素材或填写图片地址 picUrl"));
          }
          a.url("picUrl", at, label + "（图片）的图片地址", errors);
        }
        case "link" -> {
          a.text("title", LINK_TITLE_MAX_BYTES, true, at, label + "（链接）的标题", errors);
          if (a.field("url") == null) {
            errors.add(new CampaignError(at + ".url", label + "（链接）缺少链接地址 url"));
          }
          a.url("url", at, label + "（链接）的链接地址", errors);
          a.url("picUrl", at, label + "（链接）的封面图地址", errors);
          a.text("desc", LINK_DESC_MAX_BYTES, false, at, label + "（链接）的描述", errors);
        }
        case "miniprogram" -> {
          a.text("title", MINIPROGRAM_TITLE_MAX_BYTES, true, at, label + "（小程序）的标题", errors);
          if (a.field("appId") == null) {
            errors.add(new CampaignError(at + ".appId", label + "（小程序）缺少小程序 appId"));
          }
          if (a.field("page") == null) {
            errors.add(new CampaignError(at + ".page", label + "（小程序）缺少小程序页面路径 page"));
          }
          if (a.field("picAssetId") == null && a.field("picMediaId") == null) {
            errors.add(new CampaignError(at + ".picAssetId", label + "（小程序）需要选择封面图素材"));
          }
        }
        case "video", "file" -> {
          if (a.field("assetId") == null && a.field("mediaId") == null) {
            String kind = a.type().equals("video") ? "视频" : "文件";
            errors.add(new CampaignError(at + ".assetId", label + "（" + kind + "）需要选择" + kind + "素材"));
          }
        }
        default -> errors.add(new CampaignError(at, label + "的类型 " + a.type() + " 不受支持，可选：" + typeList()));
      }
    }
    return errors;
  }

  private static String typeList() {
    return "图片 image、链接 link、小程序 miniprogram、视频 video、文件 file";
  }

  private void text(String name, int maxBytes, boolean required, String at, String what, List<CampaignError> errors) {
    String v = field(name);
    if (v == null) {
      if (required) {
        errors.add(new CampaignError(at + "." + name, what + "不能为空"));
      }
      return;
    }
    int bytes = MessageTemplate.utf8(v);
    if (bytes > maxBytes) {
      errors.add(new CampaignError(at + "." + name, what + "最长 " + maxBytes + " 字节（约 " + maxBytes / 3
          + " 个汉字），当前 " + bytes + " 字节"));
    }
  }

  private void url(String name, String at, String what, List<CampaignError> errors) {
    String v = field(name);
    if (v != null && !isHttpUrl(v)) {
      errors.add(new CampaignError(at + "." + name, what + "必须是以 http:// 或 https:// 开头的网址"));
    }
  }

  /** Whether {@code s} is an absolute http or https URL with a host. */
  public static boolean isHttpUrl(String s) {
    try {
      URI uri = new URI(s.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
