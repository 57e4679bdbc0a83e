-- Customer moments (客户朋友圈, issue 15): the moments polled from WeCom, each staff member's copy (task, publish
-- status, how many customers could see it, when its likes and comments were last read), the listing watermarks
-- (per creator; creator '*' is the corp-wide listing, which is also the back-fill's progress) and the passes with
-- their call counts. Interactions go to scrm_moment_interaction (V5), whose unique key makes re-polls idempotent.
-- Portable: MySQL 8, MariaDB 10.11+, H2 in MySQL mode.

CREATE TABLE scrm_moment (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  moment_id        VARCHAR(128)  NOT NULL,
  creator          VARCHAR(64)   NULL COMMENT 'userid; empty for corp moments created through the API',
  create_type      INT           NOT NULL COMMENT '0 corp moment, 1 personal moment',
  visible_type     INT           NOT NULL COMMENT '0 partial, 1 public',
  text             TEXT          NULL,
  media_json       TEXT          NULL COMMENT 'image / video / link / location as WeCom gave them',
  create_time      DATETIME(3)   NOT NULL,
  first_seen_at    DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_moment (corp_id, moment_id),
  KEY idx_moment_time (corp_id, create_time),
  KEY idx_moment_creator (corp_id, creator, create_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Customer moments (客户朋友圈)';

CREATE TABLE scrm_moment_copy (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  moment_id        VARCHAR(128)  NOT NULL,
  userid           VARCHAR(64)   NOT NULL,
  publish_status   INT           NOT NULL COMMENT '0 not published yet, 1 published',
  visible_count    INT           NULL COMMENT 'customers it was sent to (get_moment_send_result), once published',
  likes            INT           NOT NULL DEFAULT 0,
  comments         INT           NOT NULL DEFAULT 0,
  comments_read_at DATETIME(3)   NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_moment_copy (corp_id, moment_id, userid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='A staff member''s copy (task) of a moment';

CREATE TABLE scrm_moment_watermark (
  corp_id          VARCHAR(64)   NOT NULL,
  creator          VARCHAR(64)   NOT NULL COMMENT '''*'' = the corp-wide listing',
  listed_to        DATETIME(3)   NOT NULL COMMENT 'moments created before this were listed',
  last_create_time DATETIME(3)   NULL COMMENT 'the newest moment seen of this creator',
  backfill_from    DATETIME(3)   NULL COMMENT 'corp-wide row: where the back-fill started',
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (corp_id, creator)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Moment listing watermarks';

CREATE TABLE scrm_moment_sync (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  kind             VARCHAR(16)   NOT NULL COMMENT 'BACKFILL (the listing was behind), INCREMENTAL',
  trigger_source   VARCHAR(16)   NOT NULL,
  status           VARCHAR(16)   NOT NULL COMMENT 'RUNNING, SUCCEEDED, FAILED',
  windows          INT           NOT NULL DEFAULT 0,
  moments_seen     INT           NOT NULL DEFAULT 0,
  moments_new      INT           NOT NULL DEFAULT 0,
  interactions_new INT           NOT NULL DEFAULT 0,
  calls            INT           NOT NULL DEFAULT 0,
  calls_json       TEXT          NULL COMMENT 'calls per API',
  listed_to        DATETIME(3)   NULL,
  error            TEXT          NULL,
  started_at       DATETIME(3)   NOT NULL,
  finished_at      DATETIME(3)   NULL,
  PRIMARY KEY (id),
  KEY idx_moment_sync_corp (corp_id, started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Moment sync passes and their calls';

CREATE INDEX idx_moment_interaction_moment ON scrm_moment_interaction (corp_id, moment_id, userid);
