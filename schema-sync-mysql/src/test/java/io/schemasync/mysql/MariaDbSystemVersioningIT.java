package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlFixture.count;
import static io.schemasync.mysql.MysqlFixture.engine;
import static io.schemasync.mysql.MysqlFixture.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.SchemaSnapshot;
import org.junit.jupiter.api.Test;

/**
 * MariaDB's system-versioned tables: read as tables, and rehearsed as versioned, so that a dry run
 * fails where MariaDB refuses the real run's ALTER.
 */
class MariaDbSystemVersioningIT {
  private static final String ITEMS = "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))";

  @Test
  void aVersionedTableIsInspectedAndADryRunMeetsWhatMariaDbRefuses() throws Exception {
    MysqlTestServer.requireMariaDb("system versioning");
    java.util.Set<String> scratchBefore = MysqlFixture.scratchDatabases();
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("versioned");
      MysqlTestServer.exec(
          tenant,
          ITEMS + " WITH SYSTEM VERSIONING",
          "INSERT INTO items VALUES (1, 'a'), (2, 'b')",
          "UPDATE items SET name = 'c' WHERE id = 2");
      SchemaSnapshot same = schemaOf(ITEMS);
      try (SchemaSync sync = engine(same, false)) {
        // once invisible, and reported missing: now read like any table
        assertThat(sync.inspect(tenant).table("items")).isPresent();
        assertThat(sync.validate(TenantSelection.ids(tenant)).results().get(0).status())
            .isEqualTo(TenantStatus.IN_SYNC);
      }

      SchemaSnapshot widened =
          schemaOf("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), qty INT)");
      try (SchemaSync sync = engine(widened, false)) {
        TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(planned.status()).isEqualTo(TenantStatus.FAILED);
        assertThat(planned.failure())
            .hasMessageContaining("add column items.qty")
            .hasMessageContaining("system-versioned")
            .hasMessageContaining("the tenant was not changed");
        assertThat(sync.inspect(tenant).table("items").orElseThrow().hasColumn("qty")).isFalse();
      }

      // an index MariaDB allows on a versioned table: rehearsed, applied, converged
      SchemaSnapshot indexed = schemaOf(ITEMS, "CREATE INDEX ix_name ON items (name)");
      try (SchemaSync sync = engine(indexed, false)) {
        TenantResult r = sync.sync(tenant);
        assertThat(r.failure()).isNull();
        assertThat(r.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
      }
      // the history is still there
      assertThat(count(tenant, "SELECT COUNT(*) FROM items FOR SYSTEM_TIME ALL")).isEqualTo(3);
      MysqlFixture.assertNoScratchLeft(scratchBefore);
    }
  }
}
