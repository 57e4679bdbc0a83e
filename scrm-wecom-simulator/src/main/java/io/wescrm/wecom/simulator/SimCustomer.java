package io.wescrm.wecom.simulator;

/**
 * A customer (外部联系人) profile.
 *
 * @param type    1 WeChat user, 2 WeCom user of another corp
 * @param gender  0 unknown, 1 male, 2 female
 * @param unionid WeChat unionid, or null
 */
public record SimCustomer(String externalUserId, String name, int type, int gender, String unionid,
    String corpName, String corpFullName, String position, String avatar) {

  /** A WeChat customer with the usual fields. */
  public static SimCustomer wechat(String externalUserId, String name, int gender, String unionid) {
    return new SimCustomer(externalUserId, name, 1, gender, unionid, null, null, null, null);
  }
}
