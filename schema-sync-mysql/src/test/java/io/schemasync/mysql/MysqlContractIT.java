package io.schemasync.mysql;

import io.schemasync.testsupport.contract.AdapterContractTest;
import io.schemasync.testsupport.contract.AdapterFixture;
import io.schemasync.testsupport.contract.Feature;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shared adapter contract, run against databases of the test MySQL-family server. */
class MysqlContractIT extends AdapterContractTest {
  @Override
  protected Map<Feature, String> unsupported() {
    try (MysqlAdapter adapter = MysqlFixture.adapter()) {
      String partial = "MySQL and MariaDB have no partial (WHERE) indexes";
      return adapter.flavor().functionalIndexes()
          ? Map.of(Feature.PARTIAL_INDEXES, partial)
          : Map.of(
              Feature.PARTIAL_INDEXES,
              partial,
              Feature.EXPRESSION_INDEXES,
              "MariaDB has no expression indexes; index a generated column");
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
