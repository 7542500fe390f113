/**
 * The JDBC control store shared by the SQLite and PostgreSQL control store providers. Internal:
 * free to change between releases; adapter modules use it, applications should not.
 */
package io.schemasync.internal.rollout.store;
