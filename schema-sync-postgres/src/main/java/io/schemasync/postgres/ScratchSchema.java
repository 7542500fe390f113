package io.schemasync.postgres;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SourceLocation;
import io.schemasync.api.UnableToInspectSchemaException;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.CreateDomain;
import io.schemasync.api.change.CreateEnum;
import io.schemasync.api.change.CreateExtension;
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
  private final DatabaseTenancy databases;
  private final String tenantSchema;
  private String scratchDatabase;

  /** Scratch schemas in the adapter's database (schema-per-tenant). */
  ScratchSchema(DataSource dataSource) {
    this(dataSource, null, null);
  }

  /**
   * With {@code databases} (database-per-tenant), the scratch is the fixed tenant schema in a
   * scratch database of the server, created on first use and dropped by {@link #close}: objects
   * there read back exactly as in a tenant's database, where the tenant schema may also hold
   * extensions ({@code public}), which a scratch schema beside it could not reproduce.
   */
  ScratchSchema(DataSource dataSource, DatabaseTenancy databases, String tenantSchema) {
    this.dataSource = dataSource;
    this.databases = databases;
    this.tenantSchema = tenantSchema;
  }

  private boolean mayCreateSchemas() {
    String may =
        databases == null
            ? "has_database_privilege(current_database(), 'CREATE')"
            : "(SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user)";
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT " + may + ", current_setting('default_transaction_read_only') = 'on'")) {
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
    if (databases != null) {
      return inScratchDatabase(what, body);
    }
    String schema = PgNames.SCRATCH_PREFIX + randomHex();
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

  private SchemaSnapshot inScratchDatabase(String what, Body body) {
    try (Connection c = databases.connectTo(scratchDatabase())) {
      c.setAutoCommit(false);
      try {
        try (Statement st = c.createStatement()) {
          st.execute("CREATE SCHEMA IF NOT EXISTS " + PgNames.quote(tenantSchema));
          st.execute("SET LOCAL search_path TO " + PgNames.quote(tenantSchema));
          st.execute("SET LOCAL check_function_bodies = off");
        }
        return body.run(c, tenantSchema);
      } finally {
        c.rollback(); // nothing of a target ever stays, so the database is reused
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(
          null, "cannot use the scratch database " + scratchDatabase + " to " + what, e);
    }
  }

  private synchronized String scratchDatabase() throws SQLException {
    if (scratchDatabase == null) {
      String name = PgNames.SCRATCH_PREFIX + randomHex();
      try (Connection c = dataSource.getConnection();
          Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + PgNames.quote(name));
      }
      scratchDatabase = name;
    }
    return scratchDatabase;
  }

  /** The scratch database in use, null when none was needed yet; for tests. */
  synchronized String scratchDatabaseName() {
    return scratchDatabase;
  }

  /** Drops the scratch database, if one was created. */
  synchronized void close() {
    if (scratchDatabase == null) {
      return;
    }
    databases.forget(scratchDatabase);
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + PgNames.quote(scratchDatabase) + " WITH (FORCE)");
    } catch (SQLException e) {
      LOG.warn(
          "could not drop the scratch database {}; drop it by hand: {}",
          scratchDatabase,
          e.getMessage());
    }
    scratchDatabase = null;
  }

  private static String randomHex() {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
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
          return PostgresInspector.inspect(c, schema);
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
          "this role may not create a scratch "
              + (databases == null ? "schema" : "database")
              + ", so the target is compared as written;"
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
          SchemaSnapshot read = PostgresInspector.inspect(c, schema);
          warnUnneeded(target, read);
          return read;
        });
  }

  /**
   * A declared extension no object depends on is not part of the schema (the inspector could never
   * see it in a tenant), so it is not created either: said once, rather than silently.
   */
  private static void warnUnneeded(SchemaSnapshot target, SchemaSnapshot read) {
    for (String extension : target.extensions()) {
      if (!read.extensions().contains(extension)) {
        LOG.warn(
            "extension {} is declared but no object of the target depends on it (function bodies"
                + " are not dependencies), so schema-sync neither needs nor creates it; create it"
                + " once in the database if code uses it, or remove it from the target",
            extension);
      }
    }
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
    target.extensions().forEach(e -> changes.add(new CreateExtension(e)));
    target.enums().forEach(e -> changes.add(new CreateEnum(e)));
    target.domains().forEach(d -> changes.add(new CreateDomain(d)));
    target.sequences().forEach(s -> changes.add(new CreateSequence(s)));
    target.routines().forEach(r -> changes.add(new CreateRoutine(r)));
    for (Table t : parentsFirst(target.tables())) {
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
   * Tables with every partition after its parent (a parent that is missing fails on the server).
   */
  private static List<Table> parentsFirst(List<Table> tables) {
    List<Table> ordered = new ArrayList<>();
    java.util.Set<String> placed = new java.util.HashSet<>();
    List<Table> pending = new ArrayList<>(tables);
    while (!pending.isEmpty()) {
      List<Table> next = new ArrayList<>();
      for (Table t : pending) {
        if (t.partitionOf() == null
            || placed.contains(t.partitionOf().parent())
            || tables.stream().noneMatch(p -> p.name().equals(t.partitionOf().parent()))) {
          ordered.add(t);
          placed.add(t.name());
        } else {
          next.add(t);
        }
      }
      if (next.size() == pending.size()) {
        ordered.addAll(next); // a cycle: let the server say so
        break;
      }
      pending = next;
    }
    return ordered;
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
