package io.wescrm.core.accounts.jdbc;

import io.wescrm.core.accounts.Account;
import io.wescrm.core.accounts.AccountException;
import io.wescrm.core.accounts.Accounts;
import io.wescrm.core.accounts.Role;
import io.wescrm.core.jdbc.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link Accounts} over JDBC: {@code scrm_account}, {@code scrm_account_corp}, {@code scrm_account_store}. */
public class JdbcAccounts implements Accounts {

  private static final String COLUMNS = "id, username, password_hash, role, enabled, created_at, updated_at";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public JdbcAccounts(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public long count() {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM scrm_account", Long.class);
    return n == null ? 0 : n;
  }

  @Override
  public Optional<Account> byUsername(String username) {
    return one(jdbc.query("SELECT " + COLUMNS + " FROM scrm_account WHERE username = ?", this::row, username));
  }

  @Override
  public Optional<Account> byId(long id) {
    return one(jdbc.query("SELECT " + COLUMNS + " FROM scrm_account WHERE id = ?", this::row, id));
  }

  @Override
  public List<Account> list() {
    List<Account> rows = jdbc.query("SELECT " + COLUMNS + " FROM scrm_account ORDER BY username", this::row);
    Map<Long, Set<String>> corps = new HashMap<>();
    jdbc.query("SELECT account_id, corp_id FROM scrm_account_corp", rs -> {
      corps.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
    });
    Map<Long, Map<String, Set<Long>>> stores = new HashMap<>();
    jdbc.query("SELECT account_id, corp_id, dept_id FROM scrm_account_store", rs -> {
      stores.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).computeIfAbsent(rs.getString(2),
          k -> new HashSet<>()).add(rs.getLong(3));
    });
    return rows.stream().map(a -> with(a, corps.getOrDefault(a.id(), Set.of()), stores.getOrDefault(a.id(),
        Map.of()))).toList();
  }

  @Override
  public long insert(Account a) {
    return tx.execute(status -> {
      GeneratedKeyHolder keys = new GeneratedKeyHolder();
      try {
        jdbc.update(con -> {
          var ps = con.prepareStatement("INSERT INTO scrm_account (username, password_hash, role, enabled, "
              + "password_changed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
          ps.setString(1, a.username());
          ps.setString(2, a.passwordHash());
          ps.setString(3, a.role().name());
          ps.setInt(4, a.enabled() ? 1 : 0);
          ps.setObject(5, JdbcTime.ts(a.createdAt()));
          ps.setObject(6, JdbcTime.ts(a.createdAt()));
          ps.setObject(7, JdbcTime.ts(a.updatedAt()));
          return ps;
        }, keys);
      } catch (DuplicateKeyException e) {
        throw new AccountException(AccountException.Kind.CONFLICT, "USERNAME_TAKEN", "用户名已被使用",
            "username " + a.username());
      }
      long id = keys.getKey().longValue();
      writeBindings(id, a);
      return id;
    });
  }

  @Override
  public void update(Account a) {
    tx.executeWithoutResult(status -> {
      jdbc.update("UPDATE scrm_account SET role = ?, enabled = ?, updated_at = ? WHERE id = ?", a.role().name(),
          a.enabled() ? 1 : 0, JdbcTime.ts(a.updatedAt()), a.id());
      jdbc.update("DELETE FROM scrm_account_corp WHERE account_id = ?", a.id());
      jdbc.update("DELETE FROM scrm_account_store WHERE account_id = ?", a.id());
      writeBindings(a.id(), a);
    });
  }

  @Override
  public void setPassword(long id, String passwordHash, Instant at) {
    jdbc.update("UPDATE scrm_account SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?",
        passwordHash, JdbcTime.ts(at), JdbcTime.ts(at), id);
  }

  private void writeBindings(long id, Account a) {
    for (String corp : a.corps()) {
      jdbc.update("INSERT INTO scrm_account_corp (account_id, corp_id) VALUES (?, ?)", id, corp);
    }
    a.stores().forEach((corp, depts) -> depts.forEach(dept -> jdbc.update(
        "INSERT INTO scrm_account_store (account_id, corp_id, dept_id) VALUES (?, ?, ?)", id, corp, dept)));
  }

  private Optional<Account> one(List<Account> rows) {
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Account a = rows.get(0);
    Set<String> corps = new HashSet<>(jdbc.queryForList(
        "SELECT corp_id FROM scrm_account_corp WHERE account_id = ?", String.class, a.id()));
    Map<String, Set<Long>> stores = new HashMap<>();
    jdbc.query("SELECT corp_id, dept_id FROM scrm_account_store WHERE account_id = ?", rs -> {
      stores.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getLong(2));
    }, a.id());
    return Optional.of(with(a, corps, stores));
  }

  private static Account with(Account a, Set<String> corps, Map<String, Set<Long>> stores) {
    return new Account(a.id(), a.username(), a.passwordHash(), a.role(), corps, stores, a.enabled(), a.createdAt(),
        a.updatedAt());
  }

  private Account row(ResultSet rs, int n) throws SQLException {
    return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
        Role.valueOf(rs.getString("role")), Set.of(), Map.of(), rs.getInt("enabled") == 1,
        JdbcTime.instant(rs.getTimestamp("created_at")), JdbcTime.instant(rs.getTimestamp("updated_at")));
  }
}
