package io.wescrm.web.acquisition;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Store acquisition settings ({@code scrm.acquisition.*}).
 *
 * @param welcomeThreads threads of the welcome dispatcher (its own: never shared with the applier or enrichment)
 * @param welcomeQueue add events waiting for a welcome thread; beyond it the recovery sweep takes them
 * @param welcomeWindow WeCom's validity of a WelcomeCode (20 s)
 * @param recoveryInterval how often codes younger than the window with no final ledger row are picked up again
 * @param transferPollInterval how often waiting transfers are followed with transfer_result
 * @param welcomeApiConcurrency concurrent calls per API of the welcome path's own call gate
 * @param missedAddLookBack relations a sync pass finds without an add callback are attributed if added within this
 */
@ConfigurationProperties("scrm.acquisition")
public record AcquisitionProperties(Integer welcomeThreads, Integer welcomeQueue, Duration welcomeWindow,
    Duration recoveryInterval, Duration transferPollInterval,
    Integer welcomeApiConcurrency, Duration missedAddLookBack) {

  public AcquisitionProperties {
    welcomeThreads = welcomeThreads == null ? 64 : welcomeThreads;
    welcomeQueue = welcomeQueue == null ? 10_000 : welcomeQueue;
    welcomeWindow = welcomeWindow == null ? Duration.ofSeconds(20) : welcomeWindow;
    recoveryInterval = recoveryInterval == null ? Duration.ofSeconds(3) : recoveryInterval;
    transferPollInterval = transferPollInterval == null ? Duration.ofMinutes(5) : transferPollInterval;
    welcomeApiConcurrency = welcomeApiConcurrency == null ? 32 : welcomeApiConcurrency;
    missedAddLookBack = missedAddLookBack == null ? Duration.ofDays(7) : missedAddLookBack;
  }
}
