package io.wescrm.core.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Identical renders share a key; anything that differs changes it. */
class RenderKeyTest {

  static RemoteCampaign.Attachment image(String mediaId) {
    return new RemoteCampaign.Attachment("image", Map.of("media_id", mediaId));
  }

  @Test
  void keysArePinnedSoEveryJvmAgrees() {
    // SHA-256 of the canonical form, first 8 bytes as hex (computed outside Java)
    assertThat(RenderKey.of("hi", List.of())).isEqualTo("34e70824164c3da8");
    assertThat(RenderKey.of("", List.of())).isEqualTo("53741cc5f41d2a70");
    assertThat(RenderKey.of("您好", List.of(image("m1")))).isEqualTo("8c129601e78e615e");
  }

  @Test
  void isSixteenLowercaseHexCharacters() {
    assertThat(RenderKey.of("双十一", List.of(image("x")))).matches("[0-9a-f]{16}");
  }

  @Test
  void nullMeansEmpty() {
    assertThat(RenderKey.of(null, null)).isEqualTo(RenderKey.of("", List.of()));
  }

  @Test
  void identicalContentSharesAKey() {
    assertThat(RenderKey.of("您好张三", List.of(image("m1"), image("m2"))))
        .isEqualTo(RenderKey.of("您好张三", List.of(image("m1"), image("m2"))));
  }

  @Test
  void mapOrderDoesNotMatter() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("title", "t");
    a.put("url", "https://e.com");
    Map<String, Object> b = new TreeMap<>((x, y) -> y.compareTo(x));
    b.putAll(a);

    assertThat(RenderKey.of("x", List.of(new RemoteCampaign.Attachment("link", a))))
        .isEqualTo(RenderKey.of("x", List.of(new RemoteCampaign.Attachment("link", b))));
  }

  @Test
  void anyDifferenceChangesTheKey() {
    String base = RenderKey.of("您好张三", List.of(image("m1"), image("m2")));

    assertThat(RenderKey.of("您好李四", List.of(image("m1"), image("m2")))).isNotEqualTo(base);
    assertThat(RenderKey.of("您好张三", List.of(image("m2"), image("m1")))).isNotEqualTo(base);
    assertThat(RenderKey.of("您好张三", List.of(image("m1")))).isNotEqualTo(base);
    assertThat(RenderKey.of("您好张三", List.of(new RemoteCampaign.Attachment("file", Map.of("media_id", "m1")),
        image("m2")))).isNotEqualTo(base);
  }

  @Test
  void textAndAttachmentsCannotBeConfused() {
    assertThat(RenderKey.of("a\"", List.of("b"))).isNotEqualTo(RenderKey.of("a", List.of("\"b")));
    assertThat(RenderKey.of("a|[]", List.of())).isNotEqualTo(RenderKey.of("a", List.of()));
    assertThat(RenderKey.of("", List.of("1"))).isNotEqualTo(RenderKey.of("", List.of(1)));
  }

  @Test
  void attachmentSpecsAndArraysWorkToo() {
    AttachmentSpec spec = new AttachmentSpec("image", Map.of("assetId", "7", "picUrl", "https://e.com/a.png"));

    assertThat(RenderKey.of("x", List.of(spec)))
        .isEqualTo(RenderKey.of("x", List.of(new AttachmentSpec("image", new TreeMap<>(spec.fields())))));
    assertThat(RenderKey.of("x", List.of((Object) new byte[] {1, 2})))
        .isEqualTo(RenderKey.of("x", List.of((Object) new byte[] {1, 2})));
  }

  @Test
  void canonicalFormIsReadable() {
    StringBuilder out = new StringBuilder();
    RenderKey.canonical(List.of(image("m1"), Map.of("b", 2, "a", List.of(true))), out);

    assertThat(out).hasToString("[Attachment(msgtype=\"image\",body={\"media_id\":\"m1\"}),{\"a\":[true],\"b\":2}]");
  }
}
