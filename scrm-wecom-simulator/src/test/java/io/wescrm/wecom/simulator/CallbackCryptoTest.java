package io.wescrm.wecom.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import me.chanjar.weixin.cp.util.crypto.WxCpCryptUtil;
import org.junit.jupiter.api.Test;

/** The callback crypto against WeCom's official vector (doc 90968) and WxJava. */
class CallbackCryptoTest {

  // the official vector (reference §7)
  private static final String TOKEN = "QDG6eK";
  private static final String KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
  private static final String CORP = "wx5823bf96d3bd56c7";
  private static final String ECHOSTR =
      "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

  private final SimCallbackCrypto crypto = new SimCallbackCrypto(TOKEN, KEY, CORP);

  @Test
  void decryptsAndSignsTheOfficialVector() {
    assertThat(crypto.sign("1409659589", "263014780", ECHOSTR)).isEqualTo("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
    assertThat(SimCallbackCrypto.signature(TOKEN, "1409659589", "263014780", ECHOSTR))
        .isEqualTo(SHA1.gen(TOKEN, "1409659589", "263014780", ECHOSTR));
    SimCallbackCrypto.Decrypted decrypted = crypto.decrypt(ECHOSTR);
    assertThat(decrypted.message()).isEqualTo("1616140317555161061");
    assertThat(decrypted.receiveId()).isEqualTo(CORP);
    assertThat(crypto.decryptChecked(ECHOSTR)).isEqualTo("1616140317555161061");
    assertThatThrownBy(() -> new SimCallbackCrypto(TOKEN, KEY, "wwother").decryptChecked(ECHOSTR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receiveid");
  }

  @Test
  void encryptsTheOfficialVectorBitForBit() throws Exception {
    // take the official random prefix, then our encryption must give the official ciphertext exactly
    byte[] key = Base64.getDecoder().decode(KEY + "=");
    Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
    byte[] plain = cipher.doFinal(Base64.getDecoder().decode(ECHOSTR));
    assertThat(plain.length % 32).isZero();
    byte[] random = Arrays.copyOf(plain, 16);

    assertThat(crypto.encrypt(random, "1616140317555161061")).isEqualTo(ECHOSTR);
    String prefix = new String(random, StandardCharsets.UTF_8);
    if (Arrays.equals(prefix.getBytes(StandardCharsets.UTF_8), random)) {
      assertThat(new WxCryptUtil(TOKEN, KEY, CORP).encrypt(prefix, "1616140317555161061")).isEqualTo(ECHOSTR);
    }
  }

  @Test
  void wxJavaDecryptsAndParsesWhatWeEncrypt() {
    String event = "<xml><ToUserName><![CDATA[" + CORP + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
        + "<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType>"
        + "<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA]]>"
        + "</ExternalUserID><State><![CDATA[门店🌸]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode></xml>";
    String encrypt = crypto.encrypt(event);
    assertThat(crypto.encrypt(event)).as("a fresh random prefix every time").isNotEqualTo(encrypt);
    String timestamp = "1409659813";
    String nonce = "1372623149";
    String signature = crypto.sign(timestamp, nonce, encrypt);
    String body = SimCallbackCrypto.envelope(CORP, encrypt, "1000002");

    WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
    config.setCorpId(CORP);
    config.setToken(TOKEN);
    config.setAesKey(KEY);
    assertThat(new WxCpCryptUtil(config).decryptXml(signature, timestamp, nonce, body)).isEqualTo(event);
    assertThatThrownBy(() -> new WxCpCryptUtil(config).decryptXml(signature, timestamp, "1", body))
        .hasMessageContaining("签名");

    WxCpXmlMessage message = WxCpXmlMessage.fromEncryptedXml(body, config, timestamp, nonce, signature);
    assertThat(message.getToUserName()).isEqualTo(CORP);
    assertThat(message.getAgentId()).isEqualTo("1000002");
    assertThat(message.getEvent()).isEqualTo("change_external_contact");
    assertThat(message.getChangeType()).isEqualTo("add_external_contact");
    assertThat(message.getUserId()).isEqualTo("zhangsan");
    assertThat(message.getExternalUserId()).isEqualTo("woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA");
    assertThat(message.getState()).isEqualTo("门店🌸");
    assertThat(message.getWelcomeCode()).isEqualTo("WELCOMECODE");
  }

  @Test
  void padsToThirtyTwoByteBlocks() {
    // 16 + 4 + msg + 18 (corp id) = 64 when msg has 26 bytes: a whole extra block of 32 pad bytes
    for (int length = 0; length < 70; length++) {
      String message = "x".repeat(length);
      String encrypt = crypto.encrypt(message);
      int bytes = Base64.getDecoder().decode(encrypt).length;
      int pad = 32 - ((16 + 4 + length + CORP.length()) % 32);
      assertThat(bytes).isEqualTo(16 + 4 + length + CORP.length() + pad);
      assertThat(new WxCryptUtil(TOKEN, KEY, CORP).decrypt(encrypt)).isEqualTo(message);
    }
  }

  @Test
  void validatesTheKeyAndToken() {
    assertThatThrownBy(() -> new SimCallbackCrypto(TOKEN, KEY.substring(1), CORP))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("43");
    assertThatThrownBy(() -> new SimCallbackCrypto(TOKEN, KEY + "A", CORP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SimCallbackCrypto(TOKEN, KEY.substring(1) + "+", CORP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SimCallbackCrypto(" ", KEY, CORP)).isInstanceOf(IllegalArgumentException.class);
    assertThat(SimCallbackCrypto.aesKey(SimCallbackCrypto.randomEncodingAesKey())).hasSize(32);
  }
}
