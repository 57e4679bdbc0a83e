package io.wescrm.core.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing, validation, size bound and rendering of personalised message texts. */
class MessageTemplateTest {

  final TemplateContext ctx = TemplateContext.customers(Set.of("会员等级", "兴趣"), Set.of("生日"));

  static List<String> errors(String text, TemplateContext ctx) {
    try {
      MessageTemplate.parse(text, ctx);
    } catch (InvalidCampaignException e) {
      assertThat(e.errors()).allSatisfy(err -> assertThat(err.path()).isEqualTo("content.text"));
      return e.errors().stream().map(CampaignError::message).toList();
    }
    throw new AssertionError("expected InvalidCampaignException for " + text);
  }

  // ---------------------------------------------------------------------------------------------- parsing

  @Test
  void parsesLiteralsAndVariablesInOrder() {
    MessageTemplate t = MessageTemplate.parse("您好{{customer_name}}，{{ remark | 亲爱的顾客 }}！", ctx);

    assertThat(t.parts()).containsExactly(
        new MessageTemplate.Literal("您好"),
        new MessageTemplate.Variable("customer_name", null),
        new MessageTemplate.Literal("，"),
        new MessageTemplate.Variable("remark", "亲爱的顾客"),
        new MessageTemplate.Literal("！"));
    assertThat(t.variables()).containsExactly("customer_name", "remark");
    assertThat(t.personal()).isTrue();
    assertThat(t.source()).isEqualTo("您好{{customer_name}}，{{ remark | 亲爱的顾客 }}！");
  }

  @Test
  void plainTextIsNotPersonal() {
    MessageTemplate t = MessageTemplate.parse("双十一大促，全场五折", ctx);

    assertThat(t.personal()).isFalse();
    assertThat(t.variables()).isEmpty();
    assertThat(t.render(k -> "x")).isEqualTo("双十一大促，全场五折");
    assertThat(t.maxRenderedBytes()).isEqualTo(30);
  }

  @Test
  void nullAndEmptyTextAreAnEmptyTemplate() {
    assertThat(MessageTemplate.parse(null, ctx).render(k -> "x")).isEmpty();
    assertThat(MessageTemplate.parse("", ctx).maxRenderedBytes()).isZero();
  }

  @Test
  void tagAndAttributeVariablesHaveCanonicalKeys() {
    MessageTemplate t = MessageTemplate.parse("{{ tag: 会员等级 |普通会员}} {{attr:生日|近期}} {{tag:会员等级|x}}", ctx);

    assertThat(t.variables()).containsExactly("tag:会员等级", "attr:生日");
    assertThat(t.render(Map.of("tag:会员等级", "金卡", "attr:生日", "5月1日")::get)).isEqualTo("金卡 5月1日 金卡");
  }

  @Test
  void fallbackRunsToTheFirstClosingBracesAndMayContainBars() {
    MessageTemplate t = MessageTemplate.parse("{{remark|a|b}}}", ctx);

    assertThat(t.parts()).containsExactly(new MessageTemplate.Variable("remark", "a|b"),
        new MessageTemplate.Literal("}"));
  }

  @Test
  void escapedOpeningBracesAreLiteral() {
    MessageTemplate t = MessageTemplate.parse("写作 \\{{customer_name}} 即可，{{customer_name}}", ctx);

    assertThat(t.variables()).containsExactly("customer_name");
    assertThat(t.render(k -> "张三")).isEqualTo("写作 {{customer_name}} 即可，张三");
  }

  @Test
  void backslashesElsewhereAndLoneClosingBracesStay() {
    MessageTemplate t = MessageTemplate.parse("a\\b }} \\{ c", ctx);

    assertThat(t.render(k -> "")).isEqualTo("a\\b }} \\{ c");
  }

  @Test
  void groupNameIsAllowedInGroupChatCampaigns() {
    MessageTemplate t = MessageTemplate.parse("{{group_name|各位}}的朋友们，我是{{staff_name}}", TemplateContext.groupChats());

    assertThat(t.variables()).containsExactly("group_name", "staff_name");
    assertThat(t.render(k -> k.equals("group_name") ? "" : "小王")).isEqualTo("各位的朋友们，我是小王");
  }

  // --------------------------------------------------------------------------------------------- refusals

  @Test
  void unknownVariableIsNamedWithTheAvailableOnes() {
    assertThat(errors("你好 {{nickname}}", ctx)).containsExactly(
        "未知变量 {{nickname}}，可用变量：{{customer_name}}、{{remark}}、{{staff_name}}、{{store_name}}、"
            + "{{lifecycle_stage}}、{{channel}}、{{tag:标签组名}}、{{attr:客户属性名}}");
  }

