package io.schemasync.spi;

/** A held per-tenant migration lock; closing it releases the lock on every path. */
public interface TenantLock extends AutoCloseable {
  @Override
  void close();
}
