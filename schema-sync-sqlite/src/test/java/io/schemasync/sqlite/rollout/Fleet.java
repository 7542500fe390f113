package io.schemasync.sqlite.rollout;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.spi.CommitMarker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A directory of SQLite tenant files at release 1, and the release-2 target, for rollout tests. */
final class Fleet {
  static final String RELEASE_1 =
      """
      CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);
      CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT);
      """;

  /**
   * About seven steps: a new NOT NULL column, a NOT NULL on name, a unique index, a table, indexes.
   */
  static final String RELEASE_2 =
      """
      CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT NOT NULL,
                          plan TEXT NOT NULL DEFAULT 'free');
      CREATE UNIQUE INDEX users_email ON users (email);
      CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT, pinned INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX notes_user ON notes (user_id);
      CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), at TEXT);
      CREATE INDEX events_user ON events (user_id);
      """;

  final Path root;
  final Path tenants;
  final Path target;

  Fleet(Path root) {
    this.root = root;
    this.tenants = root.resolve("tenants");
    this.target = root.resolve("release-2.sql");
    try {
      Files.createDirectories(tenants);
      Files.writeString(target, RELEASE_2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String id(int i) {
    return String.format("t%04d", i);
  }

  /** Creates {@code count} tenants at release 1, two users and a note each. */
  Fleet create(int count) {
    for (int i = 0; i < count; i++) {
      execute(
          id(i),
          RELEASE_1
              + "INSERT INTO users VALUES (1, 'a@x.test', 'Ann'), (2, 'b@x.test', 'Bob');"
              + "INSERT INTO notes VALUES (1, 1, 'hello');");
    }
    return this;
  }

  String url() {
    return "jdbc:sqlite:" + tenants;
  }

  String controlUrl() {
    return "jdbc:sqlite:" + root.resolve("control.db");
  }

  SchemaSync engine() {
    return SchemaSync.builder().url(url()).target(new Target.SqlFile(target)).build();
  }

  void execute(String tenant, String script) {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + tenants.resolve(tenant + ".db"));
        Statement s = c.createStatement()) {
      for (String sql : script.split(";")) {
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rows of the commit-marker table of a tenant: job id and task id. */
  List<String> markers(String tenant) {
    return strings(
                tenant, "SELECT name FROM sqlite_master WHERE name = '" + CommitMarker.TABLE + "'")
            .isEmpty()
        ? List.of()
        : strings(tenant, "SELECT job_id || '/' || task_id FROM " + CommitMarker.TABLE);
  }

  List<String> strings(String tenant, String query) {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + tenants.resolve(tenant + ".db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
