package io.wescrm.core.corp;

/**
 * An external contact (客户) as WeCom describes it.
 *
 * @param type 1 WeChat user, 2 WeCom user
 * @param gender 0 unknown, 1 male, 2 female
 */
public record Customer(String externalUserId, String name, Integer type, Integer gender, String unionid, String avatar,
    String position, String corpName, String corpFullName) {
}
