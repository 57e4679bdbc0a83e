package io.wescrm.web.moments;

import io.wescrm.core.moments.MomentSyncPass;
import io.wescrm.core.moments.SyncingMoments;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs moment passes one at a time per corp on this node (the Quartz job runs on one node of a cluster): now (the
 * job, the demo's start-up) or in the background (the API's 202).
 */
@Component
public class MomentSyncs implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(MomentSyncs.class);

  private final SyncingMoments syncing;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "moment-sync");
    t.setDaemon(true);
    return t;
  });

  MomentSyncs(SyncingMoments syncing) {
    this.syncing = syncing;
  }

  /** A pass now; empty when one of this corp is already running. */
  public Optional<MomentSyncPass> runNow(String corpId, String trigger) {
    if (!running.add(corpId)) {
      return Optional.empty();
    }
    try {
      MomentSyncPass pass = syncing.run(corpId, trigger);
      log.info("Moment sync of corp {} ({}): {} in {} windows, {} moments seen, {} new, {} new interactions, "
          + "calls {}{}", corpId, pass.kind(), pass.status(), pass.windows(), pass.momentsSeen(), pass.momentsNew(),
          pass.interactionsNew(), pass.calls(), pass.error() == null ? "" : ", error " + pass.error());
      return Optional.of(pass);
    } finally {
      running.remove(corpId);
    }
  }

  /** Starts a pass in the background; false when one of this corp is already running. */
  public boolean start(String corpId, String trigger) {
    if (running.contains(corpId)) {
      return false;
    }
    background.submit(() -> runNow(corpId, trigger));
    return true;
  }

  public boolean running(String corpId) {
    return running.contains(corpId);
  }

  @Override
  public void destroy() {
    background.shutdownNow();
  }
}
