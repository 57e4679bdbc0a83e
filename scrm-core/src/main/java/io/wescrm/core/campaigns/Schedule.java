package io.wescrm.core.campaigns;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a campaign sends: {@link Once} at an instant, or {@link Recurring} on a Quartz cron expression. SOP sequences
 * are modelled elsewhere.
 *
 * <p>Presets ({@link #presetCron}): {@code DAILY} 每天, {@code WEEKLY_<DAY>} 每周X ({@code WEEKLY_MONDAY} …
 * {@code WEEKLY_SUNDAY}), {@code MONTHLY_FIRST_DAY} 每月1号, {@code MONTHLY_FIRST_<DAY>} 每月第一周的周X
 * ({@code MONTHLY_FIRST_MONDAY} = {@code 0 0 10 ? * MON#1} at 10:00).
 */
public sealed interface Schedule permits Schedule.Once, Schedule.Recurring {

  /** Error path of every problem found by {@link #validate}. */
  String PATH = "schedule";
  /** A {@link Once} this far in the past is still accepted (the form was submitted a moment ago). */
  long PAST_SLACK_SECONDS = 60;
  /** A cron expression with no fire time within this many years of now never fires. */
  int HORIZON_YEARS = 5;

  /** Send once at {@code at}. */
  record Once(Instant at) implements Schedule {
  }

  /**
   * Send on every fire time of {@code cron}.
   *
   * @param cron Quartz syntax, seconds first
   * @param preset the preset it was made from ({@code DAILY}, ...), or null for a hand-written expression
   * @param zone the zone id the expression is read in, e.g. {@code Asia/Shanghai}
   */
  record Recurring(String cron, String preset, String zone) implements Schedule {
  }

  /**
   * The Quartz cron expression of {@code preset} at local time {@code at} (seconds kept).
   *
   * @throws IllegalArgumentException if the preset is unknown
   */
  static String presetCron(String preset, LocalTime at) {
    String time = at.getSecond() + " " + at.getMinute() + " " + at.getHour();
    if ("DAILY".equals(preset)) {
      return time + " * * ?";
    }
    if ("MONTHLY_FIRST_DAY".equals(preset)) {
      return time + " 1 * ?";
    }
    Optional<DayOfWeek> weekly = presetDay(preset, "WEEKLY_");
    if (weekly.isPresent()) {
      return time + " ? * " + quartzDay(weekly.get());
    }
    Optional<DayOfWeek> firstOfMonth = presetDay(preset, "MONTHLY_FIRST_");
    if (firstOfMonth.isPresent()) {
      return time + " ? * " + quartzDay(firstOfMonth.get()) + "#1";
    }
    throw new IllegalArgumentException("unknown preset " + preset);
  }

  /**
   * The zh-CN label of {@code preset}: 每天, 每周一, 每月1号, 每月第一周的周一, ...
   *
   * @throws IllegalArgumentException if the preset is unknown
   */
  static String presetLabel(String preset) {
    if ("DAILY".equals(preset)) {
      return "每天";
    }
    if ("MONTHLY_FIRST_DAY".equals(preset)) {
      return "每月1号";
    }
    Optional<DayOfWeek> weekly = presetDay(preset, "WEEKLY_");
    if (weekly.isPresent()) {
      return "每周" + chineseDay(weekly.get());
    }
    Optional<DayOfWeek> firstOfMonth = presetDay(preset, "MONTHLY_FIRST_");
    if (firstOfMonth.isPresent()) {
      return "每月第一周的周" + chineseDay(firstOfMonth.get());
    }
    throw new IllegalArgumentException("unknown preset " + preset);
  }

  /** The label with the time: 每天 10:00, 每周一 09:30:15 (seconds only when not zero). */
  static String presetLabel(String preset, LocalTime at) {
    String time = at.getSecond() == 0 ? String.format(Locale.ROOT, "%02d:%02d", at.getHour(), at.getMinute())
        : String.format(Locale.ROOT, "%02d:%02d:%02d", at.getHour(), at.getMinute(), at.getSecond());
    return presetLabel(preset) + " " + time;
  }

  /** Every preset name, in display order. */
  static List<String> presets() {
    List<String> all = new ArrayList<>();
    all.add("DAILY");
    for (DayOfWeek d : DayOfWeek.values()) {
      all.add("WEEKLY_" + d.name());
    }
    all.add("MONTHLY_FIRST_DAY");
    for (DayOfWeek d : DayOfWeek.values()) {
      all.add("MONTHLY_FIRST_" + d.name());
    }
    return List.copyOf(all);
  }

  /**
   * Every problem of {@code s} at path {@value #PATH}: a missing schedule or time; a {@link Once} more than
   * {@value #PAST_SLACK_SECONDS} s before {@code now} (发送时间已过去); for {@link Recurring} a bad zone, an unknown
   * preset, bad cron syntax (cron 表达式无效：…, with the engine's message) or no fire time within
   * {@value #HORIZON_YEARS} years (该 cron 表达式永远不会触发).
   */
  static List<CampaignError> validate(Schedule s, CronCalendar cron, Instant now) {
    List<CampaignError> errors = new ArrayList<>();
    if (s == null) {
      errors.add(new CampaignError(PATH, "缺少发送时间"));
    } else if (s instanceof Once once) {
      if (once.at() == null) {
        errors.add(new CampaignError(PATH, "缺少发送时间"));
      } else if (once.at().isBefore(now.minusSeconds(PAST_SLACK_SECONDS))) {
        errors.add(new CampaignError(PATH, "发送时间已过去"));
      }
    } else if (s instanceof Recurring r) {
      ZoneId zone = null;
      if (r.zone() == null || r.zone().isBlank()) {
        errors.add(new CampaignError(PATH, "缺少时区"));
      } else {
        try {
          zone = ZoneId.of(r.zone());
        } catch (DateTimeException e) {
          errors.add(new CampaignError(PATH, "时区无效：" + r.zone()));
        }
      }
      if (r.preset() != null && !presets().contains(r.preset())) {
        errors.add(new CampaignError(PATH, "未知的周期：" + r.preset()));
      }
      if (r.cron() == null || r.cron().isBlank()) {
        errors.add(new CampaignError(PATH, "缺少 cron 表达式"));
      } else if (zone != null) {
        try {
          Optional<Instant> next = cron.next(r.cron(), zone, now);
          Instant horizon = now.atZone(zone).plusYears(HORIZON_YEARS).toInstant();
          if (next.isEmpty() || next.get().isAfter(horizon)) {
            errors.add(new CampaignError(PATH, "该 cron 表达式永远不会触发"));
          }
        } catch (IllegalArgumentException e) {
          errors.add(new CampaignError(PATH, "cron 表达式无效：" + e.getMessage()));
        }
      }
    }
    return errors;
  }

  private static Optional<DayOfWeek> presetDay(String preset, String prefix) {
    if (preset == null || !preset.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(DayOfWeek.valueOf(preset.substring(prefix.length())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String quartzDay(DayOfWeek d) {
    return d.name().substring(0, 3);
  }

  private static String chineseDay(DayOfWeek d) {
    return "一二三四五六日".substring(d.getValue() - 1, d.getValue());
  }
}
