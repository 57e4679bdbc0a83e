package io.wescrm.core.campaigns;

import java.util.List;

/** A campaign definition was refused; {@link #errors()} says where and why. */
public class InvalidCampaignException extends RuntimeException {

  private final List<CampaignError> errors;

  public InvalidCampaignException(List<CampaignError> errors) {
    super("invalid campaign: " + errors.stream().map(e -> e.path() + ": " + e.message()).toList());
    this.errors = List.copyOf(errors);
  }

  public List<CampaignError> errors() {
    return errors;
  }
}
