package io.schemasync.sqlite;

import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.DropConstraint;
import io.schemasync.api.change.DropTable;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.RenameTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.StepDraft;
import io.schemasync.sqlite.internal.ChangeRenderer;
import io.schemasync.sqlite.internal.SqlText;
import io.schemasync.sqlite.internal.SqliteAlterRules;
import io.schemasync.sqlite.internal.SqliteTypes;
import io.schemasync.sqlite.internal.TargetNormalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SQLite's language for schema-sync. Stateless and thread-safe.
 *
 * <p><b>Types.</b> Portable types map to declared types chosen for SQLite's type affinity: {@code
 * smallint}, {@code integer} and {@code bigint} become {@code INTEGER} (so a single integer primary
 * key is the rowid), {@code real} {@code REAL}, {@code double} {@code DOUBLE}, {@code numeric(p,s)}
 * {@code NUMERIC(p,s)}, {@code boolean} {@code BOOLEAN}, {@code varchar(n)} {@code VARCHAR(n)},
 * {@code char(n)} {@code CHAR(n)}, {@code text} {@code TEXT}, {@code bytes} {@code BLOB}, {@code
 * date}, {@code time}, {@code timestamp} and {@code timestamptz} keep their names ({@code
 * TIMESTAMPTZ}; numeric affinity, which keeps ISO-8601 text as text, like the other date types).
 * {@code uuid} and {@code json} become {@code TEXT}: a declared type {@code UUID} or {@code JSON}
 * would get numeric affinity, which turns a digits-only UUID or the JSON text {@code 1.50} into a
 * number. Native spellings ({@code INT}, {@code BIGINT}... see {@link #nativeTypeNames()}) pass
 * through; the normalized spelling is upper case with no blanks around modifiers ({@code
 * VARCHAR(255)}, {@code DOUBLE PRECISION}).
 *
 * <p><b>What SQLite cannot report</b> is normalized away on both sides: constraint names (the
 * pragmas report none), comments, {@code DEFERRABLE} on foreign keys. Enum types, domains,
 * sequences, routines, materialized views, index methods and INCLUDE columns, multi-event and
 * statement-level triggers are rejected with an {@link io.schemasync.api.InvalidTargetException}
 * naming the object.
 *
 * <p><b>Not in the model</b>, so neither compared nor kept by a table rebuild: the {@code WITHOUT
 * ROWID} and {@code STRICT} table options, a view's column list, and triggers on views.
 *
 * <p><b>Changes</b> use SQLite's own ALTER TABLE where it can (rename table or column, add a column
 * it accepts, drop a column nothing depends on); everything else rebuilds the table as
 * lang_altertable.html describes, one step per table, classed LOCKING.
 */
public final class SqliteDialect implements Dialect {

  @Override
  public String quote(String identifier) {
    return SqlText.quote(identifier);
  }

  @Override
  public Optional<String> resolveType(String declaredType) {
    return SqliteTypes.resolve(declaredType);
  }

  @Override
  public List<String> nativeTypeNames() {
    return SqliteTypes.NATIVE.stream().map(n -> n.toUpperCase(Locale.ROOT)).toList();
  }

  @Override
  public SchemaSnapshot normalize(SchemaSnapshot snapshot) {
    return TargetNormalizer.normalize(snapshot);
  }

  @Override
  public boolean invalidatesDependentViews(SchemaChange change) {
    if (change instanceof AddColumn add) {
      return !SqliteAlterRules.canAddColumn(add.column(), null);
    }
    return change instanceof AlterColumn
        || change instanceof AddConstraint
        || change instanceof DropConstraint
        || change instanceof DropColumn
        || change instanceof RenameColumn
        || change instanceof RenameTable
        || change instanceof DropTable;
  }

  @Override
  public List<StepDraft> render(
      List<SchemaChange> changes, SchemaSnapshot current, SchemaSnapshot target) {
    return new ChangeRenderer(changes, current, target).render();
  }
}
