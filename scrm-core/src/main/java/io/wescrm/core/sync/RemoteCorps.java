package io.wescrm.core.sync;

import io.wescrm.core.tags.RemoteTags;
import java.util.List;

/** The configured corps and a {@link RemoteCorp} handle for each. */
public interface RemoteCorps {

  /** Corp ids configured in this deployment. */
  List<String> corpIds();

  /** A fresh handle (with its own call counters) on one configured corp. */
  RemoteCorp open(String corpId);

  /** The write side of corp tags of one configured corp. */
  RemoteTags tags(String corpId);

  /** Contact ways, welcome messages and transfers of one configured corp. */
  io.wescrm.core.acquisition.RemoteAcquisition acquisition(String corpId);

  /** Display name of a configured corp. */
  String corpName(String corpId);
}
