-- Accounts, roles, corp and store bindings, personal access tokens (docs/security.md).

-- A local account. username is stored in lower case; password_hash is BCrypt. role: ADMIN, OPERATOR,
-- STORE_MANAGER, VIEWER. An ADMIN serves every corp; the others the corps in scrm_account_corp.
CREATE TABLE scrm_account (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  username       VARCHAR(64)   NOT NULL,
  password_hash  VARCHAR(100)  NOT NULL,
  role           VARCHAR(16)   NOT NULL,
  enabled        TINYINT       NOT NULL DEFAULT 1,
  password_changed_at DATETIME(3) NULL,
  created_at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_account_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Console and API accounts';

CREATE TABLE scrm_account_corp (
  account_id     BIGINT        NOT NULL,
  corp_id        VARCHAR(64)   NOT NULL,
  PRIMARY KEY (account_id, corp_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='The corps an account serves';

-- A store manager's stores: WeCom department ids, each with its sub-departments.
CREATE TABLE scrm_account_store (
  account_id     BIGINT        NOT NULL,
  corp_id        VARCHAR(64)   NOT NULL,
  dept_id        BIGINT        NOT NULL,
  PRIMARY KEY (account_id, corp_id, dept_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='A store manager''s stores (departments)';

-- Personal access tokens: only the SHA-256 (hex) of the secret is kept.
CREATE TABLE scrm_access_token (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  account_id     BIGINT        NOT NULL,
  name           VARCHAR(64)   NOT NULL,
  token_hash     CHAR(64)      NOT NULL,
  created_at     DATETIME(3)   NOT NULL,
  expires_at     DATETIME(3)   NOT NULL,
  last_used_at   DATETIME(3)   NULL,
  revoked_at     DATETIME(3)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_access_token_hash (token_hash),
  KEY idx_access_token_account (account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Personal access tokens (Bearer)';
