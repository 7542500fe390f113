package io.schemasync.mysql;

import io.schemasync.testsupport.contract.AdapterContractTest;
import io.schemasync.testsupport.contract.AdapterFixture;
import io.schemasync.testsupport.contract.Feature;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The shared adapter contract, run against databases of the test MySQL-family server. */
class MysqlContractIT extends AdapterContractTest {
  @Override
  protected Map<Feature, String> unsupported() {
    try (MysqlAdapter adapter = MysqlFixture.adapter()) {
      Map<Feature, String> missing = new EnumMap<>(Feature.class);
      missing.put(Feature.PARTIAL_INDEXES, "MySQL and MariaDB have no partial (WHERE) indexes");
      missing.put(Feature.EXCLUSION_CONSTRAINTS, "MySQL and MariaDB have no exclusion constraints");
      missing.put(
          Feature.NULLS_NOT_DISTINCT, "MySQL and MariaDB treat NULLs as distinct in unique keys");
      missing.put(Feature.PARTITIONING, "schema-sync does not manage MySQL partitioning");
      if (!adapter.flavor().functionalIndexes()) {
        missing.put(
            Feature.EXPRESSION_INDEXES,
            "MariaDB has no expression indexes; index a generated column");
      }
      return missing;
    }
  }

  @Override
  protected AdapterFixture fixture() {
    String url = MysqlTestServer.url();
    return new AdapterFixture() {
      @Override
      public String url() {
        return url;
      }

      @Override
      public String newTenantId() {
        return MysqlTestServer.uniqueName("contract");
      }

      @Override
      public void createTenant(String id) {
        run(() -> MysqlTestServer.exec(null, "CREATE DATABASE " + MysqlNames.quote(id)));
      }

      @Override
      public void execute(String tenant, String sql) {
        run(() -> MysqlTestServer.exec(tenant, sql));
      }

      @Override
      public List<List<Object>> query(String tenant, String sql) {
        try (Connection c = MysqlTestServer.connect()) {
          c.setCatalog(tenant);
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              List<Object> row = new ArrayList<>();
              for (int i = 1; i <= columns; i++) {
                row.add(rs.getObject(i));
              }
              rows.add(row);
            }
            return rows;
          }
        } catch (SQLException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }

      @Override
      public void dropTenant(String id) {
        run(() -> MysqlTestServer.exec(null, "DROP DATABASE IF EXISTS " + MysqlNames.quote(id)));
      }
    };
  }

  private interface Sql {
    void run() throws SQLException;
  }

  private static void run(Sql sql) {
    try {
      sql.run();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
