package io.wescrm.wecom.simulator;

import java.util.List;

/** A department as {@code department/list} returns it. */
public record SimDepartment(long id, String name, String nameEn, long parentId, long order, List<String> leaders) {

  public SimDepartment {
    leaders = List.copyOf(leaders);
  }
}
