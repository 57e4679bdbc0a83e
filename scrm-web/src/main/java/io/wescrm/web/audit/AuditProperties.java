package io.wescrm.web.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the audit log ({@code scrm.audit.*}).
 *
 * @param retentionDays how long entries are kept (default 365 days; Chinese 等保 level 2 asks for ≥ 6 months)
 * @param pruneCron when old entries are deleted
 * @param snapshots whether edits record the object's state before and after (a GET of the object around the change)
 */
@ConfigurationProperties("scrm.audit")
public record AuditProperties(Integer retentionDays, String pruneCron, Boolean snapshots) {

  public AuditProperties {
    retentionDays = retentionDays == null ? 365 : Math.max(1, retentionDays);
    pruneCron = pruneCron == null || pruneCron.isBlank() ? "0 20 3 * * ?" : pruneCron;
    snapshots = snapshots == null || snapshots;
  }
}
