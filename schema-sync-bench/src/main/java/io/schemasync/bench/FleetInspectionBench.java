package io.schemasync.bench;

import io.schemasync.api.TenantContext;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.postgres.PostgresAdapter;
import io.schemasync.postgres.PostgresAdapterProvider;
import io.schemasync.spi.ConnectionSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fleet inspection on PostgreSQL: N schemas of M tables each, read (a) by the raw catalog queries
 * alone, (b) by one {@code inspectAll} over every schema, (c) by {@code inspect} schema by schema.
 * Prints the median of each and the ratios b/a (the cost of building snapshots on top of the
 * queries; must stay at or under 3) and c/b (what batching saves; must be at least 10). Also (e),
 * the catalog rows alone ({@link CatalogFloor}), and c/e: the most any batch could save here.
 *
 * <p>Options: {@code --url jdbc:postgresql://...} (default: local {@code test} database), {@code
 * --schemas 1000}, {@code --tables 20}, {@code --rounds 5}, {@code --one-by-one-rounds 3}, {@code
 * --keep} (leave the schemas for the next run; they are reused when present).
 */
public final class FleetInspectionBench {
  private static final String PREFIX = "bench_fleet_";

  private FleetInspectionBench() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    List<String> schemas = new ArrayList<>();
    for (int i = 1; i <= o.schemas; i++) {
      schemas.add(String.format(Locale.ROOT, "%s%05d", PREFIX, i));
    }
    System.out.printf(
        "fleet inspection: %d schemas x %d tables, %d rounds (%d one by one)%n",
        o.schemas, o.tables, o.rounds, o.oneByOneRounds);
    long setup = System.nanoTime();
    FleetSetup.create(o.url, schemas, o.tables);
    System.out.printf("setup: %.1f s%n", (System.nanoTime() - setup) / 1e9);

