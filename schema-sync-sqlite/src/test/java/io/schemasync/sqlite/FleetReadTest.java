package io.schemasync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.DatabaseAdapter;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.MigrationRunner;
import io.schemasync.spi.SchemaInspector;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operations over a listed fleet read it in one inspectAll pass, not tenant by tenant. */
class FleetReadTest {
  @TempDir Path dir;

  @Test
  void listedTenantsAreReadInOnePass() {
    tenants("a", "b", "c");
    try (SchemaSync sync = countingSync(SchemaSync.DEFAULT_READ_BATCH);
        Counting counting = (Counting) sync.adapter()) {
      SyncReport report = sync.validate(TenantSelection.all());
      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.OK);
      assertThat(counting.batches.get()).isEqualTo(1);
      // the reference tenant of the target is read on its own, once; no tenant of the fleet is
      assertThat(counting.singles.get()).isEqualTo(1);
    }
  }

  @Test
  void aLargeFleetIsReadInBatchesOfTheSizeSet() {
    tenants("a", "b", "c", "d", "e").execute("d", "CREATE TABLE extra (id INTEGER PRIMARY KEY);");
    try (SchemaSync sync = countingSync(2);
        Counting counting = (Counting) sync.adapter()) {
      SyncReport report = sync.validate(TenantSelection.all());

      // a, b | c, d | e: the last batch of one is read on its own, as is the reference tenant
      assertThat(counting.batchSizes).containsExactly(2, 2);
      assertThat(counting.singles.get()).isEqualTo(2);
      assertThat(report.results())
          .extracting(r -> r.tenant().id() + " " + r.status())
          .containsExactly("a IN_SYNC", "b IN_SYNC", "c IN_SYNC", "d DRIFT", "e IN_SYNC");
    }
  }

  /** SQLite tenants of one table each. */
  private SqliteFixture tenants(String... ids) {
    SqliteFixture fixture = new SqliteFixture(dir);
    for (String id : ids) {
      fixture.execute(id, "CREATE TABLE t (id INTEGER PRIMARY KEY);");
    }
    return fixture;
  }

  /** An engine over the tenants whose target is tenant a, counting its inspector's calls. */
  private SchemaSync countingSync(int readBatch) {
    SqliteAdapter sqlite =
        (SqliteAdapter)
            new SqliteAdapterProvider()
                .open(io.schemasync.spi.ConnectionSettings.of("jdbc:sqlite:" + dir));
    return SchemaSync.builder()
        .adapter(new Counting(sqlite))
        .target(Target.parse("tenant:a"))
        .readBatch(readBatch)
        .build();
  }

  @Test
  void aReadBatchMustHoldATenant() {
    assertThatThrownBy(() -> SchemaSync.builder().readBatch(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readBatch must be at least 1");
  }

  /** Delegates to the SQLite adapter and counts how its inspector is called. */
  private static final class Counting implements DatabaseAdapter {
    final AtomicInteger singles = new AtomicInteger();
    final AtomicInteger batches = new AtomicInteger();
    final List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final DatabaseAdapter delegate;
    private final SchemaInspector inspector;

    Counting(DatabaseAdapter delegate) {
      this.delegate = delegate;
      SchemaInspector real = delegate.inspector();
      this.inspector =
          new SchemaInspector() {
            @Override
            public List<TenantContext> listTenants() {
              return real.listTenants();
            }

            @Override
            public boolean exists(TenantContext tenant) {
              return real.exists(tenant);
            }

            @Override
            public SchemaSnapshot inspect(TenantContext tenant) {
              singles.incrementAndGet();
              return real.inspect(tenant);
            }

            @Override
            public Map<TenantContext, SchemaSnapshot> inspectAll(
                Collection<TenantContext> tenants) {
              batches.incrementAndGet();
              batchSizes.add(tenants.size());
              return real.inspectAll(tenants);
            }
          };
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public Dialect dialect() {
      return delegate.dialect();
    }

    @Override
    public SchemaInspector inspector() {
      return inspector;
    }

    @Override
    public MigrationRunner runner() {
      return delegate.runner();
    }

    @Override
    public TenantContext tenant(String id) {
      return delegate.tenant(id);
    }

    @Override
    public SchemaSnapshot snapshotOfSql(String sql, String sourceName) {
      return delegate.snapshotOfSql(sql, sourceName);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
