package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.change.DropTable;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spelling of database-per-tenant, its URLs and ids, and how it renders; no server. */
class PostgresTenancySettingsTest {
  @Test
  void schemasyncParametersMoveFromTheUrlToTheSettings() {
    Map<String, String> own = new HashMap<>();
    String url =
        PostgresAdapterProvider.takeOwnParameters(
            "jdbc:postgresql://db:5432/?user=app&schemasync.tenancy=database"
                + "&schemasync.tenantSchema=app%20data&ssl=true",
            own);
    assertThat(url).isEqualTo("jdbc:postgresql://db:5432/?user=app&ssl=true");
    assertThat(TenancySettings.from(own)).isEqualTo(new TenancySettings(true, "app data", 8));
    assertThat(TenancySettings.from(Map.of())).isEqualTo(TenancySettings.DEFAULT);
    assertThatThrownBy(() -> TenancySettings.from(Map.of("schemasync.tenancy", "cluster")))
        .hasMessageContaining("schemasync.tenancy must be schema")
        .hasMessageContaining("or database");
    assertThatThrownBy(() -> TenancySettings.from(Map.of("schemasync.databasePools", "0")))
        .hasMessageContaining("schemasync.databasePools must be 1..1000");
  }

  @Test
  void aTenantDatabaseIsNamedInTheServerUrl() {
    assertThat(PostgresAdapterProvider.withDatabase("jdbc:postgresql://db:5432/?user=a", "acme"))
        .isEqualTo("jdbc:postgresql://db:5432/acme?user=a");
    assertThat(PostgresAdapterProvider.withDatabase("jdbc:postgresql://db/postgres", "a b/ü"))
        .isEqualTo("jdbc:postgresql://db/a%20b%2F%C3%BC");
    assertThat(PostgresAdapterProvider.withDatabase("jdbc:postgresql://h1,h2/x?ssl=1", "t"))
        .isEqualTo("jdbc:postgresql://h1,h2/t?ssl=1");
  }

  @Test
  void templatesAndTheMaintenanceDatabaseAreNeverTenants() {
    for (String id : List.of("template0", "template1", "postgres", "schemasync_scratch_00")) {
      assertThatThrownBy(() -> PgNames.database(id)).isInstanceOf(InvalidTenantException.class);
    }
    assertThat(PgNames.database("public").id())
        .as("a database may be called anything")
        .isEqualTo("public");
  }

  @Test
  void plansQualifyObjectsWithTheFixedSchemaNotTheTenant() {
    PostgresDialect dialect = new PostgresDialect(false, "public", t -> "app", null);
    Table t = Table.of("t", List.of(Column.of("a", "integer", true)), null);
    SchemaSnapshot current = SchemaSnapshot.ofTables(List.of(t));
    assertThat(
            dialect
                .render(TenantContext.of("acme"), List.of(new DropTable(t)), current, current)
                .get(0)
                .statements())
        .containsExactly("DROP TABLE \"app\".\"t\"");
  }
}
