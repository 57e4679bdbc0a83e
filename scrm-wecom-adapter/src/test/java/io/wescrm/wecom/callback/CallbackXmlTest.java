package io.wescrm.wecom.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wescrm.wecom.callback.CallbackRejected.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile XML never reaches an entity resolver; WeCom's shapes parse into flat fields. */
class CallbackXmlTest {

  @Test
  void externalEntitiesAreRefusedAndNothingIsRead() throws Exception {
    Path secret = Files.createTempFile("secret", ".txt");
    Files.writeString(secret, "TOP-SECRET");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file://" + secret + "\">]>"
        + "<xml><Encrypt>&x;</Encrypt></xml>";
    assertThatThrownBy(() -> CallbackXml.parse(xxe)).isInstanceOfSatisfying(CallbackRejected.class,
        e -> {
          assertThat(e.reason()).isEqualTo(Reason.MALFORMED_XML);
          assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
        });
  }

  @Test
  void entityExpansionBombsAreRefused() {
    StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    bomb.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
    for (int i = 2; i <= 9; i++) {
      bomb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    bomb.append("]><xml><Encrypt>&lol9;</Encrypt></xml>");
    assertThatThrownBy(() -> CallbackXml.parse(bomb.toString())).isInstanceOf(CallbackRejected.class);
  }

  @Test
  void nonXmlAndEmptyBodiesAreRefused() {
    assertThatThrownBy(() -> CallbackXml.parse("{\"encrypt\":\"x\"}")).isInstanceOf(CallbackRejected.class);
    assertThatThrownBy(() -> CallbackXml.parse("")).isInstanceOf(CallbackRejected.class);
    assertThatThrownBy(() -> CallbackXml.parse("<xml><a></xml>")).isInstanceOf(CallbackRejected.class);
  }

  @Test
  void weComShapesParseIntoFlatFields() {
    Map<String, String> chat = CallbackXml.parse("<xml><ToUserName><![CDATA[ww1]]></ToUserName>"
        + "<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[wr1]]></ChatId>"
        + "<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[add_member]]></UpdateDetail>"
        + "<JoinScene>3</JoinScene><MemChangeCnt>2</MemChangeCnt><MemChangeList><Item>wm1</Item><Item>zhangsan</Item>"
        + "</MemChangeList><LastMemVer>v1</LastMemVer><CurMemVer>v2</CurMemVer></xml>");
    assertThat(chat).containsEntry("MemChangeList", "wm1,zhangsan").containsEntry("JoinScene", "3")
        .containsEntry("CurMemVer", "v2");
    Map<String, String> job = CallbackXml.parse("<xml><Event>batch_job_result</Event><BatchJob><JobId>j1</JobId>"
        + "<JobType>sync_user</JobType><ErrCode>0</ErrCode></BatchJob></xml>");
    assertThat(job).containsEntry("JobId", "j1").containsEntry("ErrCode", "0");
  }

  @Test
  void predefinedEntitiesCharacterReferencesCommentsAndTheDeclarationAreUnderstood() {
    Map<String, String> f = CallbackXml.parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- WeCom -->"
        + "<xml><Name>A &amp; B &lt;3 &#x1F338;&#20013;</Name><Empty/><Note><![CDATA[<not>&markup;]]></Note></xml>");
    assertThat(f).containsEntry("Name", "A & B <3 🌸中").containsEntry("Empty", "")
        .containsEntry("Note", "<not>&markup;");
  }

  @Test
  void undeclaredEntitiesMismatchedTagsAndTrailingContentAreRefused() {
    for (String bad : List.of("<xml><a>&x;</a></xml>", "<xml><a></b></xml>", "<xml></xml><xml></xml>",
        "<xml><a>1</a>", "text<xml/>", "<xml><!ENTITY x \"y\"></xml>", "<xml><1a>1</1a></xml>")) {
      assertThatThrownBy(() -> CallbackXml.parse(bad)).as(bad).isInstanceOf(CallbackRejected.class);
    }
  }

  @Test
  void dedupeKeysMatchForRetriesAndDifferForDistinctEventsInTheSameSecond() {
    Map<String, String> a = Map.of("Event", "change_external_contact", "ChangeType", "add_external_contact",
        "CreateTime", "1700000000", "UserID", "u1", "ExternalUserID", "wm1", "FromUserName", "sys");
    Map<String, String> b = new java.util.HashMap<>(a);
    b.put("ExternalUserID", "wm2");
    assertThat(CallbackReceiver.dedupeKey(a)).isEqualTo(CallbackReceiver.dedupeKey(new java.util.TreeMap<>(a)));
    assertThat(CallbackReceiver.dedupeKey(a)).isNotEqualTo(CallbackReceiver.dedupeKey(b));
  }
}
