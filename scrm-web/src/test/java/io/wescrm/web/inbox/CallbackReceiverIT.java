package io.wescrm.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.wescrm.web.SimulatedCorps;
import io.wescrm.web.testing.WithSimulator;
import io.wescrm.wecom.callback.CallbackCrypto;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The callback URL over real HTTP: URL verification with the official vector, signed and encrypted events stored
 * once, and every hostile input refused with a precise 4xx, nothing stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithSimulator(properties = {
    "scrm.wecom.corps[1].corp-id=" + CallbackReceiverIT.OFFICIAL_CORP,
    "scrm.wecom.corps[1].secret=official-vector-corp",
    "scrm.wecom.corps[1].agent-id=1000002",
    "scrm.wecom.corps[1].token=QDG6eK",
    "scrm.wecom.corps[1].aes-key=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"})
class CallbackReceiverIT {

  @Autowired
  SimulatedCorps corps;

  static final String OFFICIAL_CORP = "wx5823bf96d3bd56c7";
  static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  String corp() {
    return corps.corpId(0);
  }

  CallbackCrypto crypto() {
    return new CallbackCrypto(SimulatedCorps.token(corp()), SimulatedCorps.aesKey(corp()), corp());
  }

  @Test
  void urlVerificationAnswersTheBarePlaintextInsideTheTimestampWindowOnly() throws Exception {
    // the official vector (2014) is checked by CallbackCryptoTest; here a fresh one, as WeCom sends it today
    String echo = crypto().encrypt("1616140317555161061");
    long ts = now();
    HttpResponse<String> r = get("/wecom/callback/" + corp() + "?msg_signature="
        + CallbackCrypto.sign(SimulatedCorps.token(corp()), String.valueOf(ts), "263014780", echo) + "&timestamp="
        + ts + "&nonce=263014780&echostr=" + enc(echo));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("1616140317555161061");
    // a captured verification request replayed an hour later is refused
    long stale = now() - 3600;
    assertRefused(get("/wecom/callback/" + corp() + "?msg_signature="
        + CallbackCrypto.sign(SimulatedCorps.token(corp()), String.valueOf(stale), "263014780", echo)
        + "&timestamp=" + stale + "&nonce=263014780&echostr=" + enc(echo)), 401, "STALE_TIMESTAMP");
  }

  @Test
  void anEventIsStoredBeforeTheEmpty200AndWeComsRetriesAreStoredOnce() throws Exception {
    String ext = "wm" + UUID.randomUUID().toString().replace("-", "");
    String xml = event("add_external_contact", "zhangsan", ext, now());
    long before = stored();
    HttpResponse<String> first = post(corp(), xml, crypto(), now(), "n1");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEmpty();
    assertThat(stored()).isEqualTo(before + 1);
    // WeCom re-sends the same event (re-encrypted, new nonce): answered 200, stored once
    assertThat(post(corp(), xml, crypto(), now(), "n2").statusCode()).isEqualTo(200);
    assertThat(stored()).isEqualTo(before + 1);
    // another customer added in the same second is a different event
    String other = event("add_external_contact", "zhangsan", ext + "b", Long.parseLong(
        xml.replaceAll(".*<CreateTime>(\\d+)</CreateTime>.*", "$1")));
    assertThat(post(corp(), other, crypto(), now(), "n3").statusCode()).isEqualTo(200);
    assertThat(stored()).isEqualTo(before + 2);
  }

  @Test
  void badSignatureIsRefusedWith401() throws Exception {
    String body = envelope(corp(), crypto().encrypt(event("del_follow_user", "u", "wmx", now())));
    assertRefused(send("/wecom/callback/" + corp() + "?msg_signature=0000&timestamp=" + now() + "&nonce=n", body),
        401, "BAD_SIGNATURE");
  }

  @Test
  void staleTimestampIsRefusedWith401() throws Exception {
    long stale = now() - 3600;
    assertRefused(post(corp(), event("del_follow_user", "u", "wmy", stale), crypto(), stale, "n"), 401,
        "STALE_TIMESTAMP");
  }

  @Test
  void unknownCorpIsRefusedWith404() throws Exception {
    assertRefused(post("wwunknown", event("del_follow_user", "u", "wmz", now()), crypto(), now(), "n"), 404,
        "UNKNOWN_CORP");
  }

