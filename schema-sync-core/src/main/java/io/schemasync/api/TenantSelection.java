package io.schemasync.api;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Objects;

/**
 * Which tenants an operation covers: all that the adapter lists, explicit ids, or a glob over ids
 * ({@code acme-*}, {@code tenant_?}).
 */
public sealed interface TenantSelection {

  /** Every tenant the adapter lists at its location. */
  record All() implements TenantSelection {}

  /** These tenants, in this order; they need not exist yet for {@code sync}. */
  record Ids(List<String> ids) implements TenantSelection {
    public Ids {
      ids = List.copyOf(ids);
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("select at least one tenant id");
      }
    }
  }

  /**
   * The listed tenants whose id matches a glob ({@code *}, {@code ?}, {@code [a-z]}, {@code
   * {a,b}}).
   */
  record Glob(String pattern) implements TenantSelection {
    public Glob {
      Objects.requireNonNull(pattern, "pattern");
    }

    /** Whether a tenant id matches the pattern. */
    public boolean matches(String tenantId) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      return !tenantId.contains("/") && matcher.matches(Path.of(tenantId));
    }
  }

  static TenantSelection all() {
    return new All();
  }

  static TenantSelection ids(String... ids) {
    return new Ids(List.of(ids));
  }

  static TenantSelection glob(String pattern) {
    return new Glob(pattern);
  }
}
