package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlNames.literal;
import static io.schemasync.mysql.MysqlNames.quote;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.Constraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The SQL text of MySQL definitions and ALTER TABLE clauses; every name goes through quote(). */
final class MysqlDdl {
  /** An index part that is a column prefix, {@code `name`(10)}: MySQL's SUB_PART. */
  static final Pattern PREFIX_PART = Pattern.compile("^`((?:[^`]|``)+)`\\((\\d+)\\)$");

  private final ServerFlavor flavor;

  MysqlDdl(ServerFlavor flavor) {
    this.flavor = flavor;
  }

  /** The column's type, with its collation when it has one: {@code varchar(20) COLLATE `x`}. */
  static String typeOf(Column c) {
    return c.type() + (c.collation() == null ? "" : " COLLATE " + quote(c.collation()));
  }

  String column(Column c) {
    StringBuilder out = new StringBuilder(quote(c.name())).append(' ').append(typeOf(c));
    if (c.generated() != null) {
      out.append(" GENERATED ALWAYS AS (")
          .append(c.generated().expression())
          .append(')')
          .append(c.generated().stored() ? " STORED" : " VIRTUAL");
      // MariaDB takes no NULL / NOT NULL on a generated column; MySQL takes both.
      if (!flavor.mariaDb()) {
        out.append(c.nullable() ? " NULL" : " NOT NULL");
      }
    } else {
      out.append(c.nullable() ? " NULL" : " NOT NULL");
      if (c.defaultValue() != null) {
        boolean expressionOnly = !flavor.mariaDb() && MysqlDefaults.expressionOnly(c.type());
        out.append(' ').append(MysqlDefaults.render(c.defaultValue(), expressionOnly));
      }
      if (c.identity() == Identity.BY_DEFAULT || c.identity() == Identity.ALWAYS) {
        out.append(" AUTO_INCREMENT");
      }
    }
    if (c.comment() != null) {
      out.append(" COMMENT ").append(literal(c.comment()));
    }
    return out.toString();
  }

  String createTable(Table table, List<Constraint> extraConstraints, List<Index> extraIndexes) {
    List<String> parts = new ArrayList<>();
    table.columns().forEach(c -> parts.add(column(c)));
    List<Constraint> constraints = new ArrayList<>(table.constraints());
    constraints.addAll(extraConstraints);
    for (Constraint c : constraints) {
      parts.add(constraint(c));
    }
    List<Index> indexes = new ArrayList<>(table.indexes());
    indexes.addAll(extraIndexes);
    for (Index ix : indexes) {
      parts.add(indexDefinition(ix));
    }
    StringBuilder out =
        new StringBuilder("CREATE TABLE ")
            .append(quote(table.name()))
            .append(" (\n  ")
            .append(String.join(",\n  ", parts))
            .append("\n)");
    TableOptions options = table.options();
    if (options != null && options.engine() != null) {
      out.append(" ENGINE=").append(quote(options.engine()));
    }
    if (options != null && options.charset() != null) {
      out.append(" DEFAULT CHARSET=").append(quote(options.charset()));
    }
    if (options != null && options.collation() != null) {
      out.append(" COLLATE=").append(quote(options.collation()));
    }
    if (table.comment() != null) {
      out.append(" COMMENT=").append(literal(table.comment()));
    }
    return out.toString();
  }

  /**
   * The ALTER TABLE clauses that set a table's engine and default character set and collation, as
   * far as they change from {@code from} to {@code to}.
   */
  static List<String> tableOptions(TableOptions from, TableOptions to) {
    TableOptions was = from == null ? new TableOptions(null, null, null) : from;
    List<String> clauses = new ArrayList<>();
    if (to.engine() != null && !to.engine().equals(was.engine())) {
      clauses.add("ENGINE = " + quote(to.engine()));
    }
    boolean charset = to.charset() != null && !to.charset().equals(was.charset());
    boolean collation = to.collation() != null && !to.collation().equals(was.collation());
    if (charset) {
      clauses.add(
          "DEFAULT CHARACTER SET = "
              + quote(to.charset())
              + (to.collation() == null ? "" : " COLLATE = " + quote(to.collation())));
    } else if (collation) {
      clauses.add("DEFAULT COLLATE = " + quote(to.collation()));
    }
    return clauses;
  }

