package io.wescrm.wecom.callback;

/** A callback refused before anything was stored: the reason decides the HTTP status. */
public class CallbackRejected extends RuntimeException {

  /** Why a callback was refused, with the HTTP status it is answered with. */
  public enum Reason {
    UNKNOWN_CORP(404, "企业未配置回调"),
    MISSING_PARAMETER(400, "缺少回调参数"),
    BODY_TOO_LARGE(413, "请求体过大"),
    MALFORMED_XML(400, "XML 格式错误或含有 DTD/实体"),
    MISSING_ENCRYPT(400, "缺少 Encrypt 字段"),
    STALE_TIMESTAMP(401, "时间戳超出允许范围"),
    BAD_SIGNATURE(401, "签名校验失败"),
    BAD_CIPHERTEXT(400, "密文无法解密（Base64、长度或填充错误）"),
    RECEIVER_MISMATCH(403, "ReceiveId 与企业 ID 不一致"),
    CORP_MISMATCH(403, "事件 ToUserName 与企业 ID 不一致");

    private final int status;
    private final String message;

    Reason(int status, String message) {
      this.status = status;
      this.message = message;
    }

    public int status() {
      return status;
    }

    public String message() {
      return message;
    }
  }

  private final Reason reason;

  public CallbackRejected(Reason reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
