package io.wescrm.wecom.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Customer moments (客户朋友圈) as staff and customers drive them: a staff member publishes a personal moment or the
 * corp a corp moment with its task list, a staff member publishes its task, a customer likes or comments; the list
 * of moments, one moment with its copies and interactions, and the interactions oracle (per customer, the distinct
 * moments it liked or commented within the last {@code days} days; or every customer interaction as rows).
 */
final class MomentControl extends ControlFamily {

  @Override
  void register(SimRouter<Handler> routes) {
    routes.add("GET", "/sim/corps/{corp}/moments", call -> {
      JsonArray items = new JsonArray();
      call.corp().moments().moments().forEach(m -> items.add(momentJson(m)));
      return ok(obj("count", items.size(), "moments", items));
    });
    routes.add("POST", "/sim/corps/{corp}/moments", call -> {
      JsonObject body = call.body();
      long now = longValue(body, "create_time", System.currentTimeMillis() / 1000);
      SimMoments.Moment m = call.corp().moments().publish(string(body, "creator"), intValue(body, "create_type", 1),
          string(body, "text"), strings(body, "userids"), strings(body, "external_userids"),
          !body.has("publish") || body.get("publish").getAsBoolean(), now);
      return ok(detail(call.corp().moments(), m));
    });
    routes.add("GET", "/sim/corps/{corp}/moments/{moment}", call -> {
      SimMoments moments = call.corp().moments();
      SimMoments.Moment m = moments.moment(call.path("moment"))
          .orElseThrow(() -> new NotFound("no such moment: " + call.path("moment")));
      return ok(detail(moments, m));
    });
    routes.add("POST", "/sim/corps/{corp}/moments/{moment}/publish", call -> {
      SimMoments.Copy c = call.corp().moments().publishTask(call.path("moment"), requireString(call.body(),
          "userid"), longValue(call.body(), "create_time", System.currentTimeMillis() / 1000));
      return ok(copyJson(c));
    });
    routes.add("POST", "/sim/corps/{corp}/moments/{moment}/likes", call -> interact(call, SimMoments.LIKE));
    routes.add("POST", "/sim/corps/{corp}/moments/{moment}/comments", call -> interact(call, SimMoments.COMMENT));
    routes.add("GET", "/sim/corps/{corp}/moment-interactions", call -> {
      // every customer like and comment as [moment_id, userid, external_userid, kind, create_time]
      JsonArray rows = new JsonArray();
      for (SimMoments.Interaction i : call.corp().moments().customerInteractions()) {
        JsonArray row = new JsonArray();
        row.add(i.momentId());
        row.add(i.userid());
        row.add(i.externalUserId());
        row.add(i.kind());
        row.add(i.time());
        rows.add(row);
      }
      return ok(obj("count", rows.size(), "interactions", rows));
    });
    routes.add("GET", "/sim/corps/{corp}/moment-jobs", call -> {
      JsonArray items = new JsonArray();
      for (SimMoments.Job j : call.corp().moments().jobs()) {
        JsonObject json = obj("jobid", j.jobid(), "created_at_millis", j.createdAtMillis(), "done_at_millis",
            j.doneAtMillis(), "text", j.text(), "errcode", j.errcode(), "attachments", j.attachments().size());
        json.addProperty("moment_id", j.momentId());
        json.add("senders", strings(j.senders()));
        json.add("tags", strings(j.tags()));
        json.add("invalid_users", strings(j.invalidUsers()));
        json.add("invalid_tags", strings(j.invalidTags()));
        items.add(json);
      }
      return ok(obj("count", items.size(), "jobs", items));
    });
    routes.add("GET", "/sim/corps/{corp}/moment-jobs/settings", call -> {
      SimMoments.PublishSettings p = call.corp().moments().publishSettings();
      return ok(obj("job_delay_ms", p.jobDelayMillis(), "max_jobs_per_minute", p.maxJobsPerMinute()));
    });
    routes.add("PUT POST", "/sim/corps/{corp}/moment-jobs/settings", call -> {
      SimMoments moments = call.corp().moments();
      SimMoments.PublishSettings p = moments.publishSettings();
      JsonObject body = call.body();
      moments.publishSettings(new SimMoments.PublishSettings(longValue(body, "job_delay_ms", p.jobDelayMillis()),
          intValue(body, "max_jobs_per_minute", p.maxJobsPerMinute())));
      if (body.has("lose_next_answers")) {
        moments.loseNextAnswers(intValue(body, "lose_next_answers", 0));
      }
      if (body.has("drop_next_requests")) {
        moments.dropNextRequests(intValue(body, "drop_next_requests", 0));
      }
      p = moments.publishSettings();
      return ok(obj("job_delay_ms", p.jobDelayMillis(), "max_jobs_per_minute", p.maxJobsPerMinute()));
    });
    routes.add("POST", "/sim/corps/{corp}/moment-jobs/clock/advance", call -> {
      JsonObject body = call.body();
      SimMoments moments = call.corp().moments();
      moments.advanceClock(java.time.Duration.ofHours(longValue(body, "hours", 0))
          .plusMillis(longValue(body, "ms", 0)));
      return ok(obj("now_millis", moments.now()));
    });
    routes.add("GET", "/sim/corps/{corp}/interactions", call -> {
      long days = queryLong(call.request(), "days", 30);
      long now = queryLong(call.request(), "now", System.currentTimeMillis() / 1000);
      Map<String, Integer> counts = call.corp().moments().interactionCounts(now - days * SimMoments.DAY);
      int min = (int) queryLong(call.request(), "min", 1);
      JsonObject customers = new JsonObject();
      counts.forEach((k, v) -> {
        if (v >= min) {
          customers.addProperty(k, v);
        }
      });
      return ok(obj("days", days, "since", now - days * SimMoments.DAY, "min", min, "count", customers.size(),
          "customers", customers));
    });
  }

