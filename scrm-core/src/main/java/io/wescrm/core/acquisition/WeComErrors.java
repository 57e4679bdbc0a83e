package io.wescrm.core.acquisition;

/** zh-CN explanations of the WeCom errcodes acquisition calls meet (reference §5). */
public final class WeComErrors {

  private WeComErrors() {
  }

  public static String message(int errcode) {
    return switch (errcode) {
      case 0 -> "成功";
      case 40058 -> "企业微信拒绝了参数（40058）";
      case 40096 -> "客户 external_userid 无效（40096）";
      case 40097 -> "原跟进成员尚未离职，不能做离职继承（40097）";
      case 40098 -> "接替成员尚未实名认证（40098）";
      case 40099 -> "接替成员的客户数已达上限（40099）";
      case 40128 -> "该客户转接过于频繁：每位客户最多被转接两次，且成功转接后 90 天内不能再次转接（40128）";
      case 40129 -> "该客户正在转接中，请等待结果（40129）";
      case 40130 -> "原跟进成员与接替成员不能是同一人（40130）";
      case 40131 -> "该客户不是原跟进成员的客户（40131）";
      case 41041 -> "活码成员超过 100 人（41041）";
      case 41050 -> "欢迎语 code 无效或已过期（20 秒内有效）（41050）";
      case 41051 -> "客户已开始聊天或已发送过欢迎语（41051）";
      case 41096 -> "其他应用正在发送欢迎语（41096）";
      case 40050 -> "客户群不存在（40050）";
      case 49008 -> "客户群已解散（49008）";
      case 90500 -> "群主未离职，不能做离职继承（90500）";
      case 90502 -> "群主已离职，请使用离职继承（90502）";
      case 90504 -> "新群主与原群主相同（90504）";
      case 60003 -> "部门不存在（60003）";
      case 60111 -> "成员不存在（60111）";
      case 84061 -> "成员与客户不是好友关系（84061）";
      case 84074 -> "成员没有开通客户联系功能（84074）";
      case 45009, 45033, -1 -> "企业微信繁忙或超出调用频率，请稍后重试（" + errcode + "）";
      default -> "企业微信返回错误 " + errcode;
    };
  }
}
