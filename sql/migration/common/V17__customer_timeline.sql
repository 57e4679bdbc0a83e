-- The customer detail page (console 客户详情): a customer's welcome rows by index, not by scanning the corp's ledger.
CREATE INDEX idx_welcome_customer ON scrm_welcome_ledger (corp_id, external_userid);
