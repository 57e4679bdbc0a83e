-- The console's 数据看板 (core/dashboard) over 100k customers: its GROUP BYs read covering indexes instead of rows.
-- Live relations per staff member (deleted_at IS NULL), losses per hour (deleted_at >= ?):
CREATE INDEX idx_follow_live ON scrm_follow_relation (corp_id, deleted_at, userid);
-- Adds per hour, per staff member and per channel since a day (added_at >= ?):
CREATE INDEX idx_follow_added_by ON scrm_follow_relation (corp_id, added_at, userid, state);
