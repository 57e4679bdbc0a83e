package io.wescrm.core.audit;

import java.time.Instant;
import java.util.List;

/** The audit log's store: append-only, searched newest first, pruned by age. */
public interface AuditLog {

  /** Appends {@code entry}; returns it with its id. */
  AuditEntry append(AuditEntry entry);

  /** The entries matching {@code query}, newest first, at most {@code query.limit()}. */
  List<AuditEntry> search(AuditQuery query);

  /** Deletes entries older than {@code cutoff}, at most {@code batch} per call; returns how many went. */
  int pruneBefore(Instant cutoff, int batch);
}
