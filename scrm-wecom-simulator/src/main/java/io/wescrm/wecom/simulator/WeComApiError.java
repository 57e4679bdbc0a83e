package io.wescrm.wecom.simulator;

/**
 * A WeCom error: the simulator answers it as {@code {"errcode":…,"errmsg":…}}; the {@link SimCorp} mutators throw it
 * (it is an {@link IllegalArgumentException}) when the same call through the API would fail.
 */
public final class WeComApiError extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int errcode;

  public WeComApiError(int errcode, String errmsg) {
    super(errmsg);
    this.errcode = errcode;
  }

  public int errcode() {
    return errcode;
  }

  public String errmsg() {
    return getMessage();
  }
}
