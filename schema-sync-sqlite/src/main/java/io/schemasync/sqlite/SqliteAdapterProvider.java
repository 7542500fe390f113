package io.schemasync.sqlite;

import io.schemasync.spi.AdapterProvider;
import io.schemasync.spi.ConnectionSettings;
import io.schemasync.spi.DatabaseAdapter;
import io.schemasync.sqlite.internal.DataSourceTenant;
import io.schemasync.sqlite.internal.TenantFiles;
import javax.sql.DataSource;

/**
 * Provides the SQLite adapter for {@code jdbc:sqlite:} URLs and data sources whose product is
 * {@code SQLite}. {@code jdbc:sqlite:/dir} (an existing directory, or a path not ending in {@code
 * .db} that does not exist yet and is created on first sync) holds one tenant per {@code *.db}
 * file, named by the file name without {@code .db}; {@code jdbc:sqlite:/dir/file.db} is a single
 * tenant named {@code file}. Relative paths resolve against the working directory.
 */
public final class SqliteAdapterProvider implements AdapterProvider {
  static final String NAME = "sqlite";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:");
  }

  @Override
  public boolean acceptsProduct(String databaseProductName) {
    return "SQLite".equalsIgnoreCase(databaseProductName);
  }

  @Override
  public DatabaseAdapter open(ConnectionSettings settings) {
    if (!acceptsUrl(settings.url())) {
      throw new IllegalArgumentException("not a SQLite URL: " + settings.maskedUrl());
    }
    return new SqliteAdapter(TenantFiles.fromUrl(settings.url()), settings.lockTimeout());
  }

  /** A single-tenant adapter over the data source: the tenant is named after its file, or main. */
  @Override
  public DatabaseAdapter open(DataSource dataSource) {
    return new SqliteAdapter(
        new DataSourceTenant(dataSource), ConnectionSettings.DEFAULT_LOCK_TIMEOUT);
  }
}
