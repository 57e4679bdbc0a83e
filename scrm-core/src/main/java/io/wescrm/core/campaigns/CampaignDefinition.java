package io.wescrm.core.campaigns;

import io.wescrm.core.rules.Condition;
import java.time.LocalTime;
import java.util.List;

/**
 * What a campaign is (one immutable version of it): audience + content + channel + schedule + limits, or for an SOP
 * the trigger, its steps and when a customer leaves the sequence. Read and validated by {@link CampaignCodec}.
 *
 * @param schedule when a broadcast fires; null for a broadcast run only by hand and for an SOP
 * @param sop the sequence of an SOP campaign; null for a broadcast
 * @param controlPermille share of the audience held back as the control group, in ‰ (0 = none)
 * @param goal what "it worked" means for the uplift report; null when not set
 */
public record CampaignDefinition(String name, Kind kind, Audience audience, Content content, Channel channel,
    Schedule schedule, Sop sop, Limits limits, int controlPermille, Goal goal) {

  public enum Kind {
    /** Sent once or on a recurring schedule to an audience. */
    BROADCAST,
    /** Steps sent to each customer relative to an event (day 0 / 3 / 7 after the add). */
    SOP
  }

  /** How a campaign reaches customers; {@link #AUTO} picks SINGLE unless renders are too personal to group. */
  public enum Channel {
    AUTO,
    /** 客户群发: add_msg_template chat_type single, recipients grouped by identical rendered content. */
    SINGLE,
    /** 群发到客户群: add_msg_template chat_type group, sender + chat_id_list. */
    GROUP,
    /** 一客一话术: an app message to each staff member with their customers' personalised scripts. */
    STAFF_TASK
  }

  /**
   * Who receives it: customers matching {@code include} (null = every customer) and not {@code exclude}, with a live
   * relation to a staff member in scope (stores = main departments; empty lists = everyone). GROUP campaigns address
   * the group chats owned by staff in scope, optionally only {@code chatIds}.
   */
  public record Audience(Condition include, Condition exclude, List<Long> stores, List<String> staff,
      List<String> chatIds) {
    public Audience {
      stores = stores == null ? List.of() : List.copyOf(stores);
      staff = staff == null ? List.of() : List.copyOf(staff);
      chatIds = chatIds == null ? List.of() : List.copyOf(chatIds);
    }
  }

  /** A text template and its attachments. */
  public record Content(String text, List<AttachmentSpec> attachments) {
    public Content {
      text = text == null ? "" : text;
      attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
  }

  /** The event that starts a customer's sequence, the steps, and what ends it early. */
  public record Sop(Trigger trigger, List<SopStep> steps, StopWhen stopWhen) {
    public Sop {
      steps = List.copyOf(steps);
    }
  }

  /**
   * {@code CHANNEL}: the customer was added through a 渠道活码 whose state is in {@code values} (empty = any
   * channel); {@code GROUP}: the customer joined one of the group chats in {@code values} (empty = any).
   */
  public record Trigger(TriggerType type, List<String> values) {
    public Trigger {
      values = values == null ? List.of() : List.copyOf(values);
    }
  }

  public enum TriggerType { CHANNEL, GROUP }

  /** Step {@code day} days after the trigger at {@code at} (corp time); a time already past on day 0 means "now". */
  public record SopStep(int day, LocalTime at, Content content) {
  }

  /**
   * A customer leaves the sequence when they deleted the staff member or were deleted (always), when they no
   * longer match the audience ({@code leftAudience}), or when one of {@code tags} is on them (replied, converted).
   */
  public record StopWhen(boolean leftAudience, List<String> tags) {
    public StopWhen {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }
  }

  /**
   * Frequency caps per customer across all campaigns (0 = none; null fields take the corp's default), how long staff
   * have to confirm, and reminders.
   */
  public record Limits(Integer perDay, Integer perWeek, Integer perMonth, int confirmHours, int remindAfterMinutes,
      int maxReminders) {
  }

  /** The uplift report's goal: one of these tags, or this lifecycle stage, within {@code days} of the run. */
  public record Goal(List<String> tags, String stage, int days) {
    public Goal {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }
  }
}