  private static JsonArray strings(List<?> values) {
    JsonArray array = new JsonArray();
    values.forEach(v -> array.add(String.valueOf(v)));
    return array;
  }

  private Reply interact(Call call, String kind) {
    JsonObject body = call.body();
    SimMoments.Interaction i = call.corp().moments().interact(call.path("moment"),
        requireString(body, "external_userid"), string(body, "userid"), kind,
        longValue(body, "create_time", System.currentTimeMillis() / 1000));
    return ok(interactionJson(i));
  }

  private static JsonObject detail(SimMoments moments, SimMoments.Moment m) {
    JsonObject json = momentJson(m);
    JsonArray copies = new JsonArray();
    moments.copies(m.momentId()).forEach(c -> copies.add(copyJson(c)));
    json.add("tasks", copies);
    JsonArray interactions = new JsonArray();
    moments.interactions(m.momentId()).forEach(i -> interactions.add(interactionJson(i)));
    json.add("interactions", interactions);
    return json;
  }

  private static JsonObject momentJson(SimMoments.Moment m) {
    return obj("moment_id", m.momentId(), "creator", m.creator(), "create_time", m.createTime(), "create_type",
        m.createType(), "visible_type", m.visibleType(), "text", m.text());
  }

  private static JsonObject copyJson(SimMoments.Copy c) {
    return obj("userid", c.userid(), "publish_status", c.publishStatus(), "publish_time", c.publishTime(),
        "visible", c.visibleCustomers().size());
  }

  private static JsonObject interactionJson(SimMoments.Interaction i) {
    JsonObject json = obj("moment_id", i.momentId(), "userid", i.userid(), "kind", i.kind(), "create_time",
        i.time());
    if (i.externalUserId() != null) {
      json.addProperty("external_userid", i.externalUserId());
    } else {
      json.addProperty("by_userid", i.byUserid());
    }
    return json;
  }
}
