package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlFixture.count;
import static io.schemasync.mysql.MysqlFixture.engine;
import static io.schemasync.mysql.MysqlFixture.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import org.junit.jupiter.api.Test;

/** MariaDB's sequences: created, used as column defaults, altered and dropped. */
class MariaDbSequencesIT {
  @Test
  void sequencesConvergeOnMariaDb() throws Exception {
    MysqlTestServer.requireMariaDb("sequences");
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("seq");
      SchemaSnapshot v1 =
          schemaOf(
              "CREATE SEQUENCE invoice_no START WITH 1000 INCREMENT BY 10",
              "CREATE SEQUENCE countdown INCREMENT BY -1",
              "CREATE TABLE invoices (id BIGINT PRIMARY KEY DEFAULT NEXTVAL(invoice_no), total INT)");
      assertThat(v1.sequences())
          .extracting(Sequence::name)
          .containsExactly("countdown", "invoice_no");
      assertThat(v1.sequences().get(0).maxValue()).isNull();
      assertThat(v1.table("invoices").get().column("id").get().defaultValue())
          .isEqualTo("nextval(`invoice_no`)");
      try (SchemaSync sync = engine(v1, false)) {
        TenantResult r = sync.sync(tenant);
        assertThat(r.failure()).isNull();
        assertThat(r.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
      }
      MysqlTestServer.exec(tenant, "INSERT INTO invoices (total) VALUES (5), (6)");
      assertThat(count(tenant, "SELECT MAX(id) FROM invoices")).isEqualTo(1010);

      SchemaSnapshot v2 =
          schemaOf(
              "CREATE SEQUENCE invoice_no START WITH 1000 INCREMENT BY 100 MAXVALUE 999999 CYCLE",
              "CREATE TABLE invoices (id BIGINT PRIMARY KEY DEFAULT NEXTVAL(invoice_no), total INT)");
      try (SchemaSync sync = engine(v2, true)) {
        TenantResult r = sync.sync(tenant);
        assertThat(r.failure()).isNull();
        assertThat(r.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
        assertThat(sync.inspect(tenant).sequences())
            .singleElement()
            .satisfies(s -> assertThat(s.increment()).isEqualTo(100));
      }
      assertThat(count(tenant, "SELECT COUNT(*) FROM invoices")).isEqualTo(2);
    }
  }
}
