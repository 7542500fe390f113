package io.schemasync.postgres;

import static io.schemasync.postgres.PgNames.literal;
import static io.schemasync.postgres.PgNames.quote;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.Constraint;
import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PartitionBy;
import io.schemasync.api.model.PartitionOf;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import io.schemasync.internal.plan.RowQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the DDL text for one schema. Every object name is quoted and qualified by the schema; only
 * expressions the target wrote (defaults, checks, view queries, routine bodies) are passed through
 * as written.
 */
final class PgDdl {
  private final String schema;

  /**
   * @param quotedSchema the quoted schema name, e.g. {@code "tenant_1"}
   */
  PgDdl(String quotedSchema) {
    this.schema = quotedSchema;
  }

  String name(String object) {
    return schema + "." + quote(object);
  }

  /** A column type, qualified by the schema when it is one of the tenant's own types. */
  String type(String type) {
    if (PgTypes.isBuiltIn(type)) {
      return type;
    }
    boolean array = type.endsWith("[]");
    String base = array ? type.substring(0, type.length() - 2) : type;
    // format_type spells the tenant's own types as quote_ident does; a name written plainly in a
    // target (Mood) means exactly that name, so it is quoted
    String name = base.startsWith("\"") || base.matches("[a-z_][a-z0-9_$]*") ? base : quote(base);
    return schema + "." + name + (array ? "[]" : "");
  }

  String table(String table) {
    return name(table);
  }

  String alterTable(String table) {
    return "ALTER TABLE " + name(table) + " ";
  }

  /**
   * {@code CREATE TABLE}, or for a partition {@code CREATE TABLE ... PARTITION OF parent (its own
   * constraints) bound}; either followed by {@code PARTITION BY} for a partitioned table.
   */
  List<String> createTable(Table table) {
    List<String> parts = new ArrayList<>();
    table.columns().forEach(c -> parts.add(columnDefinition(c)));
    if (table.primaryKey() != null) {
      parts.add(constraintDefinition(table.primaryKey()));
    }
    table.uniques().forEach(u -> parts.add(constraintDefinition(u)));
    table.checks().forEach(c -> parts.add(constraintDefinition(c)));
    table.exclusions().forEach(x -> parts.add(constraintDefinition(x)));
    String body = parts.isEmpty() ? "" : "(\n  " + String.join(",\n  ", parts) + "\n)";
    String create =
        table.partitionOf() == null
            ? "CREATE TABLE " + name(table.name()) + " " + (body.isEmpty() ? "()" : body)
            : "CREATE TABLE "
                + name(table.name())
                + " PARTITION OF "
                + name(table.partitionOf().parent())
                + (body.isEmpty() ? "" : " " + body)
                + " "
                + table.partitionOf().bound();
    List<String> statements = new ArrayList<>();
    statements.add(
        table.partitionBy() == null ? create : create + " " + partitionBy(table.partitionBy()));
    if (table.comment() != null) {
      statements.add(tableComment(table.name(), table.comment()));
    }
    for (Column column : table.columns()) {
      if (column.comment() != null) {
        statements.add(columnComment(table.name(), column.name(), column.comment()));
      }
    }
    return statements;
  }

