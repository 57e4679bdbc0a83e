package io.wescrm.web.campaigns.scheduling;

import io.wescrm.core.campaigns.CronCalendar;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/** {@link CronCalendar} over Quartz's own cron parser: what validates a schedule is what fires it. */
public class QuartzCronCalendar implements CronCalendar {

  @Override
  public Optional<Instant> next(String cron, ZoneId zone, Instant after) {
    CronExpression expression;
    try {
      expression = new CronExpression(cron);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    expression.setTimeZone(TimeZone.getTimeZone(zone));
    Date next = expression.getNextValidTimeAfter(Date.from(after));
    return Optional.ofNullable(next).map(Date::toInstant);
  }
}
