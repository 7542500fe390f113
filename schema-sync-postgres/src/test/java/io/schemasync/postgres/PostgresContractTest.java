package io.schemasync.postgres;

import io.schemasync.testsupport.contract.AdapterContractTest;
import io.schemasync.testsupport.contract.AdapterFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The shared adapter contract, run against schemas of the test PostgreSQL database. */
class PostgresContractTest extends AdapterContractTest {
  @Override
  protected AdapterFixture fixture() {
    String url = PostgresTestServer.url();
    return new AdapterFixture() {
      @Override
      public String url() {
        return url;
      }

      @Override
      public String newTenantId() {
        return PostgresTestServer.uniqueName("contract");
      }

      @Override
      public void createTenant(String id) {
        PostgresTestServer.exec("CREATE SCHEMA " + PgNames.quote(id));
      }

      @Override
      public void execute(String tenant, String sql) {
        PostgresTestServer.exec("SET search_path TO " + PgNames.quote(tenant), sql);
      }

      @Override
      public List<List<Object>> query(String tenant, String sql) {
        try (Connection c = PostgresTestServer.connect();
            Statement st = c.createStatement()) {
          st.execute("SET search_path TO " + PgNames.quote(tenant));
          List<List<Object>> rows = new ArrayList<>();
          try (ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              List<Object> row = new ArrayList<>();
              for (int i = 1; i <= columns; i++) {
                row.add(rs.getObject(i));
              }
              rows.add(row);
            }
          }
          return rows;
        } catch (SQLException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }

      @Override
      public void dropTenant(String id) {
        PostgresTestServer.drop(id);
      }
    };
  }
}
