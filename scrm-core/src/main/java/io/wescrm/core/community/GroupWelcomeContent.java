package io.wescrm.core.community;

/**
 * The content of a group welcome template (入群欢迎语素材), as WeCom takes it: text ({@code %NICKNAME%} is the joining
 * member's name) and at most one of image, link, mini program, file or video. Null parts are absent.
 */
public record GroupWelcomeContent(String text, Image image, Link link, MiniProgram miniprogram, Media file,
    Media video) {

  public record Image(String mediaId, String picUrl) {
  }

  public record Link(String title, String picurl, String desc, String url) {
  }

  public record MiniProgram(String title, String picMediaId, String appid, String page) {
  }

  public record Media(String mediaId) {
  }

  /** The placeholder WeCom replaces with the joining member's nickname. */
  public static final String NICKNAME = "%NICKNAME%";
}
