package io.wescrm.web.audit;

import io.wescrm.core.audit.AuditEntry;
import io.wescrm.core.audit.AuditLog;
import io.wescrm.core.audit.AuditQuery;
import io.wescrm.web.api.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The audit log, newest first: {@code GET /api/audit-log} (administrators). */
@RestController
@RequestMapping("/api/audit-log")
public class AuditApiController {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditLog audit;

  public AuditApiController(AuditLog audit) {
    this.audit = audit;
  }

  /** One entry as the API shows it: the JSON snapshots as JSON, not as text. */
  public record Entry(long id, Instant at, String actor, String sourceIp, String userAgent, String corpId,
      String action, String path, String objectType, String objectId, int status, boolean succeeded, JsonNode before,
      JsonNode after, JsonNode request) {

    static Entry of(AuditEntry e) {
      return new Entry(e.id(), e.at(), e.actor(), e.sourceIp(), e.userAgent(), e.corpId(), e.action(), e.path(),
          e.objectType(), e.objectId(), e.status(), e.succeeded(), json(e.beforeJson()), json(e.afterJson()),
          json(e.requestJson()));
    }

    private static JsonNode json(String text) {
      if (text == null) {
        return null;
      }
      try {
        return JSON.readTree(text);
      } catch (RuntimeException e) {
        return JSON.getNodeFactory().stringNode(text);
      }
    }
  }

  /** A page of entries and the cursor of the next (older) page, {@code null} at the end. */
  public record Page(List<Entry> items, Long nextBefore) {
  }

  @GetMapping
  public Page search(@RequestParam(required = false) String corp, @RequestParam(required = false) String actor,
      @RequestParam(required = false) String objectType, @RequestParam(required = false) String objectId,
      @RequestParam(required = false) String action, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) Long before,
      @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
      throw ApiException.badRequest("limit 须在 1 到 " + AuditQuery.MAX_LIMIT + " 之间", "limit " + limit);
    }
    Instant fromAt = instant("from", from);
    Instant toAt = instant("to", to);
    if (fromAt != null && toAt != null && fromAt.isAfter(toAt)) {
      throw ApiException.badRequest("from 不能晚于 to", from + " > " + to);
    }
    List<AuditEntry> entries = audit.search(new AuditQuery(corp, actor, objectType, objectId, action, fromAt, toAt,
        before, limit));
    Long next = entries.size() == limit ? entries.get(entries.size() - 1).id() : null;
    return new Page(entries.stream().map(Entry::of).toList(), next);
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name + " 须为带时区的 ISO-8601 时间，例如 2026-12-01T00:00:00+08:00", name + " " + value);
    }
  }
}
