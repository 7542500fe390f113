package io.schemasync.sqlite.internal;

import io.schemasync.api.TenantContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where an adapter's tenants live and how to open a connection to one of them. */
public interface TenantStore {
  /** Validates an id and returns its context; the tenant need not exist. */
  TenantContext tenant(String id);

  /** Every existing tenant, sorted by id. */
  List<TenantContext> list();

  boolean exists(TenantContext tenant);

  /**
   * A new connection to the tenant; {@code write} connections create a missing tenant file (and its
   * directory), read-only ones never create anything.
   */
  Connection open(TenantContext tenant, boolean write, Duration busyTimeout) throws SQLException;

  /** The tenant's database file, when it has one (a data source may hide it). */
  Optional<Path> file(TenantContext tenant);

  /** How the tenant is named in messages, e.g. its file. */
  String describe(TenantContext tenant);
}