    List<TenantContext> tenants = schemas.stream().map(TenantContext::of).toList();
    try (PostgresAdapter adapter =
        (PostgresAdapter)
            new PostgresAdapterProvider()
                .open(new ConnectionSettings(o.url, null, null, Map.of(), null))) {
      // warm-up: plans, caches, JIT
      adapter.readCatalogRows(schemas);
      Map<TenantContext, SchemaSnapshot> all = adapter.inspector().inspectAll(tenants);
      check(all, o);

      double[] raw = new double[o.rounds];
      double[] batched = new double[o.rounds];
      int rows = 0;
      for (int r = 0; r < o.rounds; r++) {
        long t0 = System.nanoTime();
        rows = adapter.readCatalogRows(schemas);
        raw[r] = ms(t0);
        long t1 = System.nanoTime();
        adapter.inspector().inspectAll(tenants);
        batched[r] = ms(t1);
        System.out.printf("round %d: raw %.0f ms, inspectAll %.0f ms%n", r + 1, raw[r], batched[r]);
      }
      double[] single = new double[o.oneByOneRounds];
      for (int r = 0; r < o.oneByOneRounds; r++) {
        long t0 = System.nanoTime();
        for (TenantContext tenant : tenants) {
          adapter.inspector().inspect(tenant);
        }
        single[r] = ms(t0);
        System.out.printf("round %d: one by one %.0f ms%n", r + 1, single[r]);
      }
      double[] floor = new double[o.rounds];
      try (CatalogFloor bare = new CatalogFloor(o.url, schemas)) {
        bare.read(); // warm-up
        for (int r = 0; r < o.rounds; r++) {
          long t0 = System.nanoTime();
          int read = bare.read();
          floor[r] = ms(t0);
          System.out.printf(
              "round %d: catalog rows alone %.0f ms (%d rows)%n", r + 1, floor[r], read);
        }
      }
      double a = median(raw);
      double b = median(batched);
      double c = median(single);
      double e = median(floor);
      System.out.printf("%nrows read by the catalog queries: %d%n", rows);
      System.out.printf("(a) raw catalog queries     median %8.0f ms%n", a);
      System.out.printf("(b) inspectAll, %d schemas median %8.0f ms%n", o.schemas, b);
      System.out.printf("(c) inspect one by one      median %8.0f ms%n", c);
      System.out.printf("b/a = %.2f (must be <= 3): %s%n", b / a, b / a <= 3 ? "OK" : "FAIL");
      System.out.printf("c/b = %.1f (must be >= 10): %s%n", c / b, c / b >= 10 ? "OK" : "FAIL");
      System.out.printf(
          "(e) catalog rows alone, no function, 3 connections median %8.0f ms;"
              + " c/e = %.1f, the most batching could save here%n",
          e, c / e);
    } finally {
      if (!o.keep) {
        FleetSetup.drop(o.url, schemas);
      }
    }
  }

  private static void check(Map<TenantContext, SchemaSnapshot> all, Options o) {
    for (SchemaSnapshot s : all.values()) {
      if (s.tables().size() != o.tables) {
        throw new IllegalStateException(
            "expected " + o.tables + " tables, inspected " + s.tables().size());
      }
    }
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Command-line options with their defaults. */
  private record Options(
      String url, int schemas, int tables, int rounds, int oneByOneRounds, boolean keep) {
    static Options parse(String[] args) {
      String url =
          System.getenv()
              .getOrDefault(
                  "SCHEMA_SYNC_BENCH_POSTGRES_URL",
                  "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
      int schemas = 1000;
      int tables = 20;
      int rounds = 5;
      int oneByOne = 3;
      boolean keep = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--url" -> url = args[++i];
          case "--schemas" -> schemas = Integer.parseInt(args[++i]);
          case "--tables" -> tables = Integer.parseInt(args[++i]);
          case "--rounds" -> rounds = Integer.parseInt(args[++i]);
          case "--one-by-one-rounds" -> oneByOne = Integer.parseInt(args[++i]);
          case "--keep" -> keep = true;
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + args[i]
                      + "; known: --url --schemas --tables --rounds --one-by-one-rounds --keep");
        }
      }
      return new Options(url, schemas, tables, rounds, oneByOne, keep);
    }
  }

  /**
   * Creates and drops the benchmark schemas with server-side loops, a batch of schemas per call.
   */
  static final class FleetSetup {
    private FleetSetup() {}

    static void create(String url, List<String> schemas, int tables) throws SQLException {
      try (Connection c = DriverManager.getConnection(url);
          Statement st = c.createStatement()) {
        for (int from = 0; from < schemas.size(); from += 50) {
          List<String> batch = schemas.subList(from, Math.min(schemas.size(), from + 50));
          st.execute(
              "DO $$ DECLARE s text; t int; BEGIN"
                  + " FOREACH s IN ARRAY ARRAY['"
                  + String.join("','", batch)
                  + "'] LOOP"
                  + "  CONTINUE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = s);"
                  + "  EXECUTE format('CREATE SCHEMA %I', s);"
                  + "  FOR t IN 1.."
                  + tables
                  + " LOOP"
                  + "   EXECUTE format('CREATE TABLE %I.%I (id bigint GENERATED BY DEFAULT AS IDENTITY"
                  + " PRIMARY KEY, name varchar(100) NOT NULL, amount numeric(12,2) DEFAULT 0"
                  + " CHECK (amount >= 0), created_at timestamptz NOT NULL DEFAULT now(),"
                  + " parent_id bigint, note text)', s, 't' || t);"
                  + "   EXECUTE format('CREATE INDEX %I ON %I.%I (name, created_at DESC)',"
                  + " 't' || t || '_name', s, 't' || t);"
                  + "   IF t > 1 THEN EXECUTE format('ALTER TABLE %I.%I ADD FOREIGN KEY (parent_id)"
                  + " REFERENCES %I.%I (id)', s, 't' || t, s, 't' || (t - 1)); END IF;"
                  + "  END LOOP;"
                  + " END LOOP; END $$");
        }
      }
    }

    static void drop(String url, List<String> schemas) throws SQLException {
      try (Connection c = DriverManager.getConnection(url);
          Statement st = c.createStatement()) {
        for (String schema : schemas) {
          st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
      }
    }
  }
}
