package io.schemasync.postgres;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SourceLocation;
import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToInspectSchemaException;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.CreateDomain;
import io.schemasync.api.change.CreateEnum;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateRoutine;
import io.schemasync.api.change.CreateSequence;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.CreateTrigger;
import io.schemasync.api.change.CreateView;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;
import io.schemasync.spi.StepDraft;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A throwaway schema with a unique name, created inside a transaction that is always rolled back
 * (and dropped explicitly should anything have committed it). Used to turn a SQL script into a
 * snapshot, and to canonicalize a target: the target is created there and read back, so defaults,
 * checks, view text and generated names read exactly as the inspector reports them.
 */
final class ScratchSchema {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ScratchSchema.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataSource dataSource;

  ScratchSchema(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  private boolean mayCreateSchemas() {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT has_database_privilege(current_database(), 'CREATE'),"
                    + " current_setting('default_transaction_read_only') = 'on'")) {
      rs.next();
      return rs.getBoolean(1) && !rs.getBoolean(2);
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(null, "cannot check the role's privileges", e);
    }
  }

  private interface Body {
    SchemaSnapshot run(Connection c, String schema) throws SQLException;
  }

  private SchemaSnapshot withScratch(String what, Body body) {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    String schema = PgNames.SCRATCH_PREFIX + HexFormat.of().formatHex(random);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (Statement st = c.createStatement()) {
          st.execute("CREATE SCHEMA " + PgNames.quote(schema));
          st.execute("SET LOCAL search_path TO " + PgNames.quote(schema));
          st.execute("SET LOCAL check_function_bodies = off");
        }
        return body.run(c, schema);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
          st.execute("DROP SCHEMA IF EXISTS " + PgNames.quote(schema) + " CASCADE");
        }
      }
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(null, "cannot use a scratch schema to " + what, e);
    }
  }

  /** Runs a DDL script in a scratch schema and inspects the result. */
  SchemaSnapshot snapshotOfSql(String sql, String sourceName) {
    List<SqlText.Statement> statements = SqlText.statements(sql);
    for (SqlText.Statement statement : statements) {
      String first = statement.sql().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
      if (List.of("BEGIN", "COMMIT", "ROLLBACK", "START", "END", "SAVEPOINT", "RELEASE")
          .contains(first)) {
        throw new InvalidTargetException(
            new SourceLocation(sourceName, statement.line(), 0, null),
            "transaction statements are not allowed in a schema script ("
                + first
                + "); remove them: the script runs in a transaction that is always rolled back");
      }
    }
    return withScratch(
        "run " + sourceName,
        (c, schema) -> {
          try (Statement st = c.createStatement()) {
            for (SqlText.Statement statement : statements) {
              try {
                st.execute(statement.sql());
              } catch (SQLException e) {
                throw new InvalidTargetException(
                    new SourceLocation(sourceName, line(statement, e), 0, null),
                    "statement failed: "
                        + e.getMessage()
                        + "; write the script for a fresh schema with unqualified names",
                    e);
              }
            }
          }
          return PostgresInspector.inspect(c, TenantContext.of(schema));
        });
  }

  /**
   * The target as the server stores it: created in a scratch schema and inspected. A role that may
   * not create schemas (a read-only auditor) gets the target back unchanged, with a warning: its
   * expressions are then compared as written, so write it in PostgreSQL's canonical form (a stored
   * snapshot or a reference tenant always is).
   */
  SchemaSnapshot canonicalize(SchemaSnapshot target, PostgresDialect dialect) {
    if (target.isEmpty()) {
      return target;
    }
    if (!mayCreateSchemas()) {
      LOG.warn(
          "this role may not create a scratch schema, so the target is compared as written;"
              + " expressions must be in PostgreSQL's canonical form (e.g. 'x'::character varying)");
      return target;
    }
    return withScratch(
        "normalize the target",
        (c, schema) -> {
          List<SchemaChange> creates = creations(target);
          List<View> views = new ArrayList<>(target.views());
          List<SchemaChange> withoutViews =
              creates.stream().filter(ch -> !(ch instanceof CreateView)).toList();
          try (Statement st = c.createStatement()) {
            for (StepDraft step :
                dialect.renderFor(
                    PgNames.quote(schema), withoutViews, SchemaSnapshot.EMPTY, target)) {
              for (String sql : step.statements()) {
                try {
                  st.execute(sql);
                } catch (SQLException e) {
                  throw new InvalidTargetException(
                      null, step.description() + ": PostgreSQL rejects it: " + e.getMessage(), e);
                }
              }
            }
            createViews(st, new PgDdl(PgNames.quote(schema)), views);
          }
          return PostgresInspector.inspect(c, TenantContext.of(schema));
        });
  }

  /** Views in any order: each pass creates those whose inputs exist, until none is left. */
  private static void createViews(Statement st, PgDdl ddl, List<View> views) throws SQLException {
    List<View> pending = new ArrayList<>(views);
    while (!pending.isEmpty()) {
      List<View> failed = new ArrayList<>();
      SQLException last = null;
      for (View view : pending) {
        st.execute("SAVEPOINT schemasync_view");
        try {
          st.execute(ddl.createView(view));
          st.execute("RELEASE SAVEPOINT schemasync_view");
        } catch (SQLException e) {
          st.execute("ROLLBACK TO SAVEPOINT schemasync_view");
          failed.add(view);
          last = e;
        }
      }
      if (failed.size() == pending.size()) {
        throw new InvalidTargetException(
            null,
            "view " + failed.get(0).name() + ": PostgreSQL rejects it: " + last.getMessage(),
            last);
      }
      pending = failed;
    }
  }

  private static List<SchemaChange> creations(SchemaSnapshot target) {
    List<SchemaChange> changes = new ArrayList<>();
    target.enums().forEach(e -> changes.add(new CreateEnum(e)));
    target.domains().forEach(d -> changes.add(new CreateDomain(d)));
    target.sequences().forEach(s -> changes.add(new CreateSequence(s)));
    target.routines().forEach(r -> changes.add(new CreateRoutine(r)));
    for (Table t : target.tables()) {
      changes.add(
          new CreateTable(
              t.withForeignKeys(List.of()).withIndexes(List.of()).withTriggers(List.of())));
    }
    for (Table t : target.tables()) {
      t.foreignKeys().forEach(fk -> changes.add(new AddConstraint(t.name(), fk)));
      t.indexes().forEach(ix -> changes.add(new CreateIndex(t.name(), ix)));
    }
    for (Table t : target.tables()) {
      t.triggers().forEach(tr -> changes.add(new CreateTrigger(t.name(), tr)));
    }
    target.views().forEach(v -> changes.add(new CreateView(v)));
    return changes;
  }

  /**
   * The script line of the error: the statement's first line plus the lines before its position.
   */
  private static int line(SqlText.Statement statement, SQLException e) {
    if (e instanceof PSQLException p) {
      ServerErrorMessage server = p.getServerErrorMessage();
      if (server != null && server.getPosition() > 0) {
        String before =
            statement
                .sql()
                .substring(0, Math.min(server.getPosition() - 1, statement.sql().length()));
        return statement.line() + (int) before.chars().filter(ch -> ch == '\n').count();
      }
    }
    return statement.line();
  }
}
