package io.schemasync.mysql;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SourceLocation;
import io.schemasync.api.UnableToExecuteStatementException;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateRoutine;
import io.schemasync.api.change.CreateSequence;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.CreateTrigger;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import io.schemasync.api.model.View;
import io.schemasync.spi.StepDraft;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throwaway databases on the tenant's server: a SQL target runs in one, a target snapshot is
 * round-tripped through one to learn how the server spells it, a dry run applies the plan to one. A
 * scratch database is always dropped, whatever happens inside.
 */
final class Scratch {
  private static final Logger LOG = LoggerFactory.getLogger(Scratch.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
  private static final long ABANDONED_AFTER_SECONDS = 3600;

  private final DataSource dataSource;
  private final MysqlInspector inspector;
  private final MysqlRenderer renderer;

  Scratch(DataSource dataSource, MysqlInspector inspector, MysqlRenderer renderer) {
    this.dataSource = dataSource;
    this.inspector = inspector;
    this.renderer = renderer;
  }

  /** Work to do inside a scratch database, given a connection whose default database it is. */
  interface Work<T> {
    T run(Connection connection, String database) throws SQLException;
  }

  <T> T with(Work<T> work) throws SQLException {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    long now = System.currentTimeMillis() / 1000;
    String name =
        MysqlNames.SCRATCH_PREFIX + Long.toHexString(now) + "_" + HexFormat.of().formatHex(random);
    try (Connection admin = dataSource.getConnection()) {
      dropAbandoned(admin, now);
      Sessions.execute(admin, "CREATE DATABASE " + MysqlNames.quote(name));
      Connection c = null;
      try {
        c = Sessions.forDdl(dataSource, name, LOCK_WAIT);
        return work.run(c, name);
      } finally {
        Sessions.release(c);
        try {
          Sessions.execute(admin, "DROP DATABASE IF EXISTS " + MysqlNames.quote(name));
        } catch (SQLException e) {
          LOG.warn("could not drop scratch database {}: {}", name, e.getMessage());
        }
      }
    }
  }

  /**
   * Drops scratch databases a killed process left behind: their name carries their creation time,
   * and none lives for an hour.
   */
  private static void dropAbandoned(Connection admin, long now) {
    List<String> stale = new ArrayList<>();
    try (java.sql.PreparedStatement st =
        admin.prepareStatement(
            "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?")) {
      st.setString(1, MysqlNames.SCRATCH_PREFIX.replace("_", "\\_") + "%");
      try (java.sql.ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          String[] parts = name.substring(MysqlNames.SCRATCH_PREFIX.length()).split("_");
          if (parts.length == 2
              && parts[0].matches("[0-9a-f]{1,12}")
              && now - Long.parseLong(parts[0], 16) > ABANDONED_AFTER_SECONDS) {
            stale.add(name);
          }
        }
      }
      for (String name : stale) {
        Sessions.execute(admin, "DROP DATABASE IF EXISTS " + MysqlNames.quote(name));
        LOG.info("dropped abandoned scratch database {}", name);
      }
    } catch (SQLException e) {
      LOG.debug("could not look for abandoned scratch databases: {}", e.getMessage());
    }
  }

  /** The snapshot as the server stores it: built in a scratch database and read back. */
  SchemaSnapshot roundTrip(SchemaSnapshot snapshot) {
    try {
      return with(
          (c, db) -> {
            build(c, snapshot, "target");
            return TableOptionRules.keepDeclared(inspector.read(c, List.of(db)).get(db), snapshot);
          });
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(
          null,
          "cannot use a scratch database to normalize the target (needs CREATE and DROP on the server)",
          e);
    }
  }

  /** The schema a SQL script builds. */
  SchemaSnapshot ofScript(String sql, String sourceName) {
    List<SqlScript.Statement> statements = SqlScript.split(sql);
    try {
      return with(
          (c, db) -> {
            for (SqlScript.Statement st : statements) {
              ScriptGuard.check(st, sourceName);
              try {
                Sessions.execute(c, st.sql());
              } catch (SQLException e) {
                throw new InvalidTargetException(
                    new SourceLocation(sourceName, st.line(), 0, null),
                    "the statement starting here failed on the server ("
                        + e.getMessage()
                        + "); fix it and run again — nothing was changed in any tenant",
                    e);
              }
            }
            return TableOptionRules.withoutDefaults(
                inspector.read(c, List.of(db)).get(db), defaults(c, db));
          });
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(
          null,
          "cannot create a scratch database for "
              + sourceName
              + " (needs CREATE and DROP on the server)",
          e);
    }
  }

