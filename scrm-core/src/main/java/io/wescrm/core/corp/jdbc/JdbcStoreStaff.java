package io.wescrm.core.corp.jdbc;

import io.wescrm.core.corp.StoreStaff;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link StoreStaff} over the department and staff mirror (two queries; the tree is walked in memory). */
public class JdbcStoreStaff implements StoreStaff {

  private final JdbcTemplate jdbc;

  public JdbcStoreStaff(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Set<String> staffOf(String corpId, Set<Long> departments) {
    if (departments.isEmpty()) {
      return Set.of();
    }
    Map<Long, List<Long>> children = new HashMap<>();
    jdbc.query("SELECT dept_id, parent_id FROM scrm_department WHERE corp_id = ? AND deleted_at IS NULL", rs -> {
      long parent = rs.getLong(2);
      if (!rs.wasNull()) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(rs.getLong(1));
      }
    }, corpId);
    Set<Long> tree = new HashSet<>(departments);
    Deque<Long> todo = new ArrayDeque<>(departments);
    while (!todo.isEmpty()) {
      for (Long child : children.getOrDefault(todo.pop(), List.of())) {
        if (tree.add(child)) {
          todo.push(child);
        }
      }
    }
    Set<String> staff = new HashSet<>();
    jdbc.query("SELECT userid, department_ids, main_department FROM scrm_staff WHERE corp_id = ? "
        + "AND deleted_at IS NULL", rs -> {
          long main = rs.getLong(3);
          boolean in = !rs.wasNull() && tree.contains(main);
          String ids = rs.getString(2);
          if (!in && ids != null) {
            for (String id : ids.split(",")) {
              String t = id.trim();
              if (!t.isEmpty() && t.chars().allMatch(Character::isDigit) && tree.contains(Long.parseLong(t))) {
                in = true;
                break;
              }
            }
          }
          if (in) {
            staff.add(rs.getString(1));
          }
        }, corpId);
    return staff;
  }
}
