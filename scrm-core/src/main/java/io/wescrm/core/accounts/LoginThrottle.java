package io.wescrm.core.accounts;

import java.time.Duration;
import java.util.Optional;

/**
 * Port: failed logins counted per username and per client address; past a limit within the window the username (or
 * the address) is locked for a while, even for the right password. In-process ({@link LocalLoginThrottle}) or shared
 * by every node through Redis.
 */
public interface LoginThrottle {

  /** How long the username or the address is still locked, if it is. */
  Optional<Duration> locked(String username, String address);

  void failed(String username, String address);

  /** A successful login clears the username's failures (not the address's). */
  void succeeded(String username);

  /** The limits. */
  record Limits(int perUsername, int perAddress, Duration window, Duration lockFor) {
  }
}
