-- Campaigns (issue 14): versioned campaigns (broadcasts and SOP sequences), their runs, the send ledger (one
-- delivery per run x target x sender, one WeCom task per run x sender x render x chunk, written before the call),
-- uploaded assets, operator-defined customer attributes and SOP enrolments.
-- Portable: MySQL 8, MariaDB 10.11+, H2 in MySQL mode.

CREATE TABLE scrm_campaign (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  name             VARCHAR(128)  NOT NULL,
  kind             VARCHAR(16)   NOT NULL COMMENT 'BROADCAST (once or recurring), SOP (steps after an event)',
  status           VARCHAR(16)   NOT NULL COMMENT 'ACTIVE, PAUSED',
  version          INT           NOT NULL DEFAULT 1 COMMENT 'current version (scrm_campaign_version)',
  preset           VARCHAR(64)   NULL COMMENT 'key of a shipped demo campaign',
  deleted_at       DATETIME(3)   NULL,
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  KEY idx_campaign_corp (corp_id, deleted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Campaigns (群发, SOP)';

CREATE TABLE scrm_campaign_version (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  campaign_id      BIGINT        NOT NULL,
  version          INT           NOT NULL,
  definition_json  TEXT          NOT NULL,
  created_by       VARCHAR(64)   NULL,
  created_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_campaign_version (campaign_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Every version of a campaign, never changed';

CREATE TABLE scrm_campaign_run (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  campaign_id      BIGINT        NOT NULL,
  version          INT           NOT NULL,
  occurrence       VARCHAR(64)   NOT NULL COMMENT 'the fire it serves (scheduled time, api:<uuid>, sop:<step>:<minute>): one run per fire',
  trigger_source   VARCHAR(16)   NOT NULL COMMENT 'SCHEDULE, API, SOP',
  channel          VARCHAR(16)   NOT NULL COMMENT 'SINGLE (客户群发), GROUP (群发到客户群), STAFF_TASK (一客一话术)',
  status           VARCHAR(16)   NOT NULL COMMENT 'PLANNING, DISPATCHING, WAITING, PAUSED, CANCELLED, DONE, FAILED',
  sop_step         INT           NULL,
  due_at           DATETIME(3)   NOT NULL COMMENT 'when it may start (after quiet hours)',
  deadline_at      DATETIME(3)   NOT NULL COMMENT 'staff must have confirmed by then; unconfirmed tasks are cancelled',
  audience         BIGINT        NOT NULL DEFAULT 0,
  planned          BIGINT        NOT NULL DEFAULT 0,
  held_back        BIGINT        NOT NULL DEFAULT 0,
  lease_owner      VARCHAR(64)   NULL,
  lease_until      DATETIME(3)   NULL,
  error            VARCHAR(1000) NULL,
  created_at       DATETIME(3)   NOT NULL,
  planned_at       DATETIME(3)   NULL,
  finished_at      DATETIME(3)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_campaign_run (campaign_id, occurrence),
  KEY idx_campaign_run_status (status, due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='One fire of a campaign';

CREATE TABLE scrm_campaign_render (
  run_id           BIGINT        NOT NULL,
  render_key       CHAR(16)      NOT NULL,
  text             TEXT          NOT NULL,
  PRIMARY KEY (run_id, render_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Distinct rendered texts of a run';

CREATE TABLE scrm_campaign_delivery (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  run_id           BIGINT        NOT NULL,
  corp_id          VARCHAR(64)   NOT NULL,
  target           VARCHAR(64)   NOT NULL COMMENT 'external_userid (SINGLE, STAFF_TASK) or chat_id (GROUP)',
  sender           VARCHAR(64)   NOT NULL COMMENT 'the staff member who sends it',
  store_id         BIGINT        NULL COMMENT 'the sender''s main department (store)',
  render_key       CHAR(16)      NOT NULL,
  chunk_no         INT           NOT NULL DEFAULT 0 COMMENT 'which add_msg_template of its sender and text (-1: not sent: held back, over a cap)',
  status           VARCHAR(16)   NOT NULL COMMENT 'PLANNED, SENDING, TASK_CREATED, SENT, NOT_FRIEND, OVER_LIMIT, NOT_CONFIRMED, CANCELLED, FAILED, HELD_BACK',
  reason           VARCHAR(64)   NULL,
  confirmed        TINYINT       NOT NULL DEFAULT 0 COMMENT 'the sender confirmed the task in WeCom',
  counted_at       DATETIME(3)   NOT NULL COMMENT 'the run''s due time: frequency caps count pushes by it',
  sent_at          DATETIME(3)   NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_campaign_delivery (run_id, target, sender),
  KEY idx_delivery_task (run_id, sender, render_key, chunk_no),
  KEY idx_delivery_status (run_id, status),
  KEY idx_delivery_target (corp_id, target, counted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='The send ledger: one row per run x recipient x sender';

CREATE TABLE scrm_campaign_task (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  run_id           BIGINT        NOT NULL,
  corp_id          VARCHAR(64)   NOT NULL,
  sender           VARCHAR(64)   NOT NULL,
  render_key       CHAR(16)      NOT NULL,
  chunk_no         INT           NOT NULL,
  recipients       INT           NOT NULL,
  status           VARCHAR(16)   NOT NULL COMMENT 'PENDING, SENDING, UNKNOWN, CREATED, CONFIRMED, DONE, CANCELLED, FAILED',
  msgid            VARCHAR(128)  NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  attempt_at       DATETIME(3)   NULL COMMENT 'when the last add_msg_template started (the window to look for it in)',
  lease_owner      VARCHAR(64)   NULL,
  lease_until      DATETIME(3)   NULL,
  next_at          DATETIME(3)   NULL COMMENT 'next dispatch attempt, resolution or result poll',
  created_at       DATETIME(3)   NULL COMMENT 'WeCom accepted it (msgid known)',
  confirmed_at     DATETIME(3)   NULL,
  reminders        INT           NOT NULL DEFAULT 0,
  last_remind_at   DATETIME(3)   NULL,
  error            VARCHAR(1000) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_campaign_task (run_id, sender, render_key, chunk_no),
  UNIQUE KEY uk_campaign_task_msgid (corp_id, msgid),
  KEY idx_campaign_task_due (status, next_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='WeCom group-send tasks (msgid), written before the call';

CREATE TABLE scrm_campaign_asset (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  kind             VARCHAR(16)   NOT NULL COMMENT 'image, video, file',
  file_name        VARCHAR(255)  NOT NULL,
  content_type     VARCHAR(128)  NULL,
  size_bytes       BIGINT        NOT NULL,
  content          LONGBLOB      NOT NULL,
  media_id         VARCHAR(255)  NULL COMMENT 'last media/upload answer (valid 3 days)',
  media_expires_at DATETIME(3)   NULL,
  created_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  KEY idx_campaign_asset_corp (corp_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Images and files for attachments, uploaded to WeCom at dispatch';

CREATE TABLE scrm_customer_attribute (
  corp_id          VARCHAR(64)   NOT NULL,
  external_userid  VARCHAR(64)   NOT NULL,
  name             VARCHAR(64)   NOT NULL,
  attr_value       VARCHAR(256)  NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (corp_id, external_userid, name),
  KEY idx_customer_attribute_name (corp_id, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Operator-defined customer attributes (template variables {{attr:name}})';

CREATE TABLE scrm_sop_enrollment (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  campaign_id      BIGINT        NOT NULL,
  external_userid  VARCHAR(64)   NOT NULL,
  userid           VARCHAR(64)   NOT NULL COMMENT 'the staff member the sequence runs through',
  anchor_at        DATETIME(3)   NOT NULL COMMENT 'the triggering event (day 0)',
  next_step        INT           NOT NULL DEFAULT 0,
  next_due_at      DATETIME(3)   NULL,
  status           VARCHAR(16)   NOT NULL COMMENT 'ACTIVE, DONE, STOPPED',
  stop_reason      VARCHAR(64)   NULL,
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_sop_enrollment (campaign_id, external_userid, userid),
  KEY idx_sop_due (status, next_due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Customers in an SOP sequence';
