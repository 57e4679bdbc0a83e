package io.wescrm.core.moments;

/** WeCom's 朋友圈 publishing, per configured corp. */
@FunctionalInterface
public interface RemoteMomentPublishing {

  RemoteMomentTasks momentTasks(String corpId);
}
