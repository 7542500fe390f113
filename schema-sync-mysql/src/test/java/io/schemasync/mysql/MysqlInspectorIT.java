package io.schemasync.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToInspectSchemaException;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.testsupport.jdbc.Interleaved;
import java.sql.Connection;
import java.sql.SQLException;
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

  @Test
  void aReadThatMixesTwoStatesOfTheDictionaryReadsAgain() throws Exception {
    // another session adds a column and an index on it after the columns were read, before the
    // indexes are: information_schema has no snapshot, so the first read sees the index only
    Read read =
        readWhileTableChanges(
            (db, n) -> {
              if (n == 1) {
                MysqlTestServer.exec(
                    db, "ALTER TABLE t ADD COLUMN late INT, ADD INDEX t_late (late)");
              }
            });

    assertThat(read.failure()).isNull();
    assertThat(read.reads()).isEqualTo(2);
    Table t = read.snapshot().table("t").orElseThrow();
    assertThat(t.column("late")).isPresent();
    assertThat(t.indexes()).extracting(Index::name).containsExactly("t_late");
    assertThat(MysqlInspector.mixed(read.snapshot())).isEmpty();
  }

  @Test
  void aReadThatKeepsMeetingChangesGivesUpNamingWhatItSaw() throws Exception {
    Read read =
        readWhileTableChanges(
            (db, n) ->
                MysqlTestServer.exec(
                    db,
                    "ALTER TABLE t ADD COLUMN c"
                        + n
                        + " INT, ADD INDEX t_c"
                        + n
                        + " (c"
                        + n
                        + ")"));

    assertThat(read.failure())
        .isInstanceOf(UnableToInspectSchemaException.class)
        .hasMessageContaining("table t has a key or index on column c3")
        .hasMessageContaining("in each of 3 reads");
    assertThat(read.reads()).isEqualTo(MysqlInspector.READS);
  }

  /** DDL another session runs on database {@code db} before the {@code n}th indexes query. */
  private interface Change {
    void run(String db, int n) throws SQLException;
  }

  /** A read's snapshot or failure, and how many times it read the indexes. */
  private record Read(SchemaSnapshot snapshot, Exception failure, int reads) {}

  /** Reads a database of one table {@code t} while {@code change} alters it between queries. */
  private static Read readWhileTableChanges(Change change) throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases();
        MysqlAdapter adapter = MysqlFixture.adapter();
        Connection reader = MysqlTestServer.connect()) {
      String db = dbs.create("mixed");
      MysqlTestServer.exec(db, "CREATE TABLE t (id INT PRIMARY KEY)");
      int[] reads = {0};
      Connection spied =
          Interleaved.beforeQuery(
              reader, "information_schema.STATISTICS", () -> change.run(db, ++reads[0]));
      try {
        SchemaSnapshot read =
            ((MysqlInspector) adapter.inspector()).read(spied, List.of(db)).get(db);
        return new Read(read, null, reads[0]);
      } catch (UnableToInspectSchemaException e) {
        return new Read(null, e, reads[0]);
      }
    }
  }
}