  /** {@code PARTITION BY RANGE ("a", (lower(b)))}. */
  static String partitionBy(PartitionBy by) {
    return "PARTITION BY "
        + by.strategy().name()
        + " ("
        + by.key().stream()
            .map(p -> p.column() != null ? quote(p.column()) : "(" + p.expression() + ")")
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** {@code ALTER TABLE parent ATTACH PARTITION table bound}. */
  String attachPartition(String table, PartitionOf of) {
    return alterTable(of.parent()) + "ATTACH PARTITION " + name(table) + " " + of.bound();
  }

  /**
   * {@code ALTER TABLE parent DETACH PARTITION table}, then drops what the partition had only as
   * copies of its parent's (keys, checks, foreign keys, indexes; PostgreSQL drops the copied row
   * triggers itself): the detached table is left as the model sees it, its own parts plus columns,
   * and the target's keys and indexes for it are built afterwards.
   *
   * <p>Except the copies that are what the target wants of the detached table ({@code wanted}, or
   * null): a copied primary key, unique key, check or foreign key ({@link #keepable}) whose
   * definition PostgreSQL prints exactly as one the target declares, or a copied plain index
   * ({@code btree} over columns, ascending, no predicate) of the same columns, is kept and renamed
   * to the target's name. Rebuilding them would hold the parent locked against all access, from the
   * DETACH to the commit, while the detached table's keys and indexes are built and its checks
   * validated again. The plan's additions to the detached table are rendered to skip what is
   * already there ({@link #unlessConstraint}, {@code CREATE INDEX IF NOT EXISTS}).
   */
  String detachPartition(String table, PartitionOf of, Table wanted) {
    return doBlock(
        "\nDECLARE\n"
            + "  part regclass := "
            + regclass(table)
            + ";\n"
            + "  copies text[];\n"
            + "  kept text[] := '{}';\n"
            + "  renames text[] := '{}';\n"
            + "  n text;\n"
            + "  w record;\n"
            + "  found text;\n"
            + "  found_name text;\n"
            + "BEGIN\n"
            + "  SELECT array_agg(k ORDER BY o) INTO copies FROM ("
            + "SELECT 'c' || conname AS k, CASE WHEN contype = 'f' THEN 0 ELSE 1 END AS o"
            + " FROM pg_catalog.pg_constraint"
            + " WHERE conrelid = part AND (conparentid <> 0 OR coninhcount > 0)"
            + " UNION ALL SELECT 'i' || x.indexrelid::regclass::text, 2 FROM pg_catalog.pg_index x"
            + " JOIN pg_catalog.pg_inherits i ON i.inhrelid = x.indexrelid"
            + " WHERE x.indrelid = part AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k"
            + " WHERE k.conindid = x.indexrelid)) c;\n"
            + "  "
            + alterTable(of.parent())
            + "DETACH PARTITION "
            + name(table)
            + ";\n"
            + keepWanted(wanted)
            + "  FOREACH n IN ARRAY coalesce(copies, '{}') LOOP\n"
            + "    CONTINUE WHEN n = ANY(kept);\n"
            + "    IF left(n, 1) = 'c' THEN\n"
            + "      EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', part, substr(n, 2));\n"
            + "    ELSE\n"
            + "      EXECUTE 'DROP INDEX ' || substr(n, 2);\n"
            + "    END IF;\n"
            + "  END LOOP;\n"
            // renamed once the others are gone: a kept copy may take the name of one dropped
            + "  FOREACH n IN ARRAY renames LOOP\n"
            + "    EXECUTE n;\n"
            + "  END LOOP;\n"
            + "END\n");
  }

  /**
   * The part of {@link #detachPartition}'s block that finds, for each key, check and plain index
   * the target wants of the table, a copy that PostgreSQL prints the same, adds it to {@code kept}
   * and, when its name is not the target's, a rename to {@code renames}. Empty when the target
   * wants none.
   */
  private String keepWanted(Table wanted) {
    List<String> rows = new ArrayList<>();
    if (wanted != null) {
      for (Constraint constraint : wanted.constraints()) {
        if (keepable(constraint)) {
          rows.add(keeper("c", constraint.name(), printed(constraint), false));
        }
      }
      for (Index index : wanted.indexes()) {
        if (keepable(index)) {
          String after = index.nullsNotDistinct() ? " NULLS NOT DISTINCT" : "";
          rows.add(
              keeper(
                  "i",
                  index.name(),
                  printedList("btree ", index.columnNames(), after),
                  index.unique()));
        }
      }
    }
    if (rows.isEmpty()) {
      return "";
    }
    return "  FOR w IN SELECT * FROM (VALUES "
        + String.join(", ", rows)
        + ") AS v(kind, name, def, uniq) LOOP\n"
        + "    found := NULL;\n"
        + "    IF w.kind = 'c' THEN\n"
        + "      SELECT k.conname, k.conname INTO found, found_name FROM pg_catalog.pg_constraint k\n"
        + "        WHERE k.conrelid = part AND 'c' || k.conname = ANY(copies)\n"
        + "        AND NOT 'c' || k.conname = ANY(kept)\n"
        + "        AND pg_catalog.pg_get_constraintdef(k.oid) = w.def\n"
        + "        ORDER BY k.conname <> w.name LIMIT 1;\n"
        + "      IF found IS NOT NULL AND found_name <> w.name THEN\n"
        + "        renames := renames"
        + " || format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', part, found, w.name);\n"
        + "      END IF;\n"
        + "    ELSE\n"
        + "      SELECT x.indexrelid::regclass::text, ic.relname INTO found, found_name\n"
        + "        FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid\n"
        + "        WHERE x.indrelid = part AND 'i' || x.indexrelid::regclass::text = ANY(copies)\n"
        + "        AND NOT 'i' || x.indexrelid::regclass::text = ANY(kept)\n"
        + "        AND x.indisunique = w.uniq\n"
        + "        AND regexp_replace(pg_catalog.pg_get_indexdef(x.indexrelid), '^.* USING ', '')"
        + " = w.def\n"
        + "        ORDER BY ic.relname <> w.name LIMIT 1;\n"
        + "      IF found IS NOT NULL AND found_name <> w.name THEN\n"
        + "        renames := renames || format('ALTER INDEX %s RENAME TO %I', found, w.name);\n"
        + "      END IF;\n"
        + "    END IF;\n"
        + "    IF found IS NOT NULL THEN\n"
        + "      kept := kept || (w.kind || found);\n"
        + "    END IF;\n"
        + "  END LOOP;\n";
  }

  /**
   * Whether {@link #detachPartition} may keep a copy for the constraint: a named primary key,
   * unique key or check, or a named foreign key to a table of the same schema.
   */
  static boolean keepable(Constraint constraint) {
    return constraint.name() != null
        && (constraint instanceof PrimaryKey
            || constraint instanceof UniqueConstraint
            || constraint instanceof CheckConstraint
            || (constraint instanceof ForeignKey fk && !fk.referencedTable().contains(".")));
  }

  /**
   * SQL that prints a {@link #keepable} constraint as {@code pg_get_constraintdef} does; a foreign
   * key as {@code FOREIGN KEY (a) REFERENCES t(b)}, then the actions that are not NO ACTION, then
   * {@code DEFERRABLE}.
   */
  private String printed(Constraint constraint) {
    if (constraint instanceof PrimaryKey pk) {
      return printedList("PRIMARY KEY ", pk.columns(), "");
    } else if (constraint instanceof UniqueConstraint u) {
      return printedList(
          "UNIQUE " + (u.nullsNotDistinct() ? "NULLS NOT DISTINCT " : ""), u.columns(), "");
    } else if (constraint instanceof CheckConstraint c) {
      return literal("CHECK (" + c.expression() + ")");
    }
    ForeignKey fk = (ForeignKey) constraint;
    return "'FOREIGN KEY (' || "
        + printed(fk.columns())
        + " || ') REFERENCES ' || "
        + regclass(fk.referencedTable())
        + "::text || "
        + printedList(
            "",
            fk.referencedColumns(),
            action(" ON UPDATE ", fk.onUpdate())
                + action(" ON DELETE ", fk.onDelete())
                + (fk.deferrable() ? " DEFERRABLE" : ""));
  }

  /** {@code clause} and the action, as PostgreSQL prints it: nothing for NO ACTION. */
  private static String action(String clause, ReferentialAction action) {
    return action == ReferentialAction.NO_ACTION ? "" : clause + action.sql();
  }

  /** A row of the wanted parts: kind, the target's name, the definition printed, unique. */
  private static String keeper(String kind, String name, String definition, boolean unique) {
    return "('" + kind + "', " + literal(name) + ", " + definition + ", " + unique + ")";
  }

  /** SQL that prints {@code before (a, b)after} as PostgreSQL's definitions do. */
  private static String printedList(String before, List<String> columns, String after) {
    return "'" + before + "(' || " + printed(columns) + " || ')" + after + "'";
  }

  /** SQL that prints column names as PostgreSQL's definitions do: quoted where needed. */
  private static String printed(List<String> columns) {
    return columns.stream()
        .map(column -> "quote_ident(" + literal(column) + ")")
        .collect(Collectors.joining(" || ', ' || "));
  }

  /**
   * Whether {@link #detachPartition} may keep a copy for the index: one PostgreSQL prints as {@code
   * btree (a, b)}, columns only, ascending, no predicate.
   */
  static boolean keepable(Index index) {
    return (index.method() == null || index.method().equals("btree"))
        && index.where() == null
        && index.include().isEmpty()
        && index.parts().stream().allMatch(p -> p.column() != null && !p.descending());
  }

  /**
   * {@code statement}, run only if {@code table} has no constraint named {@code constraint}: how a
   * plan adds a key or check to a table it detaches, which may have kept the copy it had.
   */
  String unlessConstraint(String table, String constraint, String statement) {
    return doBlock(
        "\nBEGIN\n"
            + "  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = "
            + regclass(table)
            + " AND conname = "
            + literal(constraint)
            + ") THEN\n    "
            + statement
            + ";\n  END IF;\nEND\n");
  }

  /** The table as a {@code regclass} constant. */
  private String regclass(String table) {
    return literal(name(table)) + "::regclass";
  }

  /** A {@code DO} block of the body, dollar-quoted with a tag the body does not contain. */
  private static String doBlock(String body) {
    String tag = dollarTag(body);
    return "DO " + tag + body + tag;
  }

  String columnDefinition(Column c) {
    StringBuilder out = new StringBuilder(quote(c.name())).append(' ').append(type(c.type()));
    if (c.collation() != null) {
      out.append(" COLLATE ").append(quote(c.collation()));
    }
    if (c.generated() != null) {
      out.append(" GENERATED ALWAYS AS (").append(c.generated().expression()).append(") STORED");
    } else if (c.identity() != null) {
      out.append(identityClause(c.identity()));
    } else if (c.defaultValue() != null) {
      out.append(" DEFAULT ").append(c.defaultValue());
    }
    if (!c.nullable()) {
      out.append(" NOT NULL");
    }
    return out.toString();
  }

  static String identityClause(Identity identity) {
    return identity == Identity.ALWAYS
        ? " GENERATED ALWAYS AS IDENTITY"
        : " GENERATED BY DEFAULT AS IDENTITY";
  }

  String constraintDefinition(Constraint constraint) {
    String prefix = constraint.name() == null ? "" : "CONSTRAINT " + quote(constraint.name()) + " ";
    if (constraint instanceof PrimaryKey pk) {
      return prefix + "PRIMARY KEY (" + columns(pk.columns()) + ")";
    } else if (constraint instanceof UniqueConstraint u) {
      return prefix
          + "UNIQUE "
          + (u.nullsNotDistinct() ? "NULLS NOT DISTINCT " : "")
          + "("
          + columns(u.columns())
          + ")";
    } else if (constraint instanceof ExclusionConstraint x) {
      return prefix + exclusion(x);
    } else if (constraint instanceof CheckConstraint c) {
      return prefix + "CHECK (" + c.expression() + ")";
    } else if (constraint instanceof ForeignKey fk) {
      return prefix
          + "FOREIGN KEY ("
          + columns(fk.columns())
          + ") REFERENCES "
          + referencedTable(fk.referencedTable())
          + " ("
          + columns(fk.referencedColumns())
          + ")"
          + " ON UPDATE "
          + fk.onUpdate().sql()
          + " ON DELETE "
          + fk.onDelete().sql()
          + (fk.deferrable() ? " DEFERRABLE" : "");
    }
    throw new IllegalArgumentException("unknown constraint " + constraint);
  }

  /**
   * {@code EXCLUDE USING gist ("room" WITH =, (lower(name)) WITH =) WHERE (...)}: the operators and
   * expressions as written, resolved with search_path set to the tenant's schema.
   */
  private static String exclusion(ExclusionConstraint x) {
    String elements =
        x.elements().stream()
            .map(
                e ->
                    (e.column() != null ? quote(e.column()) : "(" + e.expression() + ")")
                        + " WITH "
                        + e.operator())
            .collect(Collectors.joining(", "));
    return "EXCLUDE USING "
        + quote(x.method() == null ? "btree" : x.method())
        + " ("
        + elements
        + ")"
        + (x.where() == null ? "" : " WHERE (" + x.where() + ")")
        + (x.deferrable() ? " DEFERRABLE" : "");
  }

  private String referencedTable(String table) {
    return name(table);
  }

  String tableComment(String table, String comment) {
    return "COMMENT ON TABLE "
        + name(table)
        + " IS "
        + (comment == null ? "NULL" : literal(comment));
  }

  String columnComment(String table, String column, String comment) {
    return "COMMENT ON COLUMN "
        + name(table)
        + "."
        + quote(column)
        + " IS "
        + (comment == null ? "NULL" : literal(comment));
  }

  /**
   * A query that finds a row of {@code qualifiedTable} with the same key as another under the
   * unique {@code index}, as the index compares them: rows with a NULL in the key never collide,
   * unless the index treats NULLs as not distinct; rows outside its predicate do not count.
   */
  static String duplicateKeysQuery(String qualifiedTable, Index index) {
    return RowQueries.duplicates(
        qualifiedTable,
        index.parts().stream().map(PgDdl::indexKey).toList(),
        index.where(),
        !index.nullsNotDistinct());
  }

  String createIndex(String table, Index index, boolean concurrently) {
    return createIndex(table, index, concurrently, false);
  }

  /** The same, with {@code IF NOT EXISTS} when {@code unlessPresent}. */
  String createIndex(String table, Index index, boolean concurrently, boolean unlessPresent) {
    StringBuilder out = new StringBuilder("CREATE ");
    if (index.unique()) {
      out.append("UNIQUE ");
    }
    out.append("INDEX ");
    if (concurrently) {
      out.append("CONCURRENTLY ");
    }
    if (unlessPresent) {
      out.append("IF NOT EXISTS ");
    }
    out.append(quote(index.name())).append(" ON ").append(name(table));
    if (index.method() != null) {
      out.append(" USING ").append(quote(index.method()));
    }
    out.append(" (")
        .append(index.parts().stream().map(PgDdl::indexPart).collect(Collectors.joining(", ")))
        .append(')');
    if (!index.include().isEmpty()) {
      out.append(" INCLUDE (").append(columns(index.include())).append(')');
    }
    if (index.nullsNotDistinct()) {
      out.append(" NULLS NOT DISTINCT");
    }
    if (index.where() != null) {
      out.append(" WHERE ").append(index.where());
    }
    return out.toString();
  }

  private static String indexPart(IndexPart part) {
    String key = indexKey(part);
    return part.descending() ? key + " DESC" : key;
  }

  /** What an index part compares: its column, or its expression. */
  private static String indexKey(IndexPart part) {
    return part.column() != null ? quote(part.column()) : "(" + part.expression() + ")";
  }

  String createTrigger(String table, Trigger trigger) {
    String timing =
        trigger.timing() == TriggerTiming.INSTEAD_OF ? "INSTEAD OF" : trigger.timing().name();
    List<String> events = new ArrayList<>();
    for (TriggerEvent event : trigger.events()) {
      if (event == TriggerEvent.UPDATE && !trigger.updateOf().isEmpty()) {
        events.add("UPDATE OF " + columns(trigger.updateOf()));
      } else {
        events.add(event.name());
      }
    }
    return "CREATE TRIGGER "
        + quote(trigger.name())
        + " "
        + timing
        + " "
        + String.join(" OR ", events)
        + " ON "
        + name(table)
        + (trigger.forEachRow() ? " FOR EACH ROW" : " FOR EACH STATEMENT")
        + (trigger.when() == null ? "" : " WHEN (" + trigger.when() + ")")
        + " "
        + trigger.body();
  }

  String createView(View view) {
    return "CREATE "
        + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
        + name(view.name())
        + " AS\n"
        + view.definition();
  }

  String dropView(View view) {
    return "DROP " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + name(view.name());
  }

  String createRoutine(Routine routine) {
    boolean procedure = routine.kind() == Routine.RoutineKind.PROCEDURE;
    String tag = dollarTag(routine.body());
    return "CREATE OR REPLACE "
        + (procedure ? "PROCEDURE " : "FUNCTION ")
        + name(routine.name())
        + "("
        + routine.arguments()
        + ")"
        + (procedure || routine.returns() == null ? "" : " RETURNS " + routine.returns())
        + " LANGUAGE "
        + quote(routine.language() == null ? "sql" : routine.language())
        + " AS "
        + tag
        + routine.body()
        + tag;
  }

  String dropRoutine(Routine routine) {
    boolean procedure = routine.kind() == Routine.RoutineKind.PROCEDURE;
    return "DROP "
        + (procedure ? "PROCEDURE " : "FUNCTION ")
        + name(routine.name())
        + "("
        + routine.arguments()
        + ")";
  }

  String createDomain(DomainType domain) {
    StringBuilder out =
        new StringBuilder("CREATE DOMAIN ")
            .append(name(domain.name()))
            .append(" AS ")
            .append(type(domain.baseType()));
    if (domain.defaultValue() != null) {
      out.append(" DEFAULT ").append(domain.defaultValue());
    }
    if (domain.notNull()) {
      out.append(" NOT NULL");
    }
    for (CheckConstraint check : domain.checks()) {
      out.append(' ').append(constraintDefinition(check));
    }
    return out.toString();
  }

  String createSequence(Sequence s) {
    return "CREATE SEQUENCE " + name(s.name()) + sequenceOptions(s);
  }

  String alterSequence(Sequence s) {
    // no RESTART: the sequence keeps its current value, so keys already handed out stay unique
    return "ALTER SEQUENCE " + name(s.name()) + sequenceOptions(s);
  }

  private static String sequenceOptions(Sequence s) {
    return " INCREMENT BY "
        + s.increment()
        + (s.minValue() == null ? " NO MINVALUE" : " MINVALUE " + s.minValue())
        + (s.maxValue() == null ? " NO MAXVALUE" : " MAXVALUE " + s.maxValue())
        + " START WITH "
        + s.start()
        + (s.cycle() ? " CYCLE" : " NO CYCLE");
  }

  /**
   * {@code OWNED BY "s"."t"."c"} for {@code table.column}, resolved against the target's tables.
   */
  String ownedBy(String sequence, String owner, List<Table> tables) {
    if (owner == null) {
      return "ALTER SEQUENCE " + name(sequence) + " OWNED BY NONE";
    }
    for (Table table : tables) {
      if (owner.startsWith(table.name() + ".")
          && table.hasColumn(owner.substring(table.name().length() + 1))) {
        return "ALTER SEQUENCE "
            + name(sequence)
            + " OWNED BY "
            + name(table.name())
            + "."
            + quote(owner.substring(table.name().length() + 1));
      }
    }
    throw new IllegalArgumentException(
        "sequence " + sequence + " is owned by " + owner + ", which is no column of the target");
  }

  static String columns(List<String> columns) {
    return columns.stream().map(PgNames::quote).collect(Collectors.joining(", "));
  }

  /** A dollar-quote tag that does not occur in the body. */
  static String dollarTag(String body) {
    String tag = "$body$";
    int n = 0;
    while (body.contains(tag)) {
      tag = "$body" + (++n) + "$";
    }
    return tag;
  }
}
