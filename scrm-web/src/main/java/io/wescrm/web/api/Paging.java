package io.wescrm.web.api;

/**
 * The API's one pagination style (docs/api.md): lists take {@code page} (from 1) and {@code size}; the newest-first
 * logs (runs, parked events, ledgers) take only {@code limit}, their first page. Bounds are validated (400 beyond).
 */
public final class Paging {

  /** Largest page size. */
  public static final int MAX_SIZE = 200;
  /** Largest {@code limit} of a newest-first log. */
  public static final int MAX_LIMIT = 1000;
  /** Largest page number (page × size stays far below what an OFFSET scan can serve quickly). */
  public static final int MAX_PAGE = 10_000;

  private Paging() {
  }
}