  @Test
  void aReceiveIdOfAnotherCorpIsRefusedWith403() throws Exception {
    CallbackCrypto foreign = new CallbackCrypto(SimulatedCorps.token(corp()), SimulatedCorps.aesKey(corp()),
        "wwanothercorp");
    assertRefused(post(corp(), event("del_follow_user", "u", "wmr", now()), foreign, now(), "n"), 403,
        "RECEIVER_MISMATCH");
  }

  @Test
  void externalEntitiesAreRefusedWith400() throws Exception {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<xml><Encrypt>&x;</Encrypt></xml>";
    assertRefused(signedRaw(xxe, "&x;"), 400, "MALFORMED_XML");
  }

  @Test
  void entityExpansionBombsAreRefusedWith400() throws Exception {
    String bomb = "<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;\">"
        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><xml><Encrypt>&c;</Encrypt></xml>";
    assertRefused(signedRaw(bomb, "&c;"), 400, "MALFORMED_XML");
  }

  @Test
  void aTenMegabyteBodyIsRefusedWith413() throws Exception {
    String huge = "<xml><Encrypt>" + "A".repeat(10 * 1024 * 1024) + "</Encrypt></xml>";
    assertRefused(signedRaw(huge, "x"), 413, "BODY_TOO_LARGE");
  }

  @Test
  void invalidBase64IsRefusedWith400() throws Exception {
    String encrypt = "@@@not-base64@@@";
    assertRefused(signedEnvelope(encrypt), 400, "BAD_CIPHERTEXT");
  }

  @Test
  void nonXmlIsRefusedWith400() throws Exception {
    assertRefused(signedRaw("{\"tousername\":\"x\",\"encrypt\":\"abc\"}", "abc"), 400, "MALFORMED_XML");
  }

  @Test
  void truncatedCiphertextIsRefusedWith400() throws Exception {
    byte[] raw = Base64.getDecoder().decode(crypto().encrypt(event("del_follow_user", "u", "wmt", now())));
    String truncated = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, raw.length - 16));
    assertRefused(signedEnvelope(truncated), 400, "BAD_CIPHERTEXT");
  }

  @Test
  void anEventWithoutEncryptIsRefusedWith400() throws Exception {
    assertRefused(signedRaw("<xml><ToUserName>x</ToUserName></xml>", ""), 400, "MISSING_ENCRYPT");
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  private void assertRefused(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).startsWith(code);
  }

  /** Any refused request must store nothing: checked around each hostile request. */
  private HttpResponse<String> send(String path, String body) throws Exception {
    long before = stored();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      assertThat(stored()).as("a refused callback stores nothing").isEqualTo(before);
    }
    return r;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String corpId, String plaintext, CallbackCrypto crypto, long ts, String nonce)
      throws Exception {
    String encrypt = crypto.encrypt(plaintext);
    String signature = CallbackCrypto.sign(SimulatedCorps.token(corp()), String.valueOf(ts), nonce, encrypt);
    return send("/wecom/callback/" + corpId + "?msg_signature=" + signature + "&timestamp=" + ts + "&nonce=" + nonce,
        envelope(corpId, encrypt));
  }

  private HttpResponse<String> signedEnvelope(String encrypt) throws Exception {
    return signedRaw(envelope(corp(), encrypt), encrypt);
  }

  private HttpResponse<String> signedRaw(String body, String signedEncrypt) throws Exception {
    long ts = now();
    String signature = CallbackCrypto.sign(SimulatedCorps.token(corp()), String.valueOf(ts), "n", signedEncrypt);
    return send("/wecom/callback/" + corp() + "?msg_signature=" + signature + "&timestamp=" + ts + "&nonce=n", body);
  }

  private static String envelope(String corpId, String encrypt) {
    return "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
        + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
  }

  private String event(String changeType, String userid, String ext, long createTime) {
    return "<xml><ToUserName><![CDATA[" + corp() + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
        + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[" + changeType + "]]></ChangeType>"
        + "<UserID><![CDATA[" + userid + "]]></UserID><ExternalUserID><![CDATA[" + ext + "]]></ExternalUserID></xml>";
  }

  private long stored() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id = ?", Long.class, corp());
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
