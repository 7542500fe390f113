package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlFixture.count;
import static io.schemasync.mysql.MysqlFixture.engine;
import static io.schemasync.mysql.MysqlFixture.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.testsupport.contract.AsDeclared;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sync, re-inspect, sync again: every object kind converges and data survives. */
class MysqlConvergenceIT {

  static final String[] V1 = {
    "CREATE TABLE customers (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(200) NOT NULL,"
        + " name VARCHAR(100) NULL DEFAULT 'anon', active TINYINT(1) NOT NULL DEFAULT 1,"
        + " created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),"
        + " touched TIMESTAMP(6) NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
        + " UNIQUE KEY uq_email (email)) COMMENT = 'people who buy'",
    "INSERT INTO customers (email, name) VALUES ('a@x', 'A'), ('b@x', 'B')"
  };

  static final String[] V2 = {
    "CREATE TABLE customers (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(250) NOT NULL,"
        + " name VARCHAR(100) NULL DEFAULT 'nobody' COMMENT 'display name',"
        + " active TINYINT(1) NOT NULL DEFAULT 1,"
        + " created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),"
        + " touched TIMESTAMP(6) NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
        + " tier ENUM('free','pro','it''s') NOT NULL DEFAULT 'free',"
        + " profile JSON NULL,"
        + " code VARCHAR(20) COLLATE utf8mb4_bin NULL,"
        + " score DECIMAL(8,2) NOT NULL DEFAULT 1.5,"
        + " email_domain VARCHAR(200) AS (SUBSTRING_INDEX(email, '@', -1)) VIRTUAL,"
        + " name_len INT AS (CHAR_LENGTH(name)) STORED,"
        + " UNIQUE KEY uq_email (email), KEY ix_name_prefix (name(10), created DESC),"
        + " FULLTEXT KEY ft_name (name),"
        + " CONSTRAINT ck_score CHECK (score >= 0)) COMMENT = 'customers'",
    "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT NOT NULL,"
        + " total DECIMAL(12,2) NOT NULL DEFAULT 0, note TEXT,"
        + " CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)"
        + " ON DELETE CASCADE)",
    "CREATE TRIGGER orders_total BEFORE INSERT ON orders FOR EACH ROW"
        + " SET NEW.total = GREATEST(NEW.total, 0)",
    "CREATE VIEW big_orders AS SELECT o.id, c.email, o.total FROM orders o"
        + " JOIN customers c ON c.id = o.customer_id WHERE o.total > 100",
    "CREATE FUNCTION add_tax(amount DECIMAL(12,2)) RETURNS DECIMAL(12,2) DETERMINISTIC"
        + " RETURN amount * 1.2",
    "CREATE PROCEDURE touch_customer(IN cid BIGINT) MODIFIES SQL DATA"
        + " UPDATE customers SET touched = NOW(6) WHERE id = cid"
  };

