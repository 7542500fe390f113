package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlFixture.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.SchemaSync;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names built to break naive SQL: backticks, quotes, semicolons, unicode, 64 characters. */
class MysqlHostileNamesIT {
  static final String TABLE = "x`; DROP DATABASE mysql; -- '\"";
  static final String COLUMN = "col`umn \"quoted\" 'single' ; --";
  static final String UNICODE = "таблица_ü_日本";
  static final String LONG = "t".repeat(60) + "_end";

  @Test
  void hostileNamesRoundTripAndConverge() throws Exception {
    assertThat(LONG).hasSize(64);
    Table hostile =
        new Table(
            TABLE,
            List.of(
                Column.of("id", "int", false),
                Column.of(COLUMN, "varchar(20)", true),
                Column.of(UNICODE, "int", true).withComment("it's; a `comment`")),
            new PrimaryKey(null, List.of("id")),
            List.of(new UniqueConstraint("uq`;--", List.of(COLUMN))),
            List.of(new CheckConstraint("ck'`;", "`" + UNICODE.replace("`", "``") + "` >= 0")),
            List.of(),
            List.of(Index.on("ix \"; DROP", false, List.of(UNICODE))),
            List.of(),
            "table; comment with 'quotes' and `ticks`");
    Table longTable =
        new Table(
            LONG,
            List.of(Column.of("id", "int", false), Column.of(LONG, "int", true)),
            new PrimaryKey(null, List.of("id")),
            List.of(),
            List.of(),
            List.of(
                new ForeignKey(
                    null,
                    List.of(LONG),
                    TABLE,
                    List.of("id"),
                    ReferentialAction.CASCADE,
                    null,
                    false)),
            List.of(),
            List.of(),
            null);
    View view =
        new View(
            "v`iew;",
            "select `"
                + COLUMN.replace("`", "``")
                + "` AS `c` from `"
                + TABLE.replace("`", "``")
                + "`",
            false);
    SchemaSnapshot target =
        new SchemaSnapshot(
            List.of(hostile, longTable), List.of(view), List.of(), List.of(), List.of(), List.of());

    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.reserve("t`; DROP DATABASE test; -- " + MysqlTestServer.uniqueName("ü"));
      try (SchemaSync sync = MysqlFixture.engine(target, false)) {
        TenantResult result = sync.sync(tenant);
        assertThat(result.failure()).isNull();
        assertThat(result.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
        SchemaSnapshot live = sync.inspect(tenant);
        assertThat(live.table(TABLE)).isPresent();
        assertThat(live.table(TABLE).get().column(COLUMN)).isPresent();
        assertThat(live.table(LONG).get().foreignKeys())
            .singleElement()
            .satisfies(fk -> assertThat(fk.name()).hasSizeLessThanOrEqualTo(64));
        assertThat(live.view("v`iew;")).isPresent();
      }
      String longTenant =
          dbs.reserve(MysqlTestServer.uniqueName("l").concat("x".repeat(64)).substring(0, 64));
      try (SchemaSync sync = MysqlFixture.engine(target, false)) {
        assertThat(sync.sync(longTenant).failure()).isNull();
        assertThat(sync.sync(longTenant).status()).isEqualTo(TenantStatus.IN_SYNC);
      }
      SchemaSnapshot emoji =
          SchemaSnapshot.ofTables(
              List.of(Table.of("t_😀", List.of(Column.of("id", "int", false)), null)));
      try (SchemaSync sync = MysqlFixture.engine(emoji, false)) {
        assertThatThrownBy(() -> sync.sync(tenant))
            .isInstanceOf(InvalidTargetException.class)
            .hasMessageContaining("table t_😀")
            .hasMessageContaining("Basic Multilingual Plane");
      }
      assertThatThrownBy(() -> MysqlNames.tenant("db_😀"))
          .isInstanceOf(InvalidTenantException.class);
      MysqlTestServer.exec(
          tenant, "INSERT INTO `" + TABLE.replace("`", "``") + "` (id) VALUES (1)");
      assertThat(count(tenant, "SELECT COUNT(*) FROM `" + TABLE.replace("`", "``") + "`"))
          .isEqualTo(1);
      assertThat(
              count(
                  "information_schema",
                  "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ('mysql', 'test')"))
          .isEqualTo(2);
    }
  }
}
