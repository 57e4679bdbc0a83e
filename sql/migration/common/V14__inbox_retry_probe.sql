-- The applier's due query leaves out keys held back by a failed event with a correlated count probe per
-- candidate (a NOT IN list of every such key broke past 32k keys); this index answers the probe. IGNORED is a new
-- finished status (app events sharing the callback URL: enter_agent, menu clicks, …), purged like APPLIED.
-- order_key leads: with corp_id first, MariaDB chose this index for the due query's outer range (corp_id = ? AND
-- status = ?) and read every row of the corp; the probe binds order_key and corp_id, so it still uses it.
CREATE INDEX idx_inbox_key_status ON scrm_inbox_event (order_key, corp_id, status, next_attempt_at);
