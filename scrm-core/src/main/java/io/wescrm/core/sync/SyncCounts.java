package io.wescrm.core.sync;

/** What a sync run read from WeCom and what it changed. */
public record SyncCounts(int departments, int staff, int tags, int customers, int followRelations, int followTags,
    int groups, int groupMembers, int markedDeleted, long rowsChanged, long apiCalls, long apiRetries) {

  public static SyncCounts empty() {
    return new SyncCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
