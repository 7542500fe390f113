package io.schemasync.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.model.SchemaSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Many tenants in one pass, tenant listing, and what MySQL-only catalogs look like here. */
class MysqlInspectorIT {
  @Test
  void inspectsManyTenantsInOnePassAndGroupsThemExactly() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases();
        MysqlAdapter adapter = MysqlFixture.adapter()) {
      String a = dbs.create("multi_a");
      String b = dbs.create("multi_b");
      String empty = dbs.create("multi_c");
      MysqlTestServer.exec(a, "CREATE TABLE t (id INT PRIMARY KEY)");
      MysqlTestServer.exec(
          b, "CREATE TABLE t (id INT PRIMARY KEY, x INT)", "CREATE TABLE u (id INT)");
      List<TenantContext> tenants =
          List.of(adapter.tenant(a), adapter.tenant(b), adapter.tenant(empty));
      Map<TenantContext, SchemaSnapshot> all = adapter.inspector().inspectAll(tenants);
      assertThat(all.keySet()).containsExactlyElementsOf(tenants);
      assertThat(all.get(adapter.tenant(a)).tables())
          .extracting(t -> t.columns().size())
          .containsExactly(1);
      assertThat(all.get(adapter.tenant(b)).tables()).hasSize(2);
      assertThat(all.get(adapter.tenant(empty)).isEmpty()).isTrue();
      assertThat(all.get(adapter.tenant(a)))
          .isEqualTo(adapter.inspector().inspect(adapter.tenant(a)));

      assertThat(adapter.inspector().listTenants())
          .contains(adapter.tenant(a), adapter.tenant(b))
          .noneMatch(
              t -> MysqlNames.isSystemDatabase(t.id()) || MysqlNames.isInternalDatabase(t.id()));
      assertThatThrownBy(() -> adapter.inspector().inspect(adapter.tenant(a + "_missing")))
          .isInstanceOf(InvalidTenantException.class)
          .hasMessageContaining("no such database");
      assertThat(adapter.inspector().exists(adapter.tenant(a.toUpperCase()))).isFalse();
    }
  }
}
