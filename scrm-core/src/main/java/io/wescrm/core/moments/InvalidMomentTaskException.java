package io.wescrm.core.moments;

import io.wescrm.core.campaigns.CampaignError;
import java.util.List;

/** A 朋友圈 task was refused before any WeCom call; {@link #errors()} says where and why (zh-CN). */
public class InvalidMomentTaskException extends RuntimeException {

  private final List<CampaignError> errors;

  public InvalidMomentTaskException(List<CampaignError> errors) {
    super("invalid moment task: " + errors.stream().map(e -> e.path() + ": " + e.message()).toList());
    this.errors = List.copyOf(errors);
  }

  public List<CampaignError> errors() {
    return errors;
  }
}
