package io.wescrm.core.accounts.jdbc;

import io.wescrm.core.accounts.AccessToken;
import io.wescrm.core.accounts.AccessTokens;
import io.wescrm.core.jdbc.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** {@link AccessTokens} over JDBC: {@code scrm_access_token}. */
public class JdbcAccessTokens implements AccessTokens {

  private static final String COLUMNS = "id, account_id, name, created_at, expires_at, last_used_at, revoked_at";

  private final JdbcTemplate jdbc;

  public JdbcAccessTokens(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long insert(long accountId, String name, String secretHash, Instant createdAt, Instant expiresAt) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO scrm_access_token (account_id, name, token_hash, created_at, "
          + "expires_at) VALUES (?, ?, ?, ?, ?)", new String[] {"id"});
      ps.setLong(1, accountId);
      ps.setString(2, name);
      ps.setString(3, secretHash);
      ps.setObject(4, JdbcTime.ts(createdAt));
      ps.setObject(5, JdbcTime.ts(expiresAt));
      return ps;
    }, keys);
    return keys.getKey().longValue();
  }

  @Override
  public Optional<AccessToken> byHash(String secretHash) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_access_token WHERE token_hash = ?", this::row, secretHash)
        .stream().findFirst();
  }

  @Override
  public List<AccessToken> ofAccount(long accountId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scrm_access_token WHERE account_id = ? ORDER BY id", this::row,
        accountId);
  }

  @Override
  public boolean revoke(long accountId, long tokenId, Instant at) {
    return jdbc.update("UPDATE scrm_access_token SET revoked_at = ? WHERE account_id = ? AND id = ? "
        + "AND revoked_at IS NULL", JdbcTime.ts(at), accountId, tokenId) == 1;
  }

  @Override
  public void touch(long tokenId, Instant at) {
    jdbc.update("UPDATE scrm_access_token SET last_used_at = ? WHERE id = ?", JdbcTime.ts(at), tokenId);
  }

  private AccessToken row(ResultSet rs, int n) throws SQLException {
    return new AccessToken(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
        JdbcTime.instant(rs.getTimestamp("created_at")), JdbcTime.instant(rs.getTimestamp("expires_at")),
        JdbcTime.instant(rs.getTimestamp("last_used_at")), JdbcTime.instant(rs.getTimestamp("revoked_at")));
  }
}
