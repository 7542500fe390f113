package io.schemasync.sqlite;

import io.schemasync.api.TenantContext;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.spi.ConnectionSettings;
import io.schemasync.spi.RunOptions;
import io.schemasync.spi.RunResult;
import io.schemasync.spi.StepDraft;
import io.schemasync.spi.Verifier;
import io.schemasync.sqlite.internal.SqlScript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Tenant files in a temporary directory and the adapter over them, for tests. */
final class SqliteFixture {
  final Path dir;
  final SqliteAdapter adapter;

  SqliteFixture(Path dir) {
    this.dir = dir;
    this.adapter =
        (SqliteAdapter)
            new SqliteAdapterProvider().open(ConnectionSettings.of("jdbc:sqlite:" + dir));
  }

  Path file(String tenant) {
    return dir.resolve(tenant + ".db");
  }

  /** Creates (or extends) a tenant file by running a script with plain JDBC. */
  void execute(String tenant, String script) {
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file(tenant));
        Statement s = c.createStatement()) {
      for (SqlScript.Statement statement : SqlScript.split(script)) {
        s.execute(statement.sql());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  List<List<Object>> rows(String tenant, String query) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file(tenant));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  TenantContext tenant(String id) {
    return adapter.tenant(id);
  }

  SchemaSnapshot inspect(String tenant) {
    return adapter.inspector().inspect(tenant(tenant));
  }

  /** The normalized schema a script builds. */
  SchemaSnapshot target(String script) {
    return adapter.dialect().normalize(adapter.snapshotOfSql(script, "target.sql"));
  }

  /** Renders the changes and runs them as one plan. */
  RunResult apply(
      String tenant,
      List<SchemaChange> changes,
      SchemaSnapshot current,
      SchemaSnapshot target,
      RunOptions options,
      Verifier verifier) {
    return adapter
        .runner()
        .run(tenant(tenant), plan(tenant, changes, current, target), options, verifier);
  }

  MigrationPlan plan(
      String tenant, List<SchemaChange> changes, SchemaSnapshot current, SchemaSnapshot target) {
    List<StepDraft> drafts = adapter.dialect().render(changes, current, target);
    List<MigrationStep> steps = new ArrayList<>();
    for (StepDraft d : drafts) {
      steps.add(
          new MigrationStep(
              steps.size() + 1,
              d.description(),
              d.changes(),
              d.statements(),
              d.safety(),
              d.reason(),
              List.of(),
              d.transactional()));
    }
    return new MigrationPlan(
        tenant(tenant), current.hash(), target.hash(), steps, List.of(), List.of());
  }
}
