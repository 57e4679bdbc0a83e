package io.wescrm.core.community;

import io.wescrm.core.remote.RemoteCallException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Group welcome templates (入群欢迎语素材): WeCom first (group_welcome_template/add|edit|del), then ours. */
public class GroupWelcomeTemplateManagement {

  private static final Logger log = LoggerFactory.getLogger(GroupWelcomeTemplateManagement.class);

  /** What an operator asks for; null fields of an update keep the stored value. */
  public record Command(String name, GroupWelcomeContent content, Boolean notifyOwners) {
  }

  private final GroupWelcomeTemplates templates;
  private final Function<String, RemoteCommunity> remote;
  private final Clock clock;

  public GroupWelcomeTemplateManagement(GroupWelcomeTemplates templates, Function<String, RemoteCommunity> remote,
      Clock clock) {
    this.templates = templates;
    this.remote = remote;
    this.clock = clock;
  }

  public GroupWelcomeTemplate create(String corpId, Command c) {
    String name = requireName(c.name());
    GroupWelcomeContent content = check(c.content());
    boolean notify = c.notifyOwners() == null || c.notifyOwners();
    String templateId = CommunityException.call(() -> remote.apply(corpId).addGroupWelcomeTemplate(content, notify));
    Instant now = clock.instant();
    try {
      long id = templates.insert(new GroupWelcomeTemplate(0, corpId, templateId, name, content, notify, now, now,
          null));
      return find(corpId, id);
    } catch (RuntimeException e) {
      try {
        remote.apply(corpId).deleteGroupWelcomeTemplate(templateId);
      } catch (RuntimeException cleanup) {
        log.error("Group welcome template {} of corp {} exists in WeCom but not here: {}", templateId, corpId,
            cleanup.toString());
      }
      throw e;
    }
  }

  public GroupWelcomeTemplate update(String corpId, long id, Command c) {
    GroupWelcomeTemplate old = live(corpId, id);
    String name = c.name() != null ? requireName(c.name()) : old.name();
    GroupWelcomeContent content = c.content() != null ? check(c.content()) : old.content();
    if (c.content() != null && !content.equals(old.content())) {
      CommunityException.call(() -> {
        remote.apply(corpId).editGroupWelcomeTemplate(old.templateId(), content);
        return null;
      });
    }
    templates.update(new GroupWelcomeTemplate(id, corpId, old.templateId(), name, content,
        c.notifyOwners() != null ? c.notifyOwners() : old.notifyOwners(), old.createdAt(), clock.instant(), null));
    return find(corpId, id);
  }

  public void delete(String corpId, long id) {
    GroupWelcomeTemplate old = find(corpId, id);
    if (old.deleted()) {
      return;
    }
    try {
      remote.apply(corpId).deleteGroupWelcomeTemplate(old.templateId());
    } catch (RemoteCallException e) {
      if (e.kind() != RemoteCallException.Kind.REFUSED && e.kind() != RemoteCallException.Kind.GONE) {
        throw CommunityException.wecom(e);
      }
      log.info("Group welcome template {} of corp {} was already gone in WeCom ({})", old.templateId(), corpId,
          e.errcode());
    }
    templates.markDeleted(corpId, id, clock.instant());
  }

  public GroupWelcomeTemplate find(String corpId, long id) {
    return templates.find(corpId, id).orElseThrow(() -> new CommunityException(CommunityException.Kind.NOT_FOUND,
        "GROUP_WELCOME_TEMPLATE_NOT_FOUND", "入群欢迎语不存在", "template " + id));
  }

  public List<GroupWelcomeTemplate> list(String corpId) {
    return templates.list(corpId);
  }

  /** WeCom's copy of the content (group_welcome_template/get). */
  public GroupWelcomeContent remoteView(String corpId, long id) {
    GroupWelcomeTemplate t = find(corpId, id);
    return CommunityException.call(() -> remote.apply(corpId).groupWelcomeTemplate(t.templateId())).orElseThrow(() ->
        new CommunityException(CommunityException.Kind.NOT_FOUND, "GROUP_WELCOME_TEMPLATE_NOT_IN_WECOM",
            "企业微信中已没有这条入群欢迎语", "template " + t.templateId()));
  }

  private GroupWelcomeTemplate live(String corpId, long id) {
    GroupWelcomeTemplate t = find(corpId, id);
    if (t.deleted()) {
      throw new CommunityException(CommunityException.Kind.CONFLICT, "GROUP_WELCOME_TEMPLATE_DELETED",
          "入群欢迎语已删除，不能修改", "template " + id);
    }
    return t;
  }

  static GroupWelcomeContent check(GroupWelcomeContent c) {
    if (c == null) {
      throw CommunityException.invalid("欢迎语内容必填", "content missing");
    }
    boolean text = c.text() != null && !c.text().isBlank();
    int attachments = (c.image() != null ? 1 : 0) + (c.link() != null ? 1 : 0) + (c.miniprogram() != null ? 1 : 0)
        + (c.file() != null ? 1 : 0) + (c.video() != null ? 1 : 0);
    if (!text && attachments == 0) {
      throw CommunityException.invalid("欢迎语需要文字或一个附件（图片、链接、小程序、文件或视频）", "empty content");
    }
    if (attachments > 1) {
      throw CommunityException.invalid("入群欢迎语最多一个附件（图片、链接、小程序、文件、视频五选一）", attachments + " attachments");
    }
    if (text && c.text().getBytes(StandardCharsets.UTF_8).length > 4000) {
      throw CommunityException.invalid("欢迎语文字不能超过 4000 字节", "text too long");
    }
    if (c.image() != null && blank(c.image().mediaId()) && blank(c.image().picUrl())) {
      throw CommunityException.invalid("图片需要 mediaId 或 picUrl", "image empty");
    }
    if (c.link() != null && (blank(c.link().title()) || blank(c.link().url()))) {
      throw CommunityException.invalid("链接需要标题和网址", "link incomplete");
    }
    if (c.miniprogram() != null && (blank(c.miniprogram().title()) || blank(c.miniprogram().appid())
        || blank(c.miniprogram().page()) || blank(c.miniprogram().picMediaId()))) {
      throw CommunityException.invalid("小程序需要标题、appid、页面和封面 picMediaId", "miniprogram incomplete");
    }
    if (c.file() != null && blank(c.file().mediaId()) || c.video() != null && blank(c.video().mediaId())) {
      throw CommunityException.invalid("文件和视频需要 mediaId", "media missing");
    }
    return c;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank() || name.length() > 64) {
      throw CommunityException.invalid("名称必填，且不超过 64 个字符", "name " + name);
    }
    return name.strip();
  }
}