  /** The engine, character set and collation a table of the database gets when it names none. */
  private static TableOptions defaults(Connection c, String db) throws SQLException {
    try (java.sql.PreparedStatement st =
        c.prepareStatement(
            "SELECT @@default_storage_engine, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
      st.setString(1, db);
      try (java.sql.ResultSet rs = st.executeQuery()) {
        return rs.next()
            ? new TableOptions(rs.getString(1), rs.getString(2), rs.getString(3))
            : new TableOptions(null, null, null);
      }
    }
  }

  /**
   * Creates every object of the snapshot in the connection's database: sequences, routines, tables
   * with their keys, foreign keys, triggers, then views (in whatever order lets each find what it
   * reads).
   */
  void build(Connection c, SchemaSnapshot snapshot, String what) throws SQLException {
    build(c, snapshot, what, null);
  }

  /**
   * As {@link #build(Connection, SchemaSnapshot, String)}, and when {@code rowsFrom} names a
   * database, copies its rows into the tables before foreign keys and triggers exist (so neither
   * rejects nor rewrites them).
   *
   * @return the tables left without their rows, too big to copy
   */
  Set<String> build(Connection c, SchemaSnapshot snapshot, String what, String rowsFrom)
      throws SQLException {
    List<SchemaChange> objects = new ArrayList<>();
    snapshot.sequences().forEach(q -> objects.add(new CreateSequence(q)));
    snapshot.routines().forEach(r -> objects.add(new CreateRoutine(r)));
    for (Table t : snapshot.tables()) {
      objects.add(
          new CreateTable(
              t.withForeignKeys(List.of()).withIndexes(List.of()).withTriggers(List.of())));
      t.indexes().forEach(ix -> objects.add(new CreateIndex(t.name(), ix)));
    }
    for (StepDraft step : renderer.render(objects, SchemaSnapshot.EMPTY, snapshot)) {
      run(c, step.statements().get(0), what, step.description());
    }
    Set<String> empty =
        rowsFrom == null ? Set.of() : RowCopy.copy(c, rowsFrom, snapshot, renderer.flavor());
    if (rowsFrom != null && renderer.flavor().mariaDb()) {
      addSystemVersioning(c, rowsFrom);
    }
    List<SchemaChange> dependents = new ArrayList<>();
    for (Table t : snapshot.tables()) {
      t.foreignKeys().forEach(fk -> dependents.add(new AddConstraint(t.name(), fk)));
    }
    for (Table t : snapshot.tables()) {
      t.triggers().forEach(tr -> dependents.add(new CreateTrigger(t.name(), tr)));
    }
    for (StepDraft step : renderer.render(dependents, snapshot, snapshot)) {
      run(c, step.statements().get(0), what, step.description());
    }
    List<View> pending = new ArrayList<>(snapshot.views());
    while (!pending.isEmpty()) {
      List<View> failed = new ArrayList<>();
      SQLException last = null;
      for (View v : pending) {
        try {
          Sessions.execute(c, MysqlDdl.createView(v));
        } catch (SQLException e) {
          failed.add(v);
          last = e;
        }
      }
      if (failed.size() == pending.size()) {
        throw invalid(
            what, "view " + failed.get(0).name(), MysqlDdl.createView(failed.get(0)), last);
      }
      pending = failed;
    }
    return empty;
  }

  /**
   * Makes the copy's tables system-versioned where the tenant's are (MariaDB), which the model does
   * not record: MariaDB refuses to add, drop or change a column of such a table, and a rehearsal on
   * a plain copy would pass a plan the real run then fails half-way.
   */
  private static void addSystemVersioning(Connection c, String source) throws SQLException {
    List<String> versioned = new ArrayList<>();
    try (java.sql.PreparedStatement st =
        c.prepareStatement(
            "SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'SYSTEM VERSIONED'")) {
      st.setString(1, source);
      try (java.sql.ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          versioned.add(rs.getString(1));
        }
      }
    }
    for (String table : versioned) {
      Sessions.execute(c, "ALTER TABLE " + MysqlNames.quote(table) + " ADD SYSTEM VERSIONING");
    }
  }

  private static void run(Connection c, String sql, String what, String object) {
    try {
      Sessions.execute(c, sql);
    } catch (SQLException e) {
      throw invalid(what, object, sql, e);
    }
  }

  private static InvalidTargetException invalid(
      String what, String object, String sql, SQLException e) {
    return new InvalidTargetException(
        new SourceLocation(null, 0, 0, object),
        "the server rejects "
            + object
            + " of the "
            + what
            + ": "
            + e.getMessage()
            + " [SQLState "
            + e.getSQLState()
            + ", error "
            + e.getErrorCode()
            + "]; statement: "
            + sql,
        e);
  }
}
