package io.wescrm.wecom.simulator;

import java.util.concurrent.ConcurrentHashMap;

/** All access tokens issued by one simulator, by value. */
final class SimTokens {

  /** An issued token; {@code expiresAtMillis} only ever moves earlier. */
  static final class Token {
    final String value;
    final SimCorp corp;
    volatile long expiresAtMillis;

    Token(String value, SimCorp corp, long expiresAtMillis) {
      this.value = value;
      this.corp = corp;
      this.expiresAtMillis = expiresAtMillis;
    }

    boolean isExpired(long nowMillis) {
      return nowMillis >= expiresAtMillis;
    }

    void expire(long nowMillis) {
      if (expiresAtMillis > nowMillis - 1) {
        expiresAtMillis = nowMillis - 1;
      }
    }
  }

  private final ConcurrentHashMap<String, Token> byValue = new ConcurrentHashMap<>();

  Token find(String value) {
    return value == null ? null : byValue.get(value);
  }

  void register(Token token) {
    byValue.put(token.value, token);
  }

  void forget(Token token) {
    byValue.remove(token.value, token);
  }
}
