package io.wescrm.wecom.simulator;

/**
 * The result of {@link SimCorp#scan}: a new customer who scanned a staff member's QR code.
 *
 * @param welcomeCode the WelcomeCode of the add event (see {@link SimCorp#welcomeCode(String)})
 */
public record SimScan(String externalUserId, String userid, String state, String welcomeCode, SimFollow follow) {
}
