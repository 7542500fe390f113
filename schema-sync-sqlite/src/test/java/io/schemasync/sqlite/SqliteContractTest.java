package io.schemasync.sqlite;

import io.schemasync.testsupport.contract.AdapterContractTest;
import io.schemasync.testsupport.contract.AdapterFixture;
import io.schemasync.testsupport.contract.Feature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The shared adapter contract, run against SQLite files in a temporary directory. */
class SqliteContractTest extends AdapterContractTest {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @Override
  protected Map<Feature, String> unsupported() {
    return Map.of(
        Feature.EXCLUSION_CONSTRAINTS,
        "SQLite has no exclusion constraints",
        Feature.NULLS_NOT_DISTINCT,
        "SQLite treats NULLs as distinct in every unique key",
        Feature.PARTITIONING,
        "SQLite has no partitioned tables");
  }

  @Override
  protected AdapterFixture fixture() {
    Path dir = work.resolve("tenants");
    SqliteFixture files = new SqliteFixture(dir);
    return new AdapterFixture() {
      @Override
      public String url() {
        return "jdbc:sqlite:" + dir;
      }

      @Override
      public String newTenantId() {
        return "tenant-" + SEQUENCE.incrementAndGet();
      }

      @Override
      public void createTenant(String id) {
        files.execute(id, "VACUUM");
      }

      @Override
      public void execute(String tenant, String sql) {
        files.execute(tenant, sql);
      }

      @Override
      public List<List<Object>> query(String tenant, String sql) {
        return files.rows(tenant, sql);
      }

      @Override
      public void dropTenant(String id) {
        try {
          Files.deleteIfExists(files.file(id));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
