package io.wescrm.core.campaigns;

import java.util.List;

/** STUB: replaced by the content branch. */
public final class RenderKey {
  private RenderKey() {
  }

  public static String of(String text, List<?> attachments) {
    return String.format("%016x", (long) text.hashCode() * 31 + attachments.size());
  }
}
