package io.schemasync.mysql;

import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterIndexVisibility;
import io.schemasync.api.change.AlterTableComment;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.DropConstraint;
import io.schemasync.api.change.DropIndex;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.UniqueConstraint;
import java.util.List;
import java.util.Objects;

/**
 * How an ALTER TABLE clause runs on InnoDB: in the metadata only, in place without blocking
 * writers, by an online rebuild, or by a blocking copy. Decides the ALGORITHM/LOCK clause and the
 * step's LOCKING class.
 */
enum AlterCost {
  /** Metadata only ({@code ALGORITHM=INSTANT} is accepted). */
  INSTANT,
  /** In place, no rebuild, concurrent reads and writes ({@code ALGORITHM=INPLACE, LOCK=NONE}). */
  INPLACE,
  /** The server picks instant where it can (adding or dropping a column); no clause forced. */
  SERVER_CHOICE,
  /**
   * An online rebuild of the table: writes continue but it takes time proportional to the table.
   */
  REBUILD,
  /** A table copy ({@code ALGORITHM=COPY}) or a shared lock: writes wait until it finishes. */
  COPY;

  AlterCost max(AlterCost other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** The cost of one clause, and in {@code why} the words for a reviewer when it blocks. */
  static AlterCost of(
      SchemaChange change, SchemaSnapshot current, ServerFlavor flavor, StringBuilder why) {
    if (change instanceof AddColumn add) {
      Column c = add.column();
      if (c.identity() != null || (c.generated() != null && c.generated().stored())) {
        why.append("adding ")
            .append(c.identity() != null ? "an AUTO_INCREMENT" : "a STORED generated")
            .append(" column copies the table");
        return COPY;
      }
      boolean fulltext =
          current.table(add.tableName()).stream()
              .flatMap(t -> t.indexes().stream())
              .anyMatch(ix -> "fulltext".equalsIgnoreCase(ix.method()));
      if (flavor.instantAddColumn() && !(fulltext && !flavor.mariaDb())) {
        return SERVER_CHOICE;
      }
      why.append("adding a column rebuilds the table on this server");
      return REBUILD;
    } else if (change instanceof DropColumn) {
      if (flavor.instantDropColumn()) {
        return SERVER_CHOICE;
      }
      why.append("dropping a column rebuilds the table on this server");
      return REBUILD;
    } else if (change instanceof RenameColumn) {
      return flavor.instantRenameColumn() ? INSTANT : INPLACE;
    } else if (change instanceof AlterTableComment) {
      return INPLACE;
    } else if (change instanceof AlterColumn alter) {
      return alterColumn(alter, why);
    } else if (change instanceof AddConstraint add) {
      if (add.constraint() instanceof PrimaryKey) {
        why.append("adding a primary key rebuilds the table");
        return REBUILD;
      } else if (add.constraint() instanceof CheckConstraint) {
        why.append("adding a CHECK constraint copies the table to validate every row");
        return COPY;
      } else if (add.constraint() instanceof ForeignKey) {
        why.append("adding a foreign key with foreign_key_checks on copies the table");
        return COPY;
      }
      return INPLACE;
    } else if (change instanceof DropConstraint drop) {
      if (drop.constraint() instanceof PrimaryKey) {
        why.append("dropping the primary key copies the table");
        return COPY;
      }
      if (drop.constraint() instanceof UniqueConstraint unique
          && clustersTable(current, drop.tableName(), unique.columns())) {
        return clusteringKey(unique.key(), why);
      }
      return INPLACE;
    } else if (change instanceof CreateIndex create) {
      Index ix = create.index();
      if (ix.method() != null
          && (ix.method().equalsIgnoreCase("fulltext")
              || ix.method().equalsIgnoreCase("spatial"))) {
        why.append("building a ")
            .append(ix.method().toUpperCase(java.util.Locale.ROOT))
            .append(" index blocks writes (LOCK=SHARED)");
        return COPY;
      }
      return INPLACE;
    } else if (change instanceof DropIndex drop) {
      Index ix = drop.index();
      if (ix.unique()
          && ix.parts().stream().allMatch(p -> p.column() != null)
          && clustersTable(
              current, drop.tableName(), ix.parts().stream().map(p -> p.column()).toList())) {
        return clusteringKey(ix.name(), why);
      }
      return INPLACE;
    } else if (change instanceof AlterIndexVisibility) {
      // Metadata only on both servers; MySQL documents it as in place, so no INSTANT is forced.
      return INPLACE;
    }
    throw new IllegalArgumentException("not an ALTER TABLE clause: " + change);
  }

  /**
   * Whether InnoDB may cluster the table on a unique key over these columns: a table without a
   * primary key is clustered on its first UNIQUE index whose columns are all NOT NULL, and dropping
   * that index is dropping the primary key (in place refused: errno 1846). Which one is first is
   * not in the model, so every such key counts.
   */
  private static boolean clustersTable(SchemaSnapshot current, String table, List<String> columns) {
    return current
        .table(table)
        .filter(t -> t.primaryKey() == null)
        .map(
            t ->
                columns.stream()
                    .allMatch(name -> t.column(name).map(c -> !c.nullable()).orElse(false)))
        .orElse(false);
  }

  private static AlterCost clusteringKey(String name, StringBuilder why) {
    why.append("the table has no primary key, so InnoDB may cluster it on ")
        .append(name)
        .append(" (unique, NOT NULL); dropping it copies the table");
    return COPY;
  }

  private static AlterCost alterColumn(AlterColumn alter, StringBuilder why) {
    Column from = alter.from();
    Column to = alter.to();
    if (alter.typeChanged()) {
      if (isEnumAppend(from.type(), to.type())) {
        return INSTANT.max(rest(alter, why));
      }
      why.append("changing the type of ").append(to.name()).append(" copies the table");
      return COPY;
    }
    if (alter.collationChanged() || alter.generatedChanged() || alter.identityChanged()) {
      why.append("changing how ")
          .append(to.name())
          .append(" is generated or collated copies the table");
      return COPY;
    }
    return rest(alter, why);
  }

  private static AlterCost rest(AlterColumn alter, StringBuilder why) {
    if (alter.nullabilityChanged()) {
      why.append("changing the nullability of ")
          .append(alter.to().name())
          .append(" rebuilds the table");
      return REBUILD;
    }
    if (alter.commentChanged()) {
      return INPLACE;
    }
    return Objects.equals(alter.from().defaultValue(), alter.to().defaultValue())
        ? INPLACE
        : INSTANT;
  }

  /** ENUM/SET values appended at the end: a metadata-only change on InnoDB. */
  private static boolean isEnumAppend(String from, String to) {
    boolean enumish =
        (from.startsWith("enum(") && to.startsWith("enum("))
            || (from.startsWith("set(") && to.startsWith("set("));
    return enumish && to.startsWith(from.substring(0, from.length() - 1) + ",");
  }
}
