/**
 * The PostgreSQL adapter: one database, one tenant per schema. {@link
 * io.schemasync.postgres.PostgresAdapterProvider} is registered with {@link
 * java.util.ServiceLoader} and selected by {@code jdbc:postgresql:} URLs; {@link
 * io.schemasync.postgres.PostgresAdapter} and {@link io.schemasync.postgres.PostgresDialect} are
 * the public entry points, everything else here is package-private and free to change. See the
 * module's README for the decisions it makes.
 */
package io.schemasync.postgres;
