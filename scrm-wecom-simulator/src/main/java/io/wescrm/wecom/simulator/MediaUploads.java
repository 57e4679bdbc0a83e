package io.wescrm.wecom.simulator;

/**
 * The checks WeCom's upload endpoints share ({@code media/upload}, {@code media/upload_attachment}): a non-empty
 * multipart field {@code media}, at least 5 bytes, at most the type's limit.
 */
final class MediaUploads {

  private MediaUploads() {
  }

  /** The uploaded part, or the WeCom error its size earns ({@code tooBig} over {@code max} bytes). */
  static SimRequest.Part part(SimRequest request, String type, long max, int tooBig) {
    SimRequest.Part part = request.part("media");
    if (part == null || part.content().length == 0) {
      throw new WeComApiError(44001, "empty media data: post multipart/form-data with the field media");
    }
    int size = part.content().length;
    if (size < 5) {
      throw new WeComApiError(40006, "invalid file size: at least 5 bytes");
    }
    if (size > max) {
      throw new WeComApiError(tooBig, "invalid " + type + " size: " + size + " bytes, at most " + max);
    }
    return part;
  }
}
