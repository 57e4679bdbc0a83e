package io.wescrm.core.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: stored accounts with their corps and stores. */
public interface Accounts {

  long count();

  Optional<Account> byUsername(String username);

  Optional<Account> byId(long id);

  List<Account> list();

  /** Inserts the account with its corps and stores; {@link AccountException} CONFLICT for a taken username. */
  long insert(Account account);

  /** Replaces role, corps, stores and enabled. */
  void update(Account account);

  void setPassword(long id, String passwordHash, Instant at);
}