  String constraint(Constraint c) {
    if (c instanceof PrimaryKey pk) {
      return "PRIMARY KEY " + columns(pk.columns());
    } else if (c instanceof UniqueConstraint u) {
      return "UNIQUE KEY " + quote(u.name()) + " " + columns(u.columns());
    } else if (c instanceof CheckConstraint ck) {
      return "CONSTRAINT " + quote(ck.name()) + " CHECK (" + ck.expression() + ")";
    } else if (c instanceof ForeignKey fk) {
      return "CONSTRAINT "
          + quote(fk.name())
          + " FOREIGN KEY "
          + columns(fk.columns())
          + " REFERENCES "
          + quote(fk.referencedTable())
          + " "
          + columns(fk.referencedColumns())
          + " ON DELETE "
          + fk.onDelete().sql()
          + " ON UPDATE "
          + fk.onUpdate().sql();
    }
    throw new IllegalArgumentException("unknown constraint " + c);
  }

  String dropConstraint(Constraint c) {
    if (c instanceof PrimaryKey) {
      return "DROP PRIMARY KEY";
    } else if (c instanceof UniqueConstraint u) {
      return "DROP INDEX " + quote(u.name());
    } else if (c instanceof CheckConstraint ck) {
      return (flavor.mariaDb() ? "DROP CONSTRAINT " : "DROP CHECK ") + quote(ck.name());
    } else if (c instanceof ForeignKey fk) {
      return "DROP FOREIGN KEY " + quote(fk.name());
    }
    throw new IllegalArgumentException("unknown constraint " + c);
  }

  /**
   * {@code [UNIQUE|FULLTEXT|SPATIAL] KEY `name` (parts) [INVISIBLE|IGNORED]}, as used in CREATE and
   * ALTER TABLE.
   */
  String indexDefinition(Index ix) {
    return indexKind(ix)
        + "KEY "
        + quote(ix.name())
        + " "
        + indexParts(ix)
        + (ix.invisible() ? " " + flavor.indexVisibility(true) : "");
  }

  private static String indexKind(Index ix) {
    if (ix.method() != null && ix.method().equalsIgnoreCase("fulltext")) {
      return "FULLTEXT ";
    }
    if (ix.method() != null && ix.method().equalsIgnoreCase("spatial")) {
      return "SPATIAL ";
    }
    return ix.unique() ? "UNIQUE " : "";
  }

  private static String indexParts(Index ix) {
    List<String> parts = new ArrayList<>();
    for (IndexPart p : ix.parts()) {
      String text;
      if (p.column() != null) {
        text = quote(p.column());
      } else if (PREFIX_PART.matcher(p.expression()).matches()) {
        text = p.expression();
      } else {
        text = "(" + p.expression() + ")";
      }
      parts.add(p.descending() ? text + " DESC" : text);
    }
    String using = ix.method() != null && ix.method().equalsIgnoreCase("hash") ? " USING HASH" : "";
    return "(" + String.join(", ", parts) + ")" + using;
  }

  static String columns(List<String> names) {
    return "(" + String.join(", ", names.stream().map(MysqlNames::quote).toList()) + ")";
  }

  String createTrigger(String table, Trigger t) {
    return "CREATE TRIGGER "
        + quote(t.name())
        + " "
        + t.timing().name()
        + " "
        + t.events().get(0).name()
        + " ON "
        + quote(table)
        + " FOR EACH ROW "
        + t.body();
  }

  static String createView(View v) {
    return "CREATE VIEW " + quote(v.name()) + " AS " + v.definition();
  }

  static String createRoutine(Routine r) {
    boolean function = r.kind() == Routine.RoutineKind.FUNCTION;
    StringBuilder out =
        new StringBuilder("CREATE ")
            .append(function ? "FUNCTION " : "PROCEDURE ")
            .append(quote(r.name()))
            .append('(')
            .append(r.arguments())
            .append(')');
    if (function) {
      out.append(" RETURNS ").append(r.returns());
    }
    return out.append('\n').append(r.body()).toString();
  }

  static String dropRoutine(Routine r) {
    return "DROP "
        + (r.kind() == Routine.RoutineKind.FUNCTION ? "FUNCTION " : "PROCEDURE ")
        + quote(r.name());
  }
}
