package io.schemasync.spi;

import io.schemasync.api.TenantContext;
import java.util.Set;

/**
 * The migration locks of several tenants taken in one go; closing releases every one of them.
 *
 * @param held the tenants whose lock was taken (the others were held elsewhere)
 * @param release releases them all
 */
public record TenantLocks(Set<TenantContext> held, TenantLock release) implements AutoCloseable {
  public TenantLocks {
    held = Set.copyOf(held);
  }

  @Override
  public void close() {
    release.close();
  }
}
