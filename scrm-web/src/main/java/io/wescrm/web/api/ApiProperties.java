package io.wescrm.web.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the admin API ({@code scrm.api.*}); docs/api.md. The WeCom callback servlet has its own
 * ({@code scrm.callback.*}) and is outside every one of these.
 *
 * @param maxBodyBytes JSON request bodies larger than this are refused with 413 (multipart uploads have their own
 *     limits)
 * @param maxNestingDepth deepest JSON nesting accepted in a request body
 * @param maxStringLength longest JSON string value, in characters
 * @param maxNumberLength longest JSON number, in characters
 * @param queryTimeout statement timeout of preview, search and audience queries (whole seconds; 503 when it ends one)
 * @param concurrentPreviews previews, searches and audience counts that may run at once per corp (429 beyond)
 * @param concurrentPreviewsTotal the same over all corps of the server (429 beyond): each is a scan that keeps a
 *     database core busy for seconds, and the inbox writer needs a core left to acknowledge callbacks
 * @param maxConcurrentRequests {@code /api} requests served at once (the bulkhead); the rest wait up to
 *     {@code bulkheadWait}, then get 503. Below the server's thread count, so that callbacks always find a thread
 * @param bulkheadWait how long an {@code /api} request waits for a place in the bulkhead
 */
@ConfigurationProperties("scrm.api")
public record ApiProperties(Long maxBodyBytes, Integer maxNestingDepth, Integer maxStringLength,
    Integer maxNumberLength, Duration queryTimeout, Integer concurrentPreviews, Integer maxConcurrentRequests,
    Duration bulkheadWait, Integer concurrentPreviewsTotal) {

  public ApiProperties {
    maxBodyBytes = maxBodyBytes == null ? 1024 * 1024 : maxBodyBytes;
    maxNestingDepth = maxNestingDepth == null ? 64 : maxNestingDepth;
    maxStringLength = maxStringLength == null ? 100_000 : maxStringLength;
    maxNumberLength = maxNumberLength == null ? 32 : maxNumberLength;
    queryTimeout = queryTimeout == null ? Duration.ofSeconds(30) : queryTimeout;
    concurrentPreviews = concurrentPreviews == null ? 1 : concurrentPreviews;
    maxConcurrentRequests = maxConcurrentRequests == null ? 8 : maxConcurrentRequests;
    bulkheadWait = bulkheadWait == null ? Duration.ofSeconds(2) : bulkheadWait;
    concurrentPreviewsTotal = concurrentPreviewsTotal == null ? 2 : concurrentPreviewsTotal;
  }
}
