/**
 * The SQLite adapter: {@link io.schemasync.sqlite.SqliteAdapterProvider} (registered with {@link
 * java.util.ServiceLoader}) opens a {@link io.schemasync.sqlite.SqliteAdapter} whose tenants are
 * database files.
 */
package io.schemasync.sqlite;
