package io.schemasync.postgres;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's tenant on the local server: a fresh schema name, and an adapter opened before each test
 * and closed after it, when the schema is dropped. Registered as an instance field
 * ({@code @RegisterExtension}), so every test gets its own name.
 */
final class PostgresTenantFixture implements BeforeEachCallback, AfterEachCallback {
  private final String tenant;
  private PostgresAdapter adapter;

  PostgresTenantFixture(String prefix) {
    this.tenant = PostgresTestServer.uniqueName(prefix);
  }

  /** The tenant's schema name; no schema exists until a test creates or syncs it. */
  String tenant() {
    return tenant;
  }

  /** The adapter of the current test. */
  PostgresAdapter adapter() {
    return adapter;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    PostgresTestServer.url();
    adapter = PostgresTestServer.open();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    adapter.close();
    PostgresTestServer.drop(tenant);
  }
}