  @Test
  void unknownTagGroupAndAttributeAreNamed() {
    assertThat(errors("{{tag:星座|x}}{{attr:身高|x}}", ctx)).containsExactly(
        "未知标签组 {{tag:星座}}，可用标签组：会员等级、兴趣",
        "未知客户属性 {{attr:身高}}，可用客户属性：生日");
    assertThat(errors("{{attr:生日|x}}", TemplateContext.customers(Set.of(), Set.of())))
        .containsExactly("未知客户属性 {{attr:生日}}，当前没有可用的客户属性");
  }

  @Test
  void variableThatMayBeEmptyNeedsAFallback() {
    assertThat(errors("亲爱的{{remark}}", ctx))
        .containsExactly("变量 {{remark}} 可能为空，请提供默认值，例如 {{remark|亲爱的顾客}}");
    assertThat(errors("{{ tag:会员等级 }}", ctx))
        .containsExactly("变量 {{tag:会员等级}} 可能为空，请提供默认值，例如 {{tag:会员等级|默认值}}");
    assertThat(errors("{{store_name| }}", ctx))
        .containsExactly("变量 {{store_name}} 可能为空，请提供默认值，例如 {{store_name|本店}}");
  }

  @Test
  void customerAndStaffNameNeedNoFallback() {
    assertThat(MessageTemplate.parse("{{customer_name}}{{staff_name}}", ctx).variables())
        .containsExactly("customer_name", "staff_name");
  }

  @Test
  void everyNullableBuiltInNeedsAFallback() {
    for (String v : List.of("remark", "store_name", "lifecycle_stage", "channel")) {
      assertThat(errors("{{" + v + "}}", ctx)).singleElement().asString().startsWith("变量 {{" + v + "}} 可能为空");
    }
  }

  @Test
  void unclosedBracesAreRefusedWithTheirPosition() {
    assertThat(errors("你好 {{customer_name", ctx))
        .containsExactly("第 4 个字符处的 {{ 没有闭合（缺少 }}）；如需原样显示 {{，请写作 \\{{");
    assertThat(errors("{{remark {{customer_name}}", ctx))
        .containsExactly("第 1 个字符处的 {{ 没有闭合（缺少 }}）；如需原样显示 {{，请写作 \\{{");
  }

  @Test
  void emptyNamesAreRefused() {
    assertThat(errors("ab{{ }}", ctx)).containsExactly("第 3 个字符处的变量缺少变量名");
    assertThat(errors("{{|x}}", ctx)).containsExactly("第 1 个字符处的变量缺少变量名");
    assertThat(errors("{{tag:|x}}", ctx)).containsExactly("第 1 个字符处的变量 {{tag:}} 缺少标签组名");
    assertThat(errors("{{attr: }}", ctx)).containsExactly("第 1 个字符处的变量 {{attr:}} 缺少客户属性名");
  }

  @Test
  void groupNameOutsideGroupCampaignsAndCustomerVariablesInGroupCampaignsAreRefused() {
    assertThat(errors("{{group_name|x}}", ctx)).containsExactly("变量 {{group_name}} 只能用于群发到客户群");
    String groupVars = "群发到客户群可用变量：{{staff_name}}、{{store_name}}、{{group_name}}";
    assertThat(errors("{{customer_name}}{{tag:会员等级|x}}", TemplateContext.groupChats())).containsExactly(
        "变量 {{customer_name}} 只能用于客户群发，" + groupVars,
        "变量 {{tag:会员等级}} 只能用于客户群发，" + groupVars);
  }

  @Test
  void everyProblemIsReportedOnce() {
    assertThat(errors("{{remark}} {{foo}} {{remark}}", ctx)).containsExactly(
        "变量 {{remark}} 可能为空，请提供默认值，例如 {{remark|亲爱的顾客}}",
        "未知变量 {{foo}}，可用变量：{{customer_name}}、{{remark}}、{{staff_name}}、{{store_name}}、"
            + "{{lifecycle_stage}}、{{channel}}、{{tag:标签组名}}、{{attr:客户属性名}}");
  }

  @Test
  void exceptionCarriesPathAndMessage() {
    assertThatThrownBy(() -> MessageTemplate.parse("{{x}}", ctx))
        .isInstanceOf(InvalidCampaignException.class)
        .hasMessageContaining("content.text: 未知变量 {{x}}");
  }

  // ------------------------------------------------------------------------------------------------- size

  @Test
  void worstCaseCountsLiteralBytesAndEachVariableCapOrFallback() {
    // "您好" 6 B + customer_name 384 B + "，" 3 B + max(remark 384, fallback 15) + channel max(192, 3)
    MessageTemplate t = MessageTemplate.parse("您好{{customer_name}}，{{remark|亲爱的顾客}}{{channel|无}}", ctx);
    assertThat(t.maxRenderedBytes()).isEqualTo(6 + 384 + 3 + 384 + 192);

    // tag 192, attr 768, lifecycle 96
    assertThat(MessageTemplate.parse("{{tag:兴趣|x}}{{attr:生日|y}}{{lifecycle_stage|z}}", ctx).maxRenderedBytes())
        .isEqualTo(192 + 768 + 96);
  }

