package io.wescrm.core.corp;

import java.util.List;

/**
 * One page of customers with follow relations.
 *
 * @param nextCursor null on the last page
 * @param unlicensedUserids staff whose customers WeCom did not return (no interop licence): their relations must
 *     not be treated as gone
 */
public record CustomerPage(List<CustomerFollow> items, String nextCursor, List<String> unlicensedUserids) {

  public CustomerPage {
    items = List.copyOf(items);
    unlicensedUserids = unlicensedUserids == null ? List.of() : List.copyOf(unlicensedUserids);
  }
}
