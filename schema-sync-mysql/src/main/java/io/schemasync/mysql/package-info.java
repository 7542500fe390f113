/**
 * The MySQL-family adapter (MySQL 8, MariaDB 10.3+), registered as provider {@code mysql} for
 * {@code jdbc:mysql:} URLs through MySQL Connector/J. A URL names a server; each of its databases
 * except {@code mysql}, {@code information_schema}, {@code performance_schema} and {@code sys} is a
 * tenant. Only {@link io.schemasync.mysql.MysqlAdapterProvider}, {@link
 * io.schemasync.mysql.MysqlAdapter}, {@link io.schemasync.mysql.MysqlDialect} and {@link
 * io.schemasync.mysql.ServerFlavor} are public; the rest may change.
 *
 * <h2>How the model maps to MySQL</h2>
 *
 * <ul>
 *   <li>Types: see {@code MysqlTypes}. {@code boolean} is {@code tinyint(1)} and is reported back
 *       as {@code tinyint(1)}; {@code timestamp} is {@code datetime(6)}, {@code timestamptz} is
 *       {@code timestamp(6)}; {@code uuid} is {@code char(36)}; {@code text}/{@code bytes} are
 *       {@code longtext}/{@code longblob}. MariaDB's JSON (LONGTEXT with a {@code json_valid}
 *       check) is reported as {@code json}, like MySQL's.
 *   <li>{@code AUTO_INCREMENT} is {@link io.schemasync.api.model.Identity#BY_DEFAULT}; a target's
 *       {@code ALWAYS} becomes {@code BY_DEFAULT} (MySQL has no other kind).
 *   <li>{@code ON UPDATE CURRENT_TIMESTAMP} has no field in the model: it is carried as a suffix of
 *       the column default, e.g. {@code CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)}, which
 *       is also the DDL that creates it.
 *   <li>An index prefix ({@code SUB_PART}) is an index part with the expression {@code
 *       `column`(n)}; {@code FULLTEXT}, {@code SPATIAL} and {@code HASH} are index methods.
 *   <li>A unique index over plain ascending columns is reported as a unique constraint (MySQL does
 *       not tell them apart). The primary key has no name ({@code PRIMARY}). Unnamed unique keys,
 *       checks and foreign keys in a target get the names MySQL would give ({@code col}, {@code
 *       table_chk_n}, {@code table_ibfk_n}); a foreign key without a usable index gets the index
 *       InnoDB creates for it, named after the key.
 *   <li>View definitions, CHECK and generation expressions, expression defaults, trigger and
 *       routine bodies are compared as the server prints them: the target is built once in a
 *       scratch database and read back. Routine characteristics ({@code DETERMINISTIC}, {@code
 *       READS SQL DATA}, {@code SQL SECURITY INVOKER}, {@code COMMENT}) are the first lines of the
 *       body.
 * </ul>
 *
 * <h2>What this engine cannot hold (the target is rejected with the reason)</h2>
 *
 * Enum and domain types (use {@code enum(...)} columns and CHECK constraints); sequences on MySQL
 * (MariaDB has them: read from the sequence tables, bounds equal to MariaDB's defaults read as
 * null, no {@code ownedBy}); materialized views; partial indexes and {@code INCLUDE} columns;
 * expression indexes on MariaDB; deferrable foreign keys and {@code SET DEFAULT} actions; triggers
 * on several events, {@code INSTEAD OF}, statement-level, with {@code WHEN} or {@code UPDATE OF};
 * names over 64 characters, ending in a space, or with characters outside the Basic Multilingual
 * Plane; invisible indexes before MySQL 8.0 and MariaDB 10.6.
 *
 * <h2>Table options and invisible indexes</h2>
 *
 * Every table's engine, default character set and collation are inspected; a target declares the
 * parts it enforces ({@code TableOptionRules}), the rest stay each tenant's. A new character set
 * modifies the inheriting text columns in the same statement rather than {@code CONVERT TO} ({@code
 * TableOptionsClauses}). {@code INVISIBLE} (MySQL) and {@code IGNORED} (MariaDB) indexes are {@link
 * io.schemasync.api.model.Index#invisible()}, toggled with {@code ALTER INDEX}.
 *
 * <h2>Execution</h2>
 *
 * DDL commits implicitly, so nothing is transactional: every step is one statement (all clauses for
 * one table merged into one {@code ALTER TABLE} with {@code ALGORITHM=INSTANT} or {@code
 * ALGORITHM=INPLACE, LOCK=NONE} when the server can, {@code LOCKING} with the reason when it copies
 * or rebuilds the table), runs with a short {@code lock_wait_timeout} and a bounded retry, and is
 * journaled before and after in the tenant's {@code _schema_sync_journal} table (never part of a
 * snapshot). The per-tenant lock is {@code GET_LOCK} on a dedicated connection. After a failure or
 * a killed process, the next sync plans from the live schema and the journal shows where the
 * previous run stopped. A dry run builds the tenant's schema in a scratch database, copies its rows
 * (tables estimated above {@code RowCopy.MAX_ROWS} stay empty, and {@code DataChecks} query the
 * tenant's own table for the rows the plan's steps would fail on), applies the plan there and
 * verifies it, so data-dependent failures show before any tenant is changed.
 *
 * <h2>Privileges</h2>
 *
 * Inspection needs SELECT; with SELECT alone, view definitions read empty (SHOW VIEW is needed),
 * triggers are invisible (TRIGGER is needed) and foreign key rules are read from {@code SHOW CREATE
 * TABLE}. Syncing, dry runs and SQL targets need CREATE, ALTER, DROP, INDEX, REFERENCES, CREATE
 * VIEW, TRIGGER, CREATE ROUTINE on the tenants and on the {@code _schema_sync_scratch_*} databases.
 */
package io.schemasync.mysql;
