package io.wescrm.core.acquisition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WelcomeTemplateTest {

  @Test
  void rendersEveryVariableAndUnknownValuesAsEmpty() {
    WelcomeTemplate t = new WelcomeTemplate("{{customer_name}}您好，{{store_name}}的{{staff_name}}（{{channel}}）{{x}}",
        null);
    assertThat(t.render("王小美", "蔡雨凤", "上海南京西路店", "门店海报"))
        .isEqualTo("王小美您好，上海南京西路店的蔡雨凤（门店海报）{{x}}");
    assertThat(t.render(null, null, null, null)).isEqualTo("您好，的（）{{x}}");
    assertThat(t.attachments()).isEmpty();
  }

  @Test
  void welcomesAreCheckedAgainstWeComsLimits() {
    ContactWayManagement.checkWelcome(new WelcomeTemplate("a", List.of(Map.of("msgtype", "link", "link",
        Map.of("title", "t", "url", "https://example.com")))));
    assertThatThrownBy(() -> ContactWayManagement.checkWelcome(new WelcomeTemplate("", List.of())))
        .hasMessageContaining("不能都为空");
    assertThatThrownBy(() -> ContactWayManagement.checkWelcome(new WelcomeTemplate("字".repeat(1334), null)))
        .hasMessageContaining("4000 字节");
    assertThatThrownBy(() -> ContactWayManagement.checkWelcome(new WelcomeTemplate("a",
        java.util.Collections.nCopies(10, Map.of("msgtype", "image", "image", Map.of("media_id", "m"))))))
        .hasMessageContaining("最多 9 个");
    assertThatThrownBy(() -> ContactWayManagement.checkWelcome(new WelcomeTemplate("a",
        List.of(Map.of("msgtype", "link")))))
        .hasMessageContaining("msgtype");
  }

  @Test
  void remarkMobilesAreComparedByTheirDigits() {
    assertThat(DedupingLeads.normalise("+86 138-0013-8000", "MOBILE")).isEqualTo("13800138000");
    assertThat(DedupingLeads.normalise("13800138000", "MOBILE")).isEqualTo("13800138000");
    assertThat(DedupingLeads.normalise("12-3", "MOBILE")).isNull();
    assertThat(DedupingLeads.normalise(" ", "UNIONID")).isNull();
  }
}
