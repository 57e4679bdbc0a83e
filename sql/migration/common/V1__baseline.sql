-- Baseline schema: corps, directory (departments, staff), customers and follow relations, corp tags,
-- customer group chats and members, sync runs.
-- MySQL 8 dialect that also runs on MariaDB 10.11+ and H2 (MODE=MySQL;DATABASE_TO_LOWER=TRUE).
-- Conventions: every table carries corp_id; natural WeCom keys are unique per corp so every upsert is idempotent;
-- rows are soft-deleted (deleted_at) so churn stays visible; last_seen_run is the id of the last full sync that saw the row
-- (deliberately not indexed: the once-per-run sweep scans a corp's rows, every upsert would pay for the index).

CREATE TABLE scrm_corp (
  corp_id      VARCHAR(64)  NOT NULL,
  name         VARCHAR(128) NOT NULL,
  created_at   DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at   DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (corp_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='WeCom corps served by this deployment';

CREATE TABLE scrm_department (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  corp_id        VARCHAR(64)  NOT NULL,
  dept_id        BIGINT       NOT NULL,
  name           VARCHAR(128) NOT NULL,
  parent_id      BIGINT       NULL,
  sort_order     BIGINT       NOT NULL DEFAULT 0,
  last_seen_run  BIGINT       NULL,
  deleted_at     DATETIME(3)  NULL,
  created_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_department (corp_id, dept_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Departments; stores are departments';

CREATE TABLE scrm_staff (
  id                 BIGINT       NOT NULL AUTO_INCREMENT,
  corp_id            VARCHAR(64)  NOT NULL,
  userid             VARCHAR(64)  NOT NULL,
  name               VARCHAR(128) NULL,
  department_ids     VARCHAR(512) NULL COMMENT 'comma-separated WeCom department ids',
  main_department    BIGINT       NULL,
  position           VARCHAR(128) NULL,
  status             INT          NULL COMMENT '1 active, 2 disabled, 4 not activated, 5 resigned',
  contact_enabled    TINYINT      NOT NULL DEFAULT 0 COMMENT 'in get_follow_user_list (customer contact enabled)',
  last_seen_run      BIGINT       NULL,
  deleted_at         DATETIME(3)  NULL,
  created_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_staff (corp_id, userid),
  KEY idx_staff_main_dept (corp_id, main_department)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Corp members (staff, 导购)';

CREATE TABLE scrm_customer (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id           VARCHAR(64)   NOT NULL,
  external_userid   VARCHAR(64)   NOT NULL,
  name              VARCHAR(128)  NULL,
  type              INT           NULL COMMENT '1 WeChat user, 2 WeCom user',
  gender            INT           NULL COMMENT '0 unknown, 1 male, 2 female',
  unionid           VARCHAR(64)   NULL,
  avatar            VARCHAR(512)  NULL,
  position          VARCHAR(128)  NULL,
  corp_name         VARCHAR(128)  NULL,
  corp_full_name    VARCHAR(256)  NULL,
  lifecycle_stage   VARCHAR(32)   NULL,
  last_seen_run     BIGINT        NULL,
  created_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_customer (corp_id, external_userid),
  KEY idx_customer_unionid (corp_id, unionid),
  KEY idx_customer_updated (corp_id, updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='External contacts (客户)';

CREATE TABLE scrm_follow_relation (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id           VARCHAR(64)   NOT NULL,
  userid            VARCHAR(64)   NOT NULL,
  external_userid   VARCHAR(64)   NOT NULL,
  remark            VARCHAR(128)  NULL,
  description       VARCHAR(512)  NULL,
  remark_corp_name  VARCHAR(128)  NULL,
  remark_mobiles    VARCHAR(512)  NULL COMMENT 'comma-separated',
  add_way           INT           NULL,
  state             VARCHAR(64)   NULL COMMENT 'contact way state (channel), <= 30 chars in WeCom',
  oper_userid       VARCHAR(64)   NULL,
  added_at          DATETIME(3)   NULL COMMENT 'WeCom createtime',
  deleted_at        DATETIME(3)   NULL,
  deleted_by        VARCHAR(16)   NULL COMMENT 'STAFF (member deleted customer), CUSTOMER (customer deleted member), TRANSFER, SYNC (vanished)',
  last_seen_run     BIGINT        NULL,
  created_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_follow (corp_id, userid, external_userid),
  KEY idx_follow_customer (corp_id, external_userid),
  KEY idx_follow_state (corp_id, state),
  KEY idx_follow_added (corp_id, added_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='One row per staff x customer: WeCom keeps remark, state and tags per pair';

CREATE TABLE scrm_tag_group (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id        VARCHAR(64)   NOT NULL,
  group_id       VARCHAR(64)   NOT NULL,
  name           VARCHAR(64)   NOT NULL,
  sort_order     BIGINT        NOT NULL DEFAULT 0,
  wecom_created_at DATETIME(3) NULL,
  last_seen_run  BIGINT        NULL,
  deleted_at     DATETIME(3)   NULL,
  created_at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_tag_group (corp_id, group_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Corp tag groups';

CREATE TABLE scrm_tag (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id        VARCHAR(64)   NOT NULL,
  tag_id         VARCHAR(64)   NOT NULL,
  group_id       VARCHAR(64)   NOT NULL,
  name           VARCHAR(64)   NOT NULL,
  sort_order     BIGINT        NOT NULL DEFAULT 0,
  wecom_created_at DATETIME(3) NULL,
  last_seen_run  BIGINT        NULL,
  deleted_at     DATETIME(3)   NULL,
  created_at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_tag (corp_id, tag_id),
  KEY idx_tag_group (corp_id, group_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Corp tags';

CREATE TABLE scrm_follow_tag (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id           VARCHAR(64)   NOT NULL,
  userid            VARCHAR(64)   NOT NULL,
  external_userid   VARCHAR(64)   NOT NULL,
  tag_id            VARCHAR(64)   NOT NULL,
  source            VARCHAR(32)   NOT NULL DEFAULT 'WECOM' COMMENT 'WECOM (sync/callback), RULE, CHANNEL, OPERATOR',
  source_ref        VARCHAR(128)  NULL COMMENT 'rule id and version, channel state, operator id',
  last_seen_run     BIGINT        NULL,
  created_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_follow_tag (corp_id, userid, external_userid, tag_id),
  KEY idx_follow_tag_tag (corp_id, tag_id),
  KEY idx_follow_tag_customer (corp_id, external_userid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Corp tags on a follow relation (as mark_tag stores them)';

CREATE TABLE scrm_group_chat (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id         VARCHAR(64)   NOT NULL,
  chat_id         VARCHAR(64)   NOT NULL,
  name            VARCHAR(128)  NULL,
  owner           VARCHAR(64)   NULL,
  notice          TEXT          NULL,
  status          INT           NOT NULL DEFAULT 0 COMMENT 'groupchat/list status: 0 normal, 1 owner resigned, 2 inheriting, 3 inherited',
  member_version  VARCHAR(64)   NULL,
  member_count    INT           NOT NULL DEFAULT 0,
  wecom_created_at DATETIME(3)  NULL,
  dismissed_at    DATETIME(3)   NULL,
  last_seen_run   BIGINT        NULL,
  created_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_group_chat (corp_id, chat_id),
  KEY idx_group_owner (corp_id, owner)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Customer group chats (客户群)';

CREATE TABLE scrm_group_member (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id         VARCHAR(64)   NOT NULL,
  chat_id         VARCHAR(64)   NOT NULL,
  member_id       VARCHAR(64)   NOT NULL COMMENT 'userid (type 1) or external_userid (type 2)',
  member_type     INT           NOT NULL COMMENT '1 corp member, 2 external contact',
  unionid         VARCHAR(64)   NULL,
  join_time       DATETIME(3)   NULL,
  join_scene      INT           NULL COMMENT '1 direct invite, 2 invite link, 3 QR (groupchat/get numbering)',
  invitor         VARCHAR(64)   NULL,
  group_nickname  VARCHAR(128)  NULL,
  name            VARCHAR(128)  NULL,
  is_admin        TINYINT       NOT NULL DEFAULT 0,
  left_at         DATETIME(3)   NULL,
  quit_scene      INT           NULL COMMENT '0 left, 1 removed (from callbacks)',
  last_seen_run   BIGINT        NULL,
  created_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_group_member (corp_id, chat_id, member_id),
  KEY idx_group_member_member (corp_id, member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Group chat members; left members are kept with left_at';

CREATE TABLE scrm_sync_run (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id         VARCHAR(64)   NOT NULL,
  kind            VARCHAR(32)   NOT NULL COMMENT 'FULL',
  trigger_source  VARCHAR(32)   NOT NULL COMMENT 'API, SCHEDULE, STARTUP',
  status          VARCHAR(16)   NOT NULL COMMENT 'RUNNING, SUCCEEDED, FAILED, ABORTED',
  node            VARCHAR(128)  NULL,
  started_at      DATETIME(3)   NOT NULL,
  heartbeat_at    DATETIME(3)   NULL,
  finished_at     DATETIME(3)   NULL,
  duration_ms     BIGINT        NULL,
  departments     INT           NOT NULL DEFAULT 0,
  staff           INT           NOT NULL DEFAULT 0,
  tags            INT           NOT NULL DEFAULT 0,
  customers       INT           NOT NULL DEFAULT 0,
  follow_relations INT          NOT NULL DEFAULT 0,
  follow_tags     INT           NOT NULL DEFAULT 0,
  groups_synced   INT           NOT NULL DEFAULT 0,
  group_members   INT           NOT NULL DEFAULT 0,
  marked_deleted  INT           NOT NULL DEFAULT 0,
  rows_changed    BIGINT        NOT NULL DEFAULT 0,
  api_calls       BIGINT          NOT NULL DEFAULT 0,
  api_retries     BIGINT          NOT NULL DEFAULT 0,
  error           TEXT          NULL,
  PRIMARY KEY (id),
  KEY idx_sync_run_corp (corp_id, started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Every sync run, with counts and errors';
