package io.schemasync.spi;

import io.schemasync.api.TenantContext;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.SchemaSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * An engine's language: identifier quoting, the type vocabulary, normalization, and the SQL for
 * each change. Rendering and quoting are pure functions of their inputs; {@link #normalize} of a
 * dialect obtained from a connected adapter may round-trip target expressions through a scratch
 * schema on the server (PostgreSQL and MySQL do), so that they read back exactly as the inspector
 * reports them.
 */
public interface Dialect {
  /** Quotes an identifier so that any string, hostile or not, is read as that one name. */
  String quote(String identifier);

  /**
   * Maps a declared type, portable ({@code varchar(255)}, {@code uuid}) or native to this engine,
   * to the normalized native spelling the inspector reports; empty when the type is unknown here.
   */
  Optional<String> resolveType(String declaredType);

  /** The native type names this engine accepts besides the portable ones, for error messages. */
  List<String> nativeTypeNames();

  /**
   * Brings a target snapshot (types already resolved) to the form the inspector reports: default
   * expressions, constraint names the engine would give, view text. Idempotent; inspector output
   * passes through unchanged.
   */
  SchemaSnapshot normalize(SchemaSnapshot snapshot);

  /**
   * Whether a change invalidates views that read the changed table, so that the planner drops them
   * before it and recreates them after (e.g. a SQLite table rebuild, a PostgreSQL type change).
   */
  boolean invalidatesDependentViews(SchemaChange change);

  /**
   * Renders dependency-ordered changes into steps. A dialect may merge several changes into one
   * step (a SQLite table rebuild, one MySQL {@code ALTER TABLE}) but must cover every change
   * exactly once and keep the order.
   *
   * @param current the tenant's schema before the changes
   * @param target the schema after them
   */
  List<StepDraft> render(List<SchemaChange> changes, SchemaSnapshot current, SchemaSnapshot target);

  /**
   * Renders for one tenant, so that SQL naming the tenant (a PostgreSQL schema-qualified name)
   * reads as it will run; what the planner calls. Dialects whose SQL does not name the tenant keep
   * the default, which renders tenant-independent SQL.
   */
  default List<StepDraft> render(
      TenantContext tenant,
      List<SchemaChange> changes,
      SchemaSnapshot current,
      SchemaSnapshot target) {
    return render(changes, current, target);
  }
}
