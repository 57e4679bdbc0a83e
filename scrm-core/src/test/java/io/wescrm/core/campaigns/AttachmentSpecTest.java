package io.wescrm.core.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of campaign attachments against WeCom's add_msg_template limits. */
class AttachmentSpecTest {

  static AttachmentSpec a(String type, String... kv) {
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      fields.put(kv[i], kv[i + 1]);
    }
    return new AttachmentSpec(type, fields);
  }

  static List<CampaignError> validate(AttachmentSpec... specs) {
    return AttachmentSpec.validate(List.of(specs));
  }

  static final AttachmentSpec IMAGE = a("image", "assetId", "42");

  @Test
  void acceptsOneValidAttachmentOfEachType() {
    assertThat(validate(
        a("image", "picUrl", "https://cdn.example.com/a.png"),
        a("image", "assetId", "7"),
        a("link", "title", "双十一活动", "url", "https://m.example.com/活动?id=1", "picUrl", "http://x.cn/p.jpg",
            "desc", "点击查看"),
        a("link", "title", "t", "url", "http://example.com"),
        a("miniprogram", "title", "积分商城", "appId", "wx1234", "page", "pages/index", "picAssetId", "9"),
        a("miniprogram", "title", "积分商城", "appId", "wx1234", "page", "pages/index", "picMediaId", "m9"),
        a("video", "mediaId", "3abc"),
        a("file", "assetId", "5"))).isEmpty();
  }

  @Test
  void nullAndEmptyListsAreFine() {
    assertThat(AttachmentSpec.validate(null)).isEmpty();
    assertThat(AttachmentSpec.validate(List.of())).isEmpty();
  }

  @Test
  void nineAttachmentsAreAcceptedTenAreNot() {
    assertThat(AttachmentSpec.validate(Collections.nCopies(9, IMAGE))).isEmpty();
    assertThat(AttachmentSpec.validate(Collections.nCopies(10, IMAGE)))
        .containsExactly(new CampaignError("content.attachments", "附件最多 9 个，当前 10 个"));
  }

  @Test
  void unknownOrMissingTypeListsTheAllowedTypes() {
    List<AttachmentSpec> specs = new ArrayList<>();
    specs.add(IMAGE);
    specs.add(a("voice", "mediaId", "1"));
    specs.add(a(" "));
    specs.add(null);
    specs.add(a("Image", "assetId", "1"));

    assertThat(AttachmentSpec.validate(specs)).containsExactly(
        new CampaignError("content.attachments[1]",
            "第 2 个附件的类型 voice 不受支持，可选：图片 image、链接 link、小程序 miniprogram、视频 video、文件 file"),
        new CampaignError("content.attachments[2]",
            "第 3 个附件缺少类型，可选：图片 image、链接 link、小程序 miniprogram、视频 video、文件 file"),
        new CampaignError("content.attachments[3]",
            "第 4 个附件缺少类型，可选：图片 image、链接 link、小程序 miniprogram、视频 video、文件 file"),
        new CampaignError("content.attachments[4]",
            "第 5 个附件的类型 Image 不受支持，可选：图片 image、链接 link、小程序 miniprogram、视频 video、文件 file"));
  }

  @Test
  void imageNeedsAnAssetOrAnHttpUrl() {
    assertThat(validate(a("image"), a("image", "picUrl", "ftp://x.com/a.png"), a("image", "assetId", " ")))
        .containsExactly(
            new CampaignError("content.attachments[0].assetId", "第 1 个附件（图片）需要选择素材或填写图片地址 picUrl"),
            new CampaignError("content.attachments[1].picUrl", "第 2 个附件（图片）的图片地址必须是以 http:// 或 https:// 开头的网址"),
            new CampaignError("content.attachments[2].assetId", "第 3 个附件（图片）需要选择素材或填写图片地址 picUrl"));
  }

  @Test
  void linkNeedsTitleAndUrl() {
    assertThat(validate(a("link"))).extracting(CampaignError::path, CampaignError::message).containsExactly(
        tuple("content.attachments[0].title", "第 1 个附件（链接）的标题不能为空"),
        tuple("content.attachments[0].url", "第 1 个附件（链接）缺少链接地址 url"));
  }

  @Test
  void linkUrlsMustBeHttpWithAHost() {
    assertThat(validate(a("link", "title", "t", "url", "javascript:alert(1)", "picUrl", "https://")))
        .containsExactly(
            new CampaignError("content.attachments[0].url", "第 1 个附件（链接）的链接地址必须是以 http:// 或 https:// 开头的网址"),
            new CampaignError("content.attachments[0].picUrl", "第 1 个附件（链接）的封面图地址必须是以 http:// 或 https:// 开头的网址"));
    assertThat(validate(a("link", "title", "t", "url", "HTTPS://Example.com/x"))).isEmpty();
    assertThat(validate(a("link", "title", "t", "url", "www.example.com"))).hasSize(1);
    assertThat(validate(a("link", "title", "t", "url", "https://exa mple.com"))).hasSize(1);
  }

  @Test
  void linkTitleIsLimitedTo128BytesNotCharacters() {
    String title128 = "一二三四".repeat(10) + "ab123456"; // 120 + 8 = 128 B
    assertThat(validate(a("link", "title", title128, "url", "https://e.com"))).isEmpty();
    assertThat(validate(a("link", "title", title128 + "x", "url", "https://e.com"))).containsExactly(
        new CampaignError("content.attachments[0].title", "第 1 个附件（链接）的标题最长 128 字节（约 42 个汉字），当前 129 字节"));
  }

  @Test
  void linkDescIsLimitedTo512Bytes() {
    assertThat(validate(a("link", "title", "t", "url", "https://e.com", "desc", "a".repeat(512)))).isEmpty();
    assertThat(validate(a("link", "title", "t", "url", "https://e.com", "desc", "好".repeat(171)))).containsExactly(
        new CampaignError("content.attachments[0].desc", "第 1 个附件（链接）的描述最长 512 字节（约 170 个汉字），当前 513 字节"));
  }

  @Test
  void miniprogramNeedsEverythingAndA64ByteTitle() {
    assertThat(validate(a("miniprogram"))).containsExactly(
        new CampaignError("content.attachments[0].title", "第 1 个附件（小程序）的标题不能为空"),
        new CampaignError("content.attachments[0].appId", "第 1 个附件（小程序）缺少小程序 appId"),
        new CampaignError("content.attachments[0].page", "第 1 个附件（小程序）缺少小程序页面路径 page"),
        new CampaignError("content.attachments[0].picAssetId", "第 1 个附件（小程序）需要选择封面图素材"));
    String ok = "好".repeat(21) + "a"; // 64 B
    assertThat(validate(a("miniprogram", "title", ok, "appId", "wx1", "page", "p", "picMediaId", "m"))).isEmpty();
    assertThat(validate(a("miniprogram", "title", ok + "a", "appId", "wx1", "page", "p", "picMediaId", "m")))
        .containsExactly(new CampaignError("content.attachments[0].title",
            "第 1 个附件（小程序）的标题最长 64 字节（约 21 个汉字），当前 65 字节"));
  }

  @Test
  void videoAndFileNeedAnAssetOrAMediaId() {
    assertThat(validate(IMAGE, a("video", "thumb", "x"), a("file"))).containsExactly(
        new CampaignError("content.attachments[1].assetId", "第 2 个附件（视频）需要选择视频素材"),
        new CampaignError("content.attachments[2].assetId", "第 3 个附件（文件）需要选择文件素材"));
  }

  @Test
  void tooManyAndBadItemsAreAllReported() {
    List<AttachmentSpec> specs = new ArrayList<>(Collections.nCopies(10, IMAGE));
    specs.set(9, a("file"));

    assertThat(AttachmentSpec.validate(specs)).extracting(CampaignError::path)
        .containsExactly("content.attachments", "content.attachments[9].assetId");
  }

  @Test
  void fieldsAreCopiedAndBlankCountsAsMissing() {
    Map<String, String> fields = new HashMap<>(Map.of("assetId", "1", "mediaId", "  "));
    AttachmentSpec spec = new AttachmentSpec("video", fields);
    fields.clear();

    assertThat(spec.field("assetId")).isEqualTo("1");
    assertThat(spec.field("mediaId")).isNull();
    assertThat(spec.field("nope")).isNull();
    assertThat(new AttachmentSpec("file", null).fields()).isEmpty();
  }
}
