package io.wescrm.core.moments;

/** WeCom's customer-moment (客户朋友圈) reads, per configured corp. */
@FunctionalInterface
public interface RemoteMoments {

  /** A handle on one configured corp's moments; it counts the calls made through it. */
  RemoteMoment moments(String corpId);
}
