-- Community (社群运营): 群活码 (join ways) with state attribution, group welcome templates (入群欢迎语素材), the member
-- join/leave log behind our group analytics, and WeCom's own daily group statistics per owner.

-- groupchat/get reports, per member, the state of the 群活码 they joined through: kept on the member mirror.
ALTER TABLE scrm_group_member ADD COLUMN state VARCHAR(64) NULL;

-- WeCom does not list join ways: we keep every one we create. state (<= 30 chars) stays reserved after a delete so
-- that the members who joined through it keep their attribution.
CREATE TABLE scrm_join_way (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  config_id        VARCHAR(64)   NOT NULL,
  state            VARCHAR(30)   NOT NULL,
  name             VARCHAR(64)   NOT NULL,
  scene            INT           NOT NULL DEFAULT 2 COMMENT '1 mini program, 2 QR code',
  remark           VARCHAR(30)   NULL,
  auto_create_room TINYINT       NOT NULL DEFAULT 1,
  room_base_name   VARCHAR(40)   NULL,
  room_base_id     INT           NULL,
  chat_ids         VARCHAR(400)  NOT NULL COMMENT 'comma-separated, at most 5',
  store_dept_id    BIGINT        NULL COMMENT 'the store (department) joins attribute to',
  channel          VARCHAR(64)   NULL COMMENT 'channel label, e.g. 门店海报',
  qr_code          VARCHAR(512)  NULL,
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  deleted_at       DATETIME(3)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_join_way_state (corp_id, state),
  UNIQUE KEY uk_join_way_config (corp_id, config_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='群活码 (join ways) created through the API';

CREATE TABLE scrm_group_welcome_template (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  template_id      VARCHAR(128)  NOT NULL,
  name             VARCHAR(64)   NOT NULL,
  content          TEXT          NOT NULL COMMENT 'JSON: text (with %NICKNAME%), image, link, miniprogram, file, video',
  notify           TINYINT       NOT NULL DEFAULT 1 COMMENT '1: WeCom tells the group owners',
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  deleted_at       DATETIME(3)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_group_welcome_template (corp_id, template_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Group welcome templates (入群欢迎语素材)';

-- One row per member join or leave, from the change_external_chat callbacks (the domain events): the member mirror
-- keeps only a member's latest stay, this keeps every one. event_day is the corp's calendar day (scrm.community.zone).
CREATE TABLE scrm_group_member_event (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  chat_id          VARCHAR(64)   NOT NULL,
  member_id        VARCHAR(64)   NOT NULL,
  kind             VARCHAR(8)    NOT NULL COMMENT 'JOIN, LEAVE',
  scene            INT           NULL COMMENT 'JOIN: 3 group QR code, 0 invited; LEAVE: 0 left, 1 removed (event numbering)',
  happened_at      DATETIME(3)   NOT NULL,
  event_day        DATE          NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_group_member_event (corp_id, chat_id, member_id, kind, happened_at),
  KEY idx_group_member_event_day (corp_id, event_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Group member joins and leaves';

-- WeCom's groupchat statistics (statistic_group_by_day per owner), upserted per (corp, owner, day).
CREATE TABLE scrm_group_stat_daily (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  owner            VARCHAR(64)   NOT NULL,
  stat_day         DATE          NOT NULL,
  new_chat_cnt     INT           NOT NULL DEFAULT 0,
  chat_total       INT           NOT NULL DEFAULT 0,
  chat_has_msg     INT           NOT NULL DEFAULT 0,
  new_member_cnt   INT           NOT NULL DEFAULT 0,
  member_total     INT           NOT NULL DEFAULT 0,
  member_has_msg   INT           NOT NULL DEFAULT 0,
  msg_total        INT           NOT NULL DEFAULT 0,
  fetched_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_group_stat_daily (corp_id, owner, stat_day),
  KEY idx_group_stat_daily_day (corp_id, stat_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='WeCom daily group statistics per owner';
