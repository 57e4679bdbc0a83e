package io.wescrm.wecom.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.wecom.callback.CallbackRejected.Reason;
import java.util.Base64;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import me.chanjar.weixin.cp.util.crypto.WxCpCryptUtil;
import org.junit.jupiter.api.Test;

/** WeCom's callback cryptography against the official vector (doc 90968) and against WxJava's implementation. */
class CallbackCryptoTest {

  static final String TOKEN = "QDG6eK";
  static final String KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
  static final String CORP = "wx5823bf96d3bd56c7";
  static final String ECHOSTR =
      "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

  final CallbackCrypto crypto = new CallbackCrypto(TOKEN, KEY, CORP);

  @Test
  void officialUrlVerificationVectorVerifiesAndDecrypts() {
    assertThat(CallbackCrypto.sign(TOKEN, "1409659589", "263014780", ECHOSTR))
        .isEqualTo("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
    crypto.verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", ECHOSTR);
    assertThat(crypto.decrypt(ECHOSTR)).isEqualTo("1616140317555161061");
  }

  @Test
  void whatWxJavaEncryptsWeDecryptAndViceVersa() {
    WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
    config.setCorpId(CORP);
    config.setToken(TOKEN);
    config.setAesKey(KEY);
    String xml = "<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
        + "<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType>"
        + "<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2GCAAAtest]]></ExternalUserID>"
        + "<State><![CDATA[门店活码🌸]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode></xml>";
    String theirs = new WxCpCryptUtil(config).encrypt("aaaabbbbccccdddd", xml);
    assertThat(crypto.decrypt(theirs)).isEqualTo(xml);

    String ours = crypto.encrypt(xml);
    String signature = CallbackCrypto.sign(TOKEN, "1700000000", "nonce1", ours);
    String envelope = "<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><Encrypt><![CDATA[" + ours
        + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
    WxCpXmlMessage message = WxCpXmlMessage.fromEncryptedXml(envelope, config, "1700000000", "nonce1", signature);
    assertThat(message.getChangeType()).isEqualTo("add_external_contact");
    assertThat(message.getExternalUserId()).isEqualTo("woAJ2GCAAAtest");
    assertThat(message.getState()).isEqualTo("门店活码🌸");
  }

  @Test
  void aBadSignatureIsRefused() {
    assertThatThrownBy(() -> crypto.verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4", "1409659589", "263014780",
        ECHOSTR)).isInstanceOfSatisfying(CallbackRejected.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void anotherReceiverIdIsRefused() {
    CallbackCrypto otherCorp = new CallbackCrypto(TOKEN, KEY, "wwsomeoneelse");
    assertThatThrownBy(() -> otherCorp.decrypt(crypto.encrypt("<xml/>")))
        .isInstanceOfSatisfying(CallbackRejected.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.RECEIVER_MISMATCH));
  }

  @Test
  void invalidBase64TruncatedCiphertextAndWrongKeyAreRefused() {
    assertReason(() -> crypto.decrypt("not base64 at all!!"), Reason.BAD_CIPHERTEXT);
    String good = crypto.encrypt("<xml><a>1</a></xml>");
    byte[] raw = Base64.getDecoder().decode(good);
    String truncated = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, raw.length - 7));
    assertReason(() -> crypto.decrypt(truncated), Reason.BAD_CIPHERTEXT);
    String shortened = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, raw.length - 32));
    assertReason(() -> crypto.decrypt(shortened), Reason.BAD_CIPHERTEXT);
    CallbackCrypto wrongKey = new CallbackCrypto(TOKEN, "a".repeat(43), CORP);
    assertReason(() -> wrongKey.decrypt(good), Reason.BAD_CIPHERTEXT);
  }

  @Test
  void paddingUsesThirtyTwoByteBlocksLikeWeCom() {
    for (int n = 0; n < 70; n++) {
      String msg = "x".repeat(n);
      byte[] raw = Base64.getDecoder().decode(crypto.encrypt(msg));
      assertThat(raw.length % 32).isZero();
      assertThat(crypto.decrypt(Base64.getEncoder().encodeToString(raw))).isEqualTo(msg);
    }
    // and WxJava (PKCS7Encoder, block 32) reads ours
    WxCryptUtil wx = new WxCpCryptUtil(configOf());
    assertThat(wx.decrypt(crypto.encrypt("你好"))).isEqualTo("你好");
  }

  @Test
  void aMalformedEncodingAesKeyIsRefusedAtConfiguration() {
    assertThatThrownBy(() -> new CallbackCrypto(TOKEN, "short", CORP)).isInstanceOf(IllegalArgumentException.class);
  }

  private static WxCpDefaultConfigImpl configOf() {
    WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
    config.setCorpId(CORP);
    config.setToken(TOKEN);
    config.setAesKey(KEY);
    return config;
  }

  private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(CallbackRejected.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