  @Test
  void createsEvolvesAndConvergesEveryObjectKind() throws Exception {
    java.util.Set<String> scratchBefore = MysqlFixture.scratchDatabases();
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("conv");
      MysqlTestServer.exec(tenant, V1);
      SchemaSnapshot v2 = schemaOf(V2);
      assertThat(v2.tables()).hasSize(2);
      assertThat(v2.views()).hasSize(1);
      assertThat(v2.routines()).hasSize(2);

      try (SchemaSync sync = engine(v2, false)) {
        TenantResult applied = sync.sync(tenant);
        assertThat(applied.failure()).isNull();
        assertThat(applied.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(applied.plan().steps()).allMatch(s -> s.statements().size() == 1);

        SyncReport after = sync.diff(TenantSelection.ids(tenant));
        assertThat(after.results().get(0).diff().render()).isEmpty();
        assertThat(after.results().get(0).status()).isEqualTo(TenantStatus.IN_SYNC);
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
        // Exactly the target, table options aside: those the target leaves out are the tenant's.
        assertThat(AsDeclared.of(sync.inspect(tenant), sync.target()).canonical())
            .isEqualTo(sync.target().canonical());
      }
      assertThat(count(tenant, "SELECT COUNT(*) FROM customers")).isEqualTo(2);
      assertThat(count(tenant, "SELECT COUNT(*) FROM customers WHERE email_domain = 'x'"))
          .isEqualTo(2);

      // Back to v1 drops what v2 added: refused without permission, applied with it.
      SchemaSnapshot v1 = schemaOf(V1[0]);
      try (SchemaSync careful = engine(v1, false)) {
        assertThat(careful.sync(tenant).status()).isEqualTo(TenantStatus.REFUSED);
      }
      try (SchemaSync sync = engine(v1, true)) {
        TenantResult back = sync.sync(tenant);
        assertThat(back.failure()).isNull();
        assertThat(back.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
      }
      assertThat(count(tenant, "SELECT COUNT(*) FROM customers")).isEqualTo(2);
      MysqlFixture.assertNoScratchLeft(scratchBefore);
    }
  }

  @Test
  void createsAMissingTenantFromNothing() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.reserve(MysqlTestServer.uniqueName("fresh"));
      try (SchemaSync sync = engine(schemaOf(V2), false)) {
        TenantResult result = sync.sync(tenant);
        assertThat(result.failure()).isNull();
        assertThat(result.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
      }
    }
  }

  @Test
  void aFleetInDifferentStatesConvergesInOneSync() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String prefix = MysqlTestServer.uniqueName("fleet");
      String empty = dbs.reserve(prefix + "_a");
      String v1 = dbs.reserve(prefix + "_b");
      String drifted = dbs.reserve(prefix + "_c");
      MysqlTestServer.exec(
          null,
          "CREATE DATABASE " + MysqlNames.quote(empty),
          "CREATE DATABASE " + MysqlNames.quote(v1),
          "CREATE DATABASE " + MysqlNames.quote(drifted));
      MysqlTestServer.exec(v1, V1);
      MysqlTestServer.exec(drifted, V1);
      MysqlTestServer.exec(drifted, "ALTER TABLE customers ADD COLUMN local_note VARCHAR(10) NULL");
      TenantSelection fleet = new TenantSelection.Glob(prefix + "_*");
      try (SchemaSync sync = engine(schemaOf(V2), true)) {
        assertThat(sync.tenants(fleet)).hasSize(3);
        SyncReport report = sync.sync(fleet);
        assertThat(report.results())
            .allSatisfy(
                r -> {
                  assertThat(r.failure()).isNull();
                  assertThat(r.status()).isEqualTo(TenantStatus.APPLIED);
                });
        assertThat(sync.validate(fleet).outcome()).isEqualTo(SyncReport.Outcome.OK);
        assertThat(sync.sync(fleet).count(TenantStatus.IN_SYNC)).isEqualTo(3);
      }
      assertThat(count(v1, "SELECT COUNT(*) FROM customers")).isEqualTo(2);
    }
  }

  @Test
  void theIndexAForeignKeyNeedsCanBeReplacedBothWays() throws Exception {
    String parent = "CREATE TABLE p (id INT PRIMARY KEY)";
    SchemaSnapshot implicit =
        schemaOf(
            parent,
            "CREATE TABLE c (id INT PRIMARY KEY, pid INT, zip VARCHAR(10),"
                + " CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id), UNIQUE KEY u2 (zip))");
    SchemaSnapshot covering =
        schemaOf(
            parent,
            "CREATE TABLE c (id INT PRIMARY KEY, pid INT, zip VARCHAR(10),"
                + " CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id), UNIQUE KEY u2 (pid, zip))");
    assertThat(implicit.table("c").get().indexes())
        .extracting(ix -> ix.name())
        .containsExactly("fk");
    assertThat(covering.table("c").get().indexes()).isEmpty();
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("fkidx");
      for (SchemaSnapshot target : List.of(implicit, covering, implicit)) {
        try (SchemaSync sync = engine(target, true)) {
          TenantResult result = sync.sync(tenant);
          assertThat(result.failure()).isNull();
          assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
        }
      }
    }
  }
}
