-- Reconciliation passes cover one slice of the staff at a time: each run records the part of the corp it covered.
ALTER TABLE scrm_sync_run ADD COLUMN scope VARCHAR(16) NULL COMMENT 'all, or slice/slices of the staff (reconciliation)';
