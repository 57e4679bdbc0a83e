package io.wescrm.core.accounts;

/** Port: a slow, salted password hash (BCrypt in the web module), so core has no Spring. */
public interface PasswordHasher {

  String hash(String password);

  boolean matches(String password, String hash);
}
