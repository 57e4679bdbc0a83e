package io.wescrm.core.moments;

import io.wescrm.core.campaigns.AttachmentSpec;
import io.wescrm.core.campaigns.CampaignError;
import io.wescrm.core.campaigns.CronCalendar;
import io.wescrm.core.campaigns.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * A 朋友圈 publishing task (企业发表到客户的朋友圈) as the operator defined it: the content (text and attachments), the
 * visible range (staff who publish, by userid and department; customers by tag), when (now, once, or recurring like a
 * campaign), how long staff have to publish and whether they are reminded before that deadline.
 *
 * @param allStaff true: every member in the app's range publishes (no sender list is sent to WeCom)
 * @param schedule null: publish now
 * @param publishWithin the deadline, counted from the moment's creation in WeCom
 * @param remindBefore when to remind staff who have not published, before the deadline
 */
public record MomentTaskSpec(String name, String text, List<Attachment> attachments, boolean allStaff,
    List<String> userids, List<Long> departmentIds, List<String> tags, Schedule schedule, Duration publishWithin,
    boolean remind, Duration remindBefore) {

  /** WeCom's text limit (characters). */
  public static final int MAX_TEXT_CHARS = 2_000;
  public static final int MAX_IMAGES = 9;
  public static final int MAX_USERS = 100_000;
  public static final int MAX_NAME_CHARS = 100;
  public static final Duration MIN_PUBLISH_WITHIN = Duration.ofMinutes(10);
  public static final Duration MAX_PUBLISH_WITHIN = Duration.ofDays(30);
  /** The accepted attachment types. */
  public static final List<String> TYPES = List.of("image", "video", "link");

  /**
   * One attachment: {@code image} / {@code video} by {@code assetId} (an uploaded campaign asset, sent through
   * media/upload_attachment when the task is published) or an existing {@code mediaId}; {@code link} by
   * {@code title} and {@code url}.
   */
  public record Attachment(String type, Long assetId, String mediaId, String title, String url) {
  }

  /** What validation needs from the corp and the clock. */
  public record Context(Predicate<String> knownStaff, LongPredicate knownDepartment, Predicate<String> liveTag,
      LongFunction<Optional<String>> assetKind, CronCalendar cron, Instant now) {
  }

  public MomentTaskSpec {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    userids = userids == null ? List.of() : List.copyOf(userids);
    departmentIds = departmentIds == null ? List.of() : List.copyOf(departmentIds);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** Every problem of the task, each with its JSON path and a zh-CN message; empty when it may be published. */
  public List<CampaignError> validate(Context ctx) {
    List<CampaignError> errors = new ArrayList<>();
    if (name != null && name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
      errors.add(new CampaignError("name", "任务名称最长 " + MAX_NAME_CHARS + " 个字"));
    }
    String body = text == null ? "" : text.strip();
    int chars = body.codePointCount(0, body.length());
    if (chars > MAX_TEXT_CHARS) {
      errors.add(new CampaignError("text", "朋友圈文字最多 " + MAX_TEXT_CHARS + " 个字，当前 " + chars + " 个字"));
    }
    if (body.isEmpty() && attachments.isEmpty()) {
      errors.add(new CampaignError("text", "朋友圈内容不能为空：请填写文字或添加图片、视频、链接"));
    }
    attachments(ctx, errors);
    range(ctx, errors);
    if (schedule != null) {
      errors.addAll(Schedule.validate(schedule, ctx.cron(), ctx.now()));
    }
    if (publishWithin == null || publishWithin.compareTo(MIN_PUBLISH_WITHIN) < 0
        || publishWithin.compareTo(MAX_PUBLISH_WITHIN) > 0) {
      errors.add(new CampaignError("publishWithin", "员工发表期限须在 10 分钟到 30 天之间（如 PT24H 表示 24 小时）"));
    } else if (remind && (remindBefore == null || remindBefore.isNegative()
        || remindBefore.compareTo(publishWithin) >= 0)) {
      errors.add(new CampaignError("remindBefore", "提醒时间须早于发表期限：remindBefore 应小于 publishWithin 且不为负"));
    }
    return errors;
  }

  private void attachments(Context ctx, List<CampaignError> errors) {
    Set<String> kinds = new HashSet<>();
    for (int i = 0; i < attachments.size(); i++) {
      Attachment a = attachments.get(i);
      String at = "attachments[" + i + "]";
      String label = "第 " + (i + 1) + " 个附件";
      if (a == null || a.type() == null || !TYPES.contains(a.type())) {
        errors.add(new CampaignError(at + ".type", label + "的类型须是图片 image、视频 video 或链接 link"));
        continue;
      }
      kinds.add(a.type());
      if (a.type().equals("link")) {
        if (a.title() == null || a.title().isBlank()) {
          errors.add(new CampaignError(at + ".title", label + "（链接）缺少标题 title"));
        } else if (a.title().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            > AttachmentSpec.LINK_TITLE_MAX_BYTES) {
          errors.add(new CampaignError(at + ".title", label + "（链接）的标题最长 "
              + AttachmentSpec.LINK_TITLE_MAX_BYTES + " 字节（约 " + AttachmentSpec.LINK_TITLE_MAX_BYTES / 3 + " 个汉字）"));
        }
        if (a.url() == null || !AttachmentSpec.isHttpUrl(a.url())) {
          errors.add(new CampaignError(at + ".url", label + "（链接）的地址须是以 http:// 或 https:// 开头的网址"));
        }
        continue;
      }
      String kind = a.type().equals("image") ? "图片" : "视频";
      if (a.assetId() == null && (a.mediaId() == null || a.mediaId().isBlank())) {
        errors.add(new CampaignError(at + ".assetId", label + "（" + kind + "）需要选择素材 assetId"));
      } else if (a.assetId() != null) {
        Optional<String> assetKind = ctx.assetKind().apply(a.assetId());
        if (assetKind.isEmpty()) {
          errors.add(new CampaignError(at + ".assetId", label + "的素材不存在：assetId " + a.assetId()));
        } else if (!assetKind.get().equals(a.type())) {
          errors.add(new CampaignError(at + ".assetId", label + "须是" + kind + "素材，assetId " + a.assetId()
              + " 是 " + assetKind.get()));
        }
      }
    }
    if (kinds.size() > 1) {
      errors.add(new CampaignError("attachments", "附件只能是一种：最多 9 张图片，或 1 个视频，或 1 个链接，不能混合"));
    } else if (kinds.contains("image") && attachments.size() > MAX_IMAGES) {
      errors.add(new CampaignError("attachments", "图片最多 " + MAX_IMAGES + " 张，当前 " + attachments.size() + " 张"));
    } else if ((kinds.contains("video") || kinds.contains("link")) && attachments.size() > 1) {
      errors.add(new CampaignError("attachments", (kinds.contains("video") ? "视频" : "链接") + "只能有 1 个"));
    }
  }

  private void range(Context ctx, List<CampaignError> errors) {
    if (allStaff) {
      if (!userids.isEmpty() || !departmentIds.isEmpty()) {
        errors.add(new CampaignError("visibleRange", "选择了全部员工（allStaff）时不能再指定员工或部门"));
      }
    } else if (userids.isEmpty() && departmentIds.isEmpty()) {
      errors.add(new CampaignError("visibleRange", "发表范围为空：请选择员工或部门，或指定 allStaff 由全部员工发表"));
    } else if (userids.size() > MAX_USERS) {
      errors.add(new CampaignError("visibleRange.userids", "员工最多 " + MAX_USERS + " 人"));
    } else if (userids.stream().noneMatch(ctx.knownStaff()) && departmentIds.stream()
        .noneMatch(d -> ctx.knownDepartment().test(d))) {
      errors.add(new CampaignError("visibleRange", "所选员工和部门都不存在（或尚未同步），没有人可以发表"));
    }
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      if (tag == null || tag.isBlank() || !ctx.liveTag().test(tag)) {
        // an unknown tag is refused: dropped by WeCom it would widen the audience rather than narrow it
        errors.add(new CampaignError("visibleRange.tags[" + i + "]", "客户标签不存在（或已删除）：" + tag));
      }
    }
  }
}
