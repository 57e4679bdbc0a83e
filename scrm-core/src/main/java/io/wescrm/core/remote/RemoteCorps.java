package io.wescrm.core.remote;

import java.util.List;

/**
 * The WeCom gateway shared by every slice: the configured corps and a {@link RemoteCorp} handle for each. A slice's
 * own remote operations have their own port in the slice (acquisition: {@code RemoteAcquisitions}).
 */
public interface RemoteCorps {

  /** Corp ids configured in this deployment. */
  List<String> corpIds();

  /** A fresh handle (with its own call counters) on one configured corp. */
  RemoteCorp open(String corpId);

  /** The write side of corp tags of one configured corp. */
  RemoteTags tags(String corpId);

  /** Display name of a configured corp. */
  String corpName(String corpId);
}
