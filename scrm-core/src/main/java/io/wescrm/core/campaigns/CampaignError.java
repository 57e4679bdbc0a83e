package io.wescrm.core.campaigns;

/**
 * One reason a campaign (its content, attachments or schedule) was refused.
 *
 * @param path where in the campaign JSON, e.g. {@code content.text}, {@code content.attachments[2].title},
 *     {@code schedule}
 * @param message zh-CN, for operators
 */
public record CampaignError(String path, String message) {
}
