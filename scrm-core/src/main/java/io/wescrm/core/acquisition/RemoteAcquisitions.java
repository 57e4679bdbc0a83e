package io.wescrm.core.acquisition;

/** WeCom's acquisition operations, per configured corp. */
@FunctionalInterface
public interface RemoteAcquisitions {

  /** Contact ways, welcome messages and transfers of one configured corp. */
  RemoteAcquisition acquisition(String corpId);
}
