package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.RenameTable;
import io.schemasync.api.model.SchemaSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML targets in the portable vocabulary, with declared renames, against the real server. */
class MysqlSchemaFileIT {
  static final String V1 =
      """
      tables:
        - name: clients
          comment: People who buy
          columns:
            - name: id
              type: bigint
              primaryKey: true
              identity: by-default
            - name: name
              type: varchar(200)
            - name: active
              type: boolean
              default: true
            - name: joined
              type: timestamp
              default: CURRENT_TIMESTAMP
            - name: token
              type: uuid
              nullable: true
            - name: balance
              type: numeric(12,2)
              default: "0"
            - name: bio
              type: text
              nullable: true
            - name: settings
              type: json
              nullable: true
            - name: avatar
              type: bytes
              nullable: true
      """;

  static final String V2 =
      """
      tables:
        - name: customers
          renamedFrom: clients
          comment: People who buy
          columns:
            - name: id
              type: bigint
              primaryKey: true
              identity: by-default
            - name: full_name
              renamedFrom: name
              type: varchar(200)
            - name: active
              type: boolean
              default: true
            - name: joined
              type: timestamp
              default: CURRENT_TIMESTAMP
            - name: token
              type: uuid
              nullable: true
            - name: balance
              type: numeric(12,2)
              default: "0"
            - name: bio
              type: text
              nullable: true
            - name: settings
              type: json
              nullable: true
            - name: avatar
              type: bytes
              nullable: true
            - name: seen_at
              type: timestamptz
              nullable: true
          checks:
            - name: ck_balance
              expression: balance >= 0
          indexes:
            - name: ix_name
              columns: [full_name]
        - name: orders
          columns:
            - name: id
              type: integer
              primaryKey: true
              identity: by-default
            - name: customer_id
              type: bigint
              references:
                table: customers
                column: id
                onDelete: cascade
      """;

  @Test
  void portableTypesAndDeclaredRenamesConverge(@TempDir Path dir) throws Exception {
    Path v1 = Files.writeString(dir.resolve("v1.yaml"), V1);
    Path v2 = Files.writeString(dir.resolve("v2.yaml"), V2);
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("yaml");
      try (SchemaSync sync =
          SchemaSync.builder().url(MysqlTestServer.url()).target(Target.of(v1)).build()) {
        TenantResult r = sync.sync(tenant);
        assertThat(r.failure()).isNull();
        assertThat(r.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
        SchemaSnapshot live = sync.inspect(tenant);
        assertThat(live.table("clients").get().columns())
            .extracting(c -> c.name() + " " + c.type())
            .containsExactly(
                "id bigint",
                "name varchar(200)",
                "active tinyint(1)",
                "joined datetime(6)",
                "token char(36)",
                "balance decimal(12,2)",
                "bio longtext",
                "settings json",
                "avatar longblob");
      }
      MysqlTestServer.exec(tenant, "INSERT INTO clients (name) VALUES ('Ada'), ('Grace')");
      try (SchemaSync sync =
          SchemaSync.builder().url(MysqlTestServer.url()).target(Target.of(v2)).build()) {
        TenantResult r = sync.sync(tenant);
        assertThat(r.failure()).isNull();
        assertThat(r.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(r.plan().steps())
            .flatExtracting(s -> s.changes())
            .hasAtLeastOneElementOfType(RenameTable.class)
            .hasAtLeastOneElementOfType(RenameColumn.class);
        assertThat(sync.diff(TenantSelection.ids(tenant)).results().get(0).diff().isEmpty())
            .isTrue();
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
      }
      assertThat(
              count(tenant, "SELECT COUNT(*) FROM customers WHERE full_name IN ('Ada', 'Grace')"))
          .isEqualTo(2);
      assertThat(count(tenant, "SELECT COUNT(*) FROM customers WHERE active = 1")).isEqualTo(2);
    }
  }
}
