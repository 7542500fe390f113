package io.schemasync.testsupport.contract;

import java.util.List;

/**
 * How the contract suite reaches one engine: where its tenants live, how to make a throwaway
 * tenant, and how to run the engine's own SQL in one. Implemented once per adapter module.
 */
public interface AdapterFixture {
  /** The JDBC URL of the location that holds the tenants (a directory, a server database). */
  String url();

  /** An id no tenant has yet, valid for this engine; the suite creates the tenant itself. */
  String newTenantId();

  /** Creates an empty tenant (a SQLite file, a PostgreSQL schema, a MySQL database). */
  void createTenant(String id);

  /** Runs statements in a tenant, one per call; lower-case unquoted names are portable. */
  void execute(String tenant, String sql);

  /** The rows a query returns in a tenant, each as a list of column values. */
  List<List<Object>> query(String tenant, String sql);

  /** Removes a tenant and everything in it; a tenant that does not exist is no error. */
  void dropTenant(String id);
}