  @Test
  void aFallbackLongerThanTheCapCounts() {
    String fallback = "a".repeat(500);
    assertThat(MessageTemplate.parse("{{remark|" + fallback + "}}", ctx).maxRenderedBytes()).isEqualTo(500);
  }

  @Test
  void overridesReplaceDefaultCaps() {
    TemplateContext small = ctx.withMaxBytes("remark", 10).withMaxBytes("tag:兴趣", 7);

    assertThat(small.maxBytes("remark")).isEqualTo(10);
    assertThat(small.maxBytes("tag:兴趣")).isEqualTo(7);
    assertThat(small.maxBytes("tag:会员等级")).isEqualTo(192);
    assertThat(MessageTemplate.parse("{{remark|x}}{{tag:兴趣|y}}", small).maxRenderedBytes()).isEqualTo(17);
  }

  @Test
  void exactlyFourThousandBytesIsAccepted() {
    String text = "好".repeat(1000) + "a".repeat(1000 - 384) + "{{customer_name}}";

    assertThat(MessageTemplate.parse(text, ctx).maxRenderedBytes()).isEqualTo(4000);
  }

  @Test
  void oneByteMoreIsRefusedWithTheWorstCase() {
    String text = "好".repeat(1000) + "a".repeat(1001 - 384) + "{{customer_name}}";

    assertThat(errors(text, ctx)).containsExactly("内容渲染后最长可达 4001 字节，超过企业微信 4000 字节上限");
  }

  @Test
  void variablesCanPushAShortTextOverTheLimit() {
    String text = "{{attr:生日|x}}".repeat(6); // 6 × 768

    assertThat(errors(text, ctx)).containsExactly("内容渲染后最长可达 4608 字节，超过企业微信 4000 字节上限");
  }

  // ------------------------------------------------------------------------------------------- rendering

  @Test
  void nullOrBlankValuesRenderTheFallbackOrNothing() {
    MessageTemplate t = MessageTemplate.parse("[{{customer_name}}][{{remark|亲}}][{{channel|直播}}]", ctx);

    assertThat(t.render(k -> null)).isEqualTo("[][亲][直播]");
    assertThat(t.render(k -> "  ")).isEqualTo("[][亲][直播]");
    assertThat(t.render(Map.of("customer_name", "李四", "remark", "李总", "channel", "门店码")::get))
        .isEqualTo("[李四][李总][门店码]");
  }

  @Test
  void renderAsksForTheCanonicalKeys() {
    List<String> asked = new java.util.ArrayList<>();
    MessageTemplate.parse("{{ customer_name }}{{tag: 兴趣 |无}}{{attr:生日|无}}", ctx).render(k -> {
      asked.add(k);
      return "v";
    });

    assertThat(asked).containsExactly("customer_name", "tag:兴趣", "attr:生日");
  }

  @Test
  void valuesLongerThanTheirCapAreCutAtACodePointBoundary() {
    TemplateContext small = ctx.withMaxBytes("customer_name", 7);
    MessageTemplate t = MessageTemplate.parse("{{customer_name}}", small);

    assertThat(t.render(k -> "张三丰")).isEqualTo("张三"); // 9 B > 7: keeps 6 B
    assertThat(t.render(k -> "ab😀cd")).isEqualTo("ab😀c"); // emoji is 4 B
    assertThat(t.render(k -> "abcdefgh")).isEqualTo("abcdefg");
    assertThat(t.render(k -> "😀😀")).isEqualTo("😀");
  }

  @Test
  void aRenderNeverExceedsTheWorstCase() {
    MessageTemplate t = MessageTemplate.parse("{{customer_name}}{{remark|x}}", ctx);
    String huge = "😀".repeat(1000);

    assertThat(MessageTemplate.utf8(t.render(k -> huge))).isEqualTo(t.maxRenderedBytes()).isEqualTo(768);
  }

  @Test
  void defaultCapsAreDocumented() {
    assertThat(ctx.maxBytes("customer_name")).isEqualTo(384);
    assertThat(ctx.maxBytes("remark")).isEqualTo(384);
    assertThat(ctx.maxBytes("staff_name")).isEqualTo(384);
    assertThat(ctx.maxBytes("store_name")).isEqualTo(384);
    assertThat(ctx.maxBytes("group_name")).isEqualTo(384);
    assertThat(ctx.maxBytes("lifecycle_stage")).isEqualTo(96);
    assertThat(ctx.maxBytes("channel")).isEqualTo(192);
    assertThat(ctx.maxBytes("tag:任何")).isEqualTo(192);
    assertThat(ctx.maxBytes("attr:任何")).isEqualTo(768);
    assertThatThrownBy(() -> ctx.maxBytes("nope")).isInstanceOf(IllegalArgumentException.class);
  }
}
