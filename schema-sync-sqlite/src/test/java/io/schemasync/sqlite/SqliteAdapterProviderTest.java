package io.schemasync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import io.schemasync.spi.AdapterProvider;
import io.schemasync.spi.ConnectionSettings;
import io.schemasync.spi.DatabaseAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteDataSource;

/** Discovery, URL semantics and tenant ids. */
class SqliteAdapterProviderTest {
  @TempDir Path dir;
  private final SqliteAdapterProvider provider = new SqliteAdapterProvider();

  @Test
  void isRegisteredAndChosenBySqliteUrlsAndProduct() {
    assertThat(ServiceLoader.load(AdapterProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(SqliteAdapterProvider.class);
    assertThat(provider.name()).isEqualTo("sqlite");
    assertThat(provider.acceptsUrl("jdbc:sqlite:/tmp/x")).isTrue();
    assertThat(provider.acceptsUrl("jdbc:postgresql://localhost/x")).isFalse();
    assertThat(provider.acceptsProduct("SQLite")).isTrue();
    assertThat(provider.acceptsProduct("PostgreSQL")).isFalse();
  }

  @Test
  void aDirectoryHoldsOneTenantPerDbFileSorted() throws Exception {
    Files.createFile(dir.resolve("b.db"));
    Files.createFile(dir.resolve("a.db"));
    Files.createFile(dir.resolve("a.db.lock"));
    Files.createFile(dir.resolve("notes.txt"));
    try (DatabaseAdapter adapter = provider.open(ConnectionSettings.of("jdbc:sqlite:" + dir))) {
      assertThat(adapter.inspector().listTenants())
          .extracting(TenantContext::id)
          .containsExactly("a", "b");
      assertThat(adapter.inspector().exists(adapter.tenant("a"))).isTrue();
      assertThat(adapter.inspector().exists(adapter.tenant("c"))).isFalse();
    }
  }

  @Test
  void aMissingPathNotEndingInDbIsADirectoryCreatedOnFirstSync() {
    Path missing = dir.resolve("later/tenants");
    try (DatabaseAdapter adapter = provider.open(ConnectionSettings.of("jdbc:sqlite:" + missing))) {
      assertThat(adapter.inspector().listTenants()).isEmpty();
      assertThat(adapter.tenant("acme").id()).isEqualTo("acme");
    }
    assertThat(missing).doesNotExist();
  }

  @Test
  void aDbFileIsOneTenantNamedAfterIt() {
    Path file = dir.resolve("main-app.db");
    try (DatabaseAdapter adapter = provider.open(ConnectionSettings.of("jdbc:sqlite:" + file))) {
      assertThat(adapter.inspector().listTenants()).isEmpty();
      assertThat(adapter.tenant("main-app").id()).isEqualTo("main-app");
      assertThatThrownBy(() -> adapter.tenant("other"))
          .isInstanceOf(InvalidTenantException.class)
          .hasMessageContaining("its only tenant is 'main-app'");
    }
  }

  @Test
  void aRelativePathResolvesAgainstTheWorkingDirectory() {
    try (DatabaseAdapter adapter =
        provider.open(ConnectionSettings.of("jdbc:sqlite:target/relative-tenants"))) {
      assertThat(adapter.inspector().exists(adapter.tenant("x"))).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../etc/passwd",
        "a/b",
        "a\\b",
        "..",
        ".hidden",
        "x.db",
        "with space",
        "x\"; DROP TABLE t; --",
        "naïve",
        "CON",
        "-dash",
        "a..b"
      })
  void rejectsTenantIdsThatAreNotSafeFileNames(String id) {
    try (DatabaseAdapter adapter = provider.open(ConnectionSettings.of("jdbc:sqlite:" + dir))) {
      assertThatThrownBy(() -> adapter.tenant(id))
          .isInstanceOf(InvalidTenantException.class)
          .hasMessageContaining("invalid tenant");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme", "Tenant_01", "a.b-c", "9lives"})
  void acceptsSafeTenantIds(String id) {
    try (DatabaseAdapter adapter = provider.open(ConnectionSettings.of("jdbc:sqlite:" + dir))) {
      assertThat(adapter.tenant(id).id()).isEqualTo(id);
    }
  }

  @Test
  void aDataSourceIsOneTenantNamedAfterItsFile() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
    try (DatabaseAdapter adapter = provider.open(dataSource)) {
      assertThat(adapter.inspector().listTenants())
          .extracting(TenantContext::id)
          .containsExactly("app");
      assertThat(adapter.inspector().inspect(adapter.tenant("app")).isEmpty()).isTrue();
    }
  }
}
