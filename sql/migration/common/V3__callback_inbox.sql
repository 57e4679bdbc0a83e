-- Durable callback inbox: every verified, decrypted WeCom event is stored here BEFORE the HTTP 200 is sent.
-- dedupe_key = SHA-256 of the event's own fields, canonicalised (never FromUserName + CreateTime: that drops real
-- events); WeCom's retries of one event collapse onto one row, distinct events in the same second are all kept.
-- order_key orders application: events of one customer (c:<external_userid>), one group chat (g:<chat_id>), the
-- tag library (tag), one staff member or department are applied one at a time, in arrival order.
CREATE TABLE scrm_inbox_event (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  dedupe_key       CHAR(64)      NOT NULL,
  event            VARCHAR(64)   NOT NULL,
  change_type      VARCHAR(64)   NULL,
  order_key        VARCHAR(160)  NOT NULL,
  event_time       DATETIME(3)   NULL COMMENT 'the event''s CreateTime',
  payload          TEXT          NOT NULL COMMENT 'decrypted event XML, as received',
  fields           TEXT          NOT NULL COMMENT 'the event''s fields as a JSON object (parsed once, XXE-safe)',
  status           VARCHAR(16)   NOT NULL DEFAULT 'PENDING' COMMENT 'PENDING, APPLIED, RETRY, PARKED',
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(3)   NULL,
  last_error       VARCHAR(1000) NULL,
  received_at      DATETIME(3)   NOT NULL,
  applied_at       DATETIME(3)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_inbox_dedupe (corp_id, dedupe_key),
  KEY idx_inbox_status (corp_id, status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='WeCom callback inbox';

-- Coalesced re-fetches: however many events name one customer, group, staff member or the tag library within a
-- window, one API call refreshes it. requested_at moves with every new request; a fetch that started before the
-- latest request leaves the row for one more pass.
CREATE TABLE scrm_refetch (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  kind             VARCHAR(16)   NOT NULL COMMENT 'CUSTOMER, GROUP, STAFF, TAGS, DEPARTMENTS',
  ref_id           VARCHAR(128)  NOT NULL,
  requested_at     DATETIME(3)   NOT NULL,
  due_at           DATETIME(3)   NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  last_error       VARCHAR(1000) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_refetch (corp_id, kind, ref_id),
  KEY idx_refetch_due (corp_id, due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Pending coalesced re-fetches from the WeCom API';
