package io.wescrm.core.accounts;

/** What an account may do (docs/security.md has the table by method and path). */
public enum Role {
  /** Every corp, every action, and account management. */
  ADMIN("管理员"),
  /** Reads and everyday mutations of the corps it is bound to, including outward actions. */
  OPERATOR("运营"),
  /** Reads of its stores' data in the corps it is bound to, and store-level actions. */
  STORE_MANAGER("店长"),
  /** Reads only. */
  VIEWER("只读");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
