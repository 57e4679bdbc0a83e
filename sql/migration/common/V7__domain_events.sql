-- Durable domain events (a transactional outbox): what another feature acts on is stored in the transaction that
-- caused it, one row per event and consumer, and deleted once that consumer has handled it. Rows that fail are
-- retried with back-off (attempts, next_attempt_at, last_error); nothing is dropped.
CREATE TABLE scrm_domain_event (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  corp_id          VARCHAR(64)   NOT NULL,
  consumer         VARCHAR(32)   NOT NULL COMMENT 'attribution, rules, transfers, …',
  event_type       VARCHAR(64)   NOT NULL COMMENT 'the DomainEvent record name, e.g. CustomerAdded',
  payload          TEXT          NOT NULL COMMENT 'the event as JSON',
  occurred_at      DATETIME(3)   NOT NULL,
  created_at       DATETIME(3)   NOT NULL,
  next_attempt_at  DATETIME(3)   NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  last_error       VARCHAR(1000) NULL,
  PRIMARY KEY (id),
  KEY idx_domain_event_due (consumer, next_attempt_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Domain events not yet handled by a consumer';
