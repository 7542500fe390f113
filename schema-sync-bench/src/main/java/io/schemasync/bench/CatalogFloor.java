package io.schemasync.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The least a fleet inspection can cost: the catalog rows it needs (tables, columns, defaults,
 * constraints, indexes, other relations, triggers, routines, types), read with no function that
 * prints a definition, no lookup per row and no snapshot built, over three connections at once.
 * Whatever the inspector does, it reads at least these rows; so one-by-one inspection divided by
 * this time bounds what batching can save on the machine it runs on.
 */
final class CatalogFloor implements AutoCloseable {
  private static final String TABLES_OF =
      " c.relnamespace = ANY(?::oid[]) AND c.relkind IN ('r', 'p')";

  /** The queries, grouped by the connection that runs them: the columns are half the rows. */
  private static final List<List<String>> GROUPS =
      List.of(
          List.of(
              "SELECT a.attrelid, a.attnum, a.attname, a.atttypid, a.atttypmod, a.attnotnull,"
                  + " a.atthasdef, a.attidentity, a.attgenerated, a.attcollation"
                  + " FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid WHERE"
                  + TABLES_OF
                  + " AND a.attnum > 0 AND NOT a.attisdropped"),
          List.of(
              "SELECT c.oid, c.relnamespace, c.relname, c.relkind, c.relispartition"
                  + " FROM pg_class c WHERE"
                  + TABLES_OF,
              "SELECT d.adrelid, d.adnum, d.oid FROM pg_class c"
                  + " JOIN pg_attrdef d ON d.adrelid = c.oid WHERE"
                  + TABLES_OF,
              "SELECT c.oid, c.relnamespace, c.relname, c.relkind FROM pg_class c"
                  + " WHERE c.relnamespace = ANY(?::oid[]) AND c.relkind IN ('v', 'm', 'S')",
              "SELECT t.tgrelid, t.tgname, t.tgtype FROM pg_class c"
                  + " JOIN pg_trigger t ON t.tgrelid = c.oid WHERE"
                  + TABLES_OF
                  + " AND NOT t.tgisinternal"),
          List.of(
              "SELECT co.conrelid, co.conname, co.contype, co.conkey, co.confrelid, co.confkey,"
                  + " co.confupdtype, co.confdeltype, co.condeferrable FROM pg_class c"
                  + " JOIN pg_constraint co ON co.conrelid = c.oid WHERE"
                  + TABLES_OF
                  + " AND co.convalidated AND co.conparentid = 0",
              "SELECT i.indrelid, ic.relname, i.indisunique, ic.relam, i.indnkeyatts, i.indkey,"
                  + " i.indoption, i.indisexclusion, i.indisprimary FROM pg_class c"
                  + " JOIN pg_index i ON i.indrelid = c.oid"
                  + " JOIN pg_class ic ON ic.oid = i.indexrelid WHERE"
                  + TABLES_OF
                  + " AND i.indisvalid AND NOT i.indisprimary",
              "SELECT p.oid, p.proname, p.prokind FROM pg_proc p"
                  + " WHERE p.pronamespace = ANY(?::oid[])",
              "SELECT t.oid, t.typname, t.typtype FROM pg_type t"
                  + " WHERE t.typnamespace = ANY(?::oid[]) AND t.typtype IN ('e', 'd')"));

  private final List<Connection> connections = new ArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(GROUPS.size());
  private final Long[] schemaOids;

  CatalogFloor(String url, List<String> schemas) throws SQLException {
    for (int i = 0; i < GROUPS.size(); i++) {
      connections.add(DriverManager.getConnection(url));
    }
    List<Long> oids = new ArrayList<>();
    try (PreparedStatement ps =
        connections
            .get(0)
            .prepareStatement("SELECT oid FROM pg_namespace WHERE nspname = ANY(?)")) {
      ps.setArray(1, connections.get(0).createArrayOf("text", schemas.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          oids.add(rs.getLong(1));
        }
      }
    }
    schemaOids = oids.toArray(Long[]::new);
  }

  /** Reads every row once, each group of queries on its own connection; returns the rows read. */
  int read() throws Exception {
    List<Future<Integer>> reads = new ArrayList<>();
    for (int g = 0; g < GROUPS.size(); g++) {
      Connection c = connections.get(g);
      List<String> group = GROUPS.get(g);
      reads.add(threads.submit(() -> read(c, group)));
    }
    int rows = 0;
    for (Future<Integer> read : reads) {
      rows += read.get();
    }
    return rows;
  }

  private int read(Connection c, List<String> queries) throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      // as the inspector's scans: one schema path, no JIT, each query planned for its array
      st.execute(
          "SELECT set_config('search_path', 'pg_catalog', true), set_config('jit', 'off', true),"
              + " set_config('plan_cache_mode', 'force_custom_plan', true)");
    }
    int rows = 0;
    try {
      for (String sql : queries) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setArray(1, c.createArrayOf("int8", schemaOids));
          try (ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              for (int i = 1; i <= columns; i++) {
                rs.getObject(i);
              }
              rows++;
            }
          }
        }
      }
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    threads.shutdownNow();
    for (Connection c : connections) {
      c.close();
    }
  }
}
