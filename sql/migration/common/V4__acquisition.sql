-- Store acquisition: contact ways (渠道活码) with our own state registry, the welcome ledger, first-touch
-- attribution, customer transfers (在职/离职继承) and lead-merge suggestions.

-- WeCom does not list API-created contact ways, so we keep every one we create. state (<= 30 chars) is the channel
-- key WeCom echoes in add events; it stays reserved after a delete so that old attributions keep their meaning.
CREATE TABLE scrm_contact_way (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  config_id        VARCHAR(64)   NOT NULL,
  state            VARCHAR(30)   NOT NULL,
  name             VARCHAR(64)   NOT NULL,
  kind             VARCHAR(16)   NOT NULL COMMENT 'STAFF (one member), MULTI (several), STORE (a department), CAMPAIGN',
  userids          VARCHAR(2000) NULL COMMENT 'comma-separated',
  department_ids   VARCHAR(512)  NULL COMMENT 'comma-separated WeCom department ids',
  store_dept_id    BIGINT        NULL COMMENT 'the store (department) the channel attributes to',
  channel          VARCHAR(64)   NULL COMMENT 'channel label, e.g. 门店海报, 收银台',
  campaign         VARCHAR(64)   NULL,
  remark           VARCHAR(30)   NULL,
  scene            INT           NOT NULL DEFAULT 2 COMMENT '1 mini program, 2 QR code',
  skip_verify      TINYINT       NOT NULL DEFAULT 1,
  qr_code          VARCHAR(512)  NULL,
  welcome          TEXT          NULL COMMENT 'welcome message template (JSON): text with variables, attachments',
  tag_ids          VARCHAR(1000) NULL COMMENT 'comma-separated corp tag ids applied on add',
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  deleted_at       DATETIME(3)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_contact_way_state (corp_id, state),
  UNIQUE KEY uk_contact_way_config (corp_id, config_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Contact ways (渠道活码) created through the API';

-- One row per welcome code: the unique key is what makes a welcome go out at most once, across retries, nodes and
-- restarts. Events without a code get a row keyed 'none:<inbox dedupe key>' that says why nothing was sent.
CREATE TABLE scrm_welcome_ledger (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  welcome_code     VARCHAR(128)  NOT NULL,
  userid           VARCHAR(64)   NULL,
  external_userid  VARCHAR(64)   NULL,
  state            VARCHAR(64)   NULL,
  contact_way_id   BIGINT        NULL,
  status           VARCHAR(16)   NOT NULL COMMENT 'PENDING, SENT, EXPIRED (41050), USED (41051), NO_CODE, NO_CHANNEL, NO_WELCOME, FAILED',
  errcode          INT           NULL,
  reason           VARCHAR(500)  NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  content          TEXT          NULL COMMENT 'the rendered text',
  node             VARCHAR(64)   NULL,
  received_at      DATETIME(3)   NOT NULL COMMENT 'arrival of the callback',
  claimed_at       DATETIME(3)   NOT NULL,
  finished_at      DATETIME(3)   NULL,
  latency_ms       INT           NULL COMMENT 'callback arrival to send_welcome_msg answered',
  PRIMARY KEY (id),
  UNIQUE KEY uk_welcome_code (corp_id, welcome_code),
  KEY idx_welcome_status (corp_id, status, received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Welcome message attempts (send_welcome_msg)';

-- First touch: the channel, store and staff member that brought a customer in. Never overwritten.
CREATE TABLE scrm_customer_attribution (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  external_userid  VARCHAR(64)   NOT NULL,
  userid           VARCHAR(64)   NOT NULL COMMENT 'the staff member of the first add',
  state            VARCHAR(64)   NULL,
  contact_way_id   BIGINT        NULL,
  channel          VARCHAR(64)   NULL,
  campaign         VARCHAR(64)   NULL,
  store_dept_id    BIGINT        NULL,
  added_at         DATETIME(3)   NOT NULL,
  created_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_attribution (corp_id, external_userid),
  KEY idx_attribution_way (corp_id, contact_way_id, added_at),
  KEY idx_attribution_store (corp_id, store_dept_id, added_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='First-touch attribution per customer';

-- Customer transfers (在职继承 ONJOB, 离职继承 RESIGNED), one row per customer and request, followed until final.
CREATE TABLE scrm_transfer (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  kind             VARCHAR(16)   NOT NULL COMMENT 'ONJOB, RESIGNED',
  handover_userid  VARCHAR(64)   NOT NULL,
  takeover_userid  VARCHAR(64)   NOT NULL,
  external_userid  VARCHAR(64)   NOT NULL,
  status           VARCHAR(16)   NOT NULL COMMENT 'WAITING, DONE, REFUSED, TAKEOVER_LIMIT, NO_RECORD, REJECTED (WeCom refused the request)',
  errcode          INT           NULL,
  reason           VARCHAR(500)  NULL,
  takeover_time    DATETIME(3)   NULL,
  requested_at     DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  KEY idx_transfer_status (corp_id, status, handover_userid, takeover_userid),
  KEY idx_transfer_customer (corp_id, external_userid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Customer transfers and their outcome';

-- Lead dedupe: pairs of customers that look like one person (shared remark mobile, same unionid) for an operator
-- to accept (merged into the first) or reject.
CREATE TABLE scrm_lead_merge (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  external_userid_a VARCHAR(64)  NOT NULL COMMENT 'the smaller id of the pair',
  external_userid_b VARCHAR(64)  NOT NULL,
  match_kind       VARCHAR(16)   NOT NULL COMMENT 'MOBILE, UNIONID',
  match_value      VARCHAR(64)   NOT NULL,
  status           VARCHAR(16)   NOT NULL DEFAULT 'OPEN' COMMENT 'OPEN, ACCEPTED, REJECTED',
  decided_by       VARCHAR(64)   NULL,
  decided_at       DATETIME(3)   NULL,
  created_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_lead_merge (corp_id, external_userid_a, external_userid_b, match_kind),
  KEY idx_lead_merge_status (corp_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Lead merge suggestions';
