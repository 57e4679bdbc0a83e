-- The applier's due query leaves out keys held back by a failed event with a correlated NOT EXISTS probe per
-- candidate (a NOT IN list of every such key broke past 32k keys); this index answers the probe. IGNORED is a new
-- finished status (app events sharing the callback URL: enter_agent, menu clicks, …), purged like APPLIED.
CREATE INDEX idx_inbox_key_status ON scrm_inbox_event (corp_id, order_key, status, next_attempt_at);
