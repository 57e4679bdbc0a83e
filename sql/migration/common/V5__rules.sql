-- Rules engine (issue 5): versioned rules, their runs, the WeCom tag push queue, local-only tags, and moment
-- interactions (filled by the moments issue; rules can already name them).
-- Portable: MySQL 8, MariaDB 10.11+, H2 in MySQL mode.

CREATE TABLE scrm_rule (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  name             VARCHAR(128)  NOT NULL,
  description      VARCHAR(512)  NULL,
  priority         INT           NOT NULL DEFAULT 100 COMMENT 'lower runs first; for stages the first match wins',
  enabled          TINYINT       NOT NULL DEFAULT 0,
  version          INT           NOT NULL DEFAULT 1 COMMENT 'current version (scrm_rule_version)',
  preset           VARCHAR(64)   NULL COMMENT 'key of a shipped default rule (lifecycle.*), null for operators'' rules',
  deleted_at       DATETIME(3)   NULL,
  created_at       DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at       DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  KEY idx_rule_corp (corp_id, enabled, priority)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Rules of the rules engine';

CREATE TABLE scrm_rule_version (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  rule_id          BIGINT        NOT NULL,
  version          INT           NOT NULL,
  condition_json   TEXT          NOT NULL,
  actions_json     TEXT          NOT NULL,
  created_by       VARCHAR(64)   NULL,
  created_at       DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_rule_version (rule_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Every version of a rule, never changed';

CREATE TABLE scrm_rule_run (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  trigger_source   VARCHAR(32)   NOT NULL COMMENT 'SCHEDULE, API, STARTUP',
  status           VARCHAR(16)   NOT NULL COMMENT 'RUNNING, SUCCEEDED, FAILED',
  rules            INT           NOT NULL DEFAULT 0,
  matched          BIGINT        NOT NULL DEFAULT 0 COMMENT 'sum over rules of matching customers',
  tags_added       BIGINT        NOT NULL DEFAULT 0,
  tags_removed     BIGINT        NOT NULL DEFAULT 0,
  stages_changed   BIGINT        NOT NULL DEFAULT 0,
  pushes_queued    BIGINT        NOT NULL DEFAULT 0,
  started_at       DATETIME(3)   NOT NULL,
  finished_at      DATETIME(3)   NULL,
  duration_ms      BIGINT        NULL,
  error            TEXT          NULL,
  PRIMARY KEY (id),
  KEY idx_rule_run_corp (corp_id, started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Full re-evaluations of a corp''s rules';

-- Tag changes waiting to be written to WeCom (mark_tag). One row per relation x tag: a later change of the same tag
-- replaces the earlier one (add then remove = remove), and the drain sends all of a relation's rows in one call.
CREATE TABLE scrm_tag_push (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  userid           VARCHAR(64)   NOT NULL,
  external_userid  VARCHAR(64)   NOT NULL,
  tag_id           VARCHAR(64)   NOT NULL,
  op               VARCHAR(8)    NOT NULL COMMENT 'ADD, REMOVE',
  status           VARCHAR(16)   NOT NULL DEFAULT 'PENDING' COMMENT 'PENDING, FAILED',
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(3)   NOT NULL,
  last_error       VARCHAR(1000) NULL,
  queued_at        DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_tag_push (corp_id, userid, external_userid, tag_id),
  KEY idx_tag_push_due (corp_id, status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Outbox of tag writes to WeCom';

-- Tags kept only here (a rule or an operator chose not to sync them): the sync never removes them.
ALTER TABLE scrm_follow_tag ADD COLUMN local_only TINYINT NOT NULL DEFAULT 0;

CREATE TABLE scrm_moment_interaction (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  moment_id        VARCHAR(128)  NOT NULL,
  userid           VARCHAR(64)   NOT NULL COMMENT 'the staff member who posted',
  external_userid  VARCHAR(64)   NOT NULL,
  kind             VARCHAR(16)   NOT NULL COMMENT 'LIKE, COMMENT',
  interacted_at    DATETIME(3)   NOT NULL,
  created_at       DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_moment_interaction (corp_id, moment_id, external_userid, kind, interacted_at),
  KEY idx_moment_interaction_customer (corp_id, external_userid, kind, interacted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Likes and comments of customers on moments';

CREATE INDEX idx_customer_stage ON scrm_customer (corp_id, lifecycle_stage);

-- a rule's own tag rows (source_ref = 'ruleId:version'): what a full re-evaluation takes back
CREATE INDEX idx_follow_tag_source ON scrm_follow_tag (corp_id, source_ref);
