-- Audit log (issue "security and hardening"): who did what to which object, when, from where, with the state before
-- and after for edits. One row per mutating API request (POST/PUT/PATCH/DELETE under /api), refused ones included,
-- and per login attempt. Never updated; pruned by age (scrm.audit.retention-days).
CREATE TABLE scrm_audit_log (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  occurred_at  DATETIME(3)   NOT NULL,
  actor        VARCHAR(64)   NOT NULL COMMENT 'the login name; anonymous when none',
  source_ip    VARCHAR(64)   NULL,
  user_agent   VARCHAR(200)  NULL,
  corp_id      VARCHAR(64)   NULL COMMENT 'the {corp} of /api/corps/{corp}/...; NULL for corp-less endpoints',
  action       VARCHAR(220)  NOT NULL COMMENT 'METHOD + the endpoint pattern, e.g. PATCH /api/corps/{corp}/contact-ways/{id}',
  path         VARCHAR(500)  NOT NULL COMMENT 'the request path as sent',
  object_type  VARCHAR(64)   NULL COMMENT 'the resource collection, e.g. contact-ways',
  object_id    VARCHAR(128)  NULL,
  status       INT           NOT NULL COMMENT 'the HTTP status answered',
  before_json  TEXT          NULL COMMENT 'the resource before the change (its GET), secrets redacted, capped',
  after_json   TEXT          NULL COMMENT 'the resource after the change (or the created object), redacted, capped',
  request_json TEXT          NULL COMMENT 'the request body, redacted, capped',
  PRIMARY KEY (id),
  KEY ix_audit_corp (corp_id, id),
  KEY ix_audit_actor (actor, id),
  KEY ix_audit_object (object_type, object_id, id),
  KEY ix_audit_at (occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='audit log of mutating API requests';
