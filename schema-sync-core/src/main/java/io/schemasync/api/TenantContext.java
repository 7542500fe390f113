package io.schemasync.api;

import java.util.Objects;

/**
 * Names the one tenant an operation is scoped to. Every inspection, plan and execution takes one,
 * so nothing can reach another tenant's schema by accident.
 *
 * <p>The id is validated here for what no engine accepts (blank, control characters, over 128
 * characters); each adapter additionally checks what its engine cannot hold (a path separator in a
 * SQLite file name, more than 63 bytes in a PostgreSQL schema name).
 */
public record TenantContext(String id) implements Comparable<TenantContext> {
  /** The longest tenant id accepted by any engine. */
  public static final int MAX_LENGTH = 128;

  public TenantContext {
    Objects.requireNonNull(id, "tenant id");
    if (id.isBlank()) {
      throw new InvalidTenantException(id, "a tenant id must not be blank");
    }
    if (id.length() > MAX_LENGTH) {
      throw new InvalidTenantException(
          id, "a tenant id is at most " + MAX_LENGTH + " characters, this one has " + id.length());
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        throw new InvalidTenantException(id, "a tenant id must not contain control characters");
      }
    }
  }

  public static TenantContext of(String id) {
    return new TenantContext(id);
  }

  @Override
  public int compareTo(TenantContext other) {
    return id.compareTo(other.id);
  }

  @Override
  public String toString() {
    return id;
  }
}
