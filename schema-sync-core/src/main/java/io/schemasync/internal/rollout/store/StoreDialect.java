package io.schemasync.internal.rollout.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the engines a {@link JdbcControlStore} runs on: how a write transaction
 * starts (SQLite must take its write lock up front, or two claimers deadlock on upgrade), the clock
 * leases are measured with, and how claimed rows are locked.
 */
public interface StoreDialect {
  /** A qualified, quoted name for one of the store's tables ({@code rollout_jobs}, ...). */
  String table(String name);

  /**
   * Creates the store's schema and tables when missing; may be called by several processes at once.
   */
  void initialize(Connection connection, String[] createTables) throws SQLException;

  /** Starts a write transaction. */
  void begin(Connection connection) throws SQLException;

  void commit(Connection connection) throws SQLException;

  /**
   * Lets the write transaction in progress commit without waiting for its flush to disk, where the
   * engine can. Used for claims, leases and task results: if a crash of the store's server loses
   * the last of them, tasks run again, which their commit markers make harmless (a change already
   * committed is found and not repeated); job states are always written durably.
   */
  default void relaxDurability(Connection connection) throws SQLException {}

  void rollback(Connection connection) throws SQLException;

  /**
   * The store's clock, in epoch milliseconds: the one clock every worker's lease is measured by.
   */
  long now(Connection connection) throws SQLException;

  /** Appended to the query selecting tasks to claim, e.g. {@code FOR UPDATE SKIP LOCKED}. */
  String claimLocking();
}
