-- 朋友圈 publishing (issue 15): a moment task (the operator's definition: content, visible range by staff,
-- departments and customer tags, schedule, deadline and reminder), one publish per occurrence (now, a one-off time
-- or each fire of a recurring schedule; unique per task × occurrence, so a fire seen twice publishes once) that
-- follows add_moment_task → jobid → moment_id → the staff's publish status to the deadline, and one row per staff
-- member of a publish (published or not, reminded when, the outcome at the deadline).
-- A publish is claimed (lease_owner, lease_until) before each WeCom call; status CREATING is written before
-- add_moment_task, so a node that dies in the call leaves a row that is resolved, never created again.
-- Portable: MySQL 8, MariaDB 10.11+, H2 in MySQL mode.

CREATE TABLE scrm_moment_task (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  name             VARCHAR(255)  NULL,
  definition_json  TEXT          NOT NULL,
  status           VARCHAR(16)   NOT NULL COMMENT 'ACTIVE, CANCELLED',
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  KEY idx_moment_task_corp (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='朋友圈 publishing tasks';

CREATE TABLE scrm_moment_publish (
  id                   BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id              VARCHAR(64)   NOT NULL,
  task_id              BIGINT        NOT NULL,
  occurrence           VARCHAR(64)   NOT NULL COMMENT 'NOW, or the scheduled fire time',
  status               VARCHAR(16)   NOT NULL COMMENT 'PENDING, CREATING, UNKNOWN, JOB_RUNNING, PUBLISHING, DONE, FAILED, CANCELLED',
  due_at               DATETIME(3)   NOT NULL,
  attempt_at           DATETIME(3)   NULL COMMENT 'when add_moment_task was called',
  jobid                VARCHAR(128)  NULL,
  moment_id            VARCHAR(128)  NULL,
  invalid_userids      TEXT          NULL COMMENT 'JSON array: invalid_sender_list.user_list',
  invalid_departments  TEXT          NULL COMMENT 'JSON array: invalid_sender_list.department_list',
  invalid_tags         TEXT          NULL COMMENT 'JSON array: invalid_external_contact_list.tag_list',
  created_in_wecom_at  DATETIME(3)   NULL COMMENT 'when the job finished (the moment exists)',
  deadline_at          DATETIME(3)   NULL,
  remind_at            DATETIME(3)   NULL,
  reminders_sent       INT           NOT NULL DEFAULT 0,
  cancel_requested     TINYINT       NOT NULL DEFAULT 0,
  next_poll_at         DATETIME(3)   NULL,
  lease_owner          VARCHAR(128)  NULL,
  lease_until          DATETIME(3)   NULL,
  errcode              INT           NULL,
  error                VARCHAR(1000) NULL,
  created_at           DATETIME(3)   NOT NULL,
  updated_at           DATETIME(3)   NOT NULL,
  finished_at          DATETIME(3)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_moment_publish (task_id, occurrence),
  KEY idx_moment_publish_due (status, due_at),
  KEY idx_moment_publish_poll (status, next_poll_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='One publish of a 朋友圈 task';

CREATE TABLE scrm_moment_publish_staff (
  publish_id       BIGINT        NOT NULL,
  corp_id          VARCHAR(64)   NOT NULL,
  userid           VARCHAR(64)   NOT NULL,
  publish_status   INT           NOT NULL DEFAULT 0 COMMENT 'get_moment_task: 0 not published, 1 published',
  published_seen_at DATETIME(3)  NULL COMMENT 'when we first saw publish_status 1',
  reminded_at      DATETIME(3)   NULL,
  outcome          VARCHAR(16)   NULL COMMENT 'PUBLISHED, NOT_PUBLISHED (at the deadline), CANCELLED',
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (publish_id, userid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Staff of one 朋友圈 publish';
