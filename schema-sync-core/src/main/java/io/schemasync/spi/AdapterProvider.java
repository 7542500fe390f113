package io.schemasync.spi;

import javax.sql.DataSource;

/**
 * Creates adapters for one database engine; discovered with {@link java.util.ServiceLoader} from
 * {@code META-INF/services/io.schemasync.spi.AdapterProvider}. Must be cheap to instantiate and
 * must not open connections until {@link #open} is called.
 */
public interface AdapterProvider {
  /** A short, unique, lower-case name, e.g. {@code sqlite}; also accepted to select explicitly. */
  String name();

  /** Whether this provider handles the JDBC URL, like {@link java.sql.Driver#acceptsURL}. */
  boolean acceptsUrl(String jdbcUrl);

  /** Whether this provider handles a database reporting this {@code getDatabaseProductName()}. */
  boolean acceptsProduct(String databaseProductName);

  /**
   * Opens an adapter on the database the settings name.
   *
   * @throws io.schemasync.api.UnableToConnectException when the database cannot be reached
   */
  DatabaseAdapter open(ConnectionSettings settings);

  /** Opens an adapter on an application's data source; the caller keeps ownership of it. */
  DatabaseAdapter open(DataSource dataSource);
}
