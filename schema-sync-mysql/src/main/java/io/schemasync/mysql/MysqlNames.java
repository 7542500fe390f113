package io.schemasync.mysql;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/** Identifier quoting, tenant-id rules and the names this adapter reserves for itself. */
final class MysqlNames {
  /** The per-tenant journal of executed steps; never part of a snapshot. */
  static final String JOURNAL_TABLE = "_schema_sync_journal";

  /** Rollout commit markers kept in each tenant; never part of a snapshot either. */
  static final String ROLLOUT_TABLE = "_schema_sync_rollout";

  /** Whether a table is the adapter's own bookkeeping rather than part of the tenant's schema. */
  static boolean isBookkeeping(String table) {
    return table.equals(JOURNAL_TABLE) || table.equals(ROLLOUT_TABLE);
  }

  /** Prefix of the scratch databases used for SQL targets, normalization and dry runs. */
  static final String SCRATCH_PREFIX = "_schema_sync_scratch_";

  static final Set<String> SYSTEM_DATABASES =
      Set.of("mysql", "information_schema", "performance_schema", "sys");

  /** MySQL's limit for database, table, column, index and constraint names, in characters. */
  static final int MAX_IDENTIFIER = 64;

  private MysqlNames() {}

  /** Backtick-quotes any string as one identifier; an embedded backtick is doubled. */
  static String quote(String identifier) {
    if (identifier.indexOf('\u0000') >= 0) {
      throw new IllegalArgumentException("an identifier cannot contain NUL");
    }
    return '`' + identifier.replace("`", "``") + '`';
  }

  /** A single-quoted SQL string literal, with quotes and backslashes escaped for any sql_mode. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  static boolean isSystemDatabase(String name) {
    return SYSTEM_DATABASES.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Whether a database is one this adapter created for itself (never a tenant). */
  static boolean isInternalDatabase(String name) {
    return name.startsWith(SCRATCH_PREFIX);
  }

  /**
   * Checks an id as a MySQL database name, up front: the server maps database names to directories
   * and would otherwise fail late or, worse, encode the name into something else.
   */
  static TenantContext tenant(String id) {
    TenantContext tenant = new TenantContext(id);
    if (id.codePointCount(0, id.length()) > MAX_IDENTIFIER) {
      throw new InvalidTenantException(
          id, "a MySQL database name is at most " + MAX_IDENTIFIER + " characters");
    }
    if (id.indexOf('\u0000') >= 0) {
      throw new InvalidTenantException(id, "a MySQL database name cannot contain NUL");
    }
    if (!inBasicPlane(id)) {
      throw new InvalidTenantException(
          id,
          "MySQL identifiers cannot hold characters outside the"
              + " Basic Multilingual Plane (such as emoji)");
    }
    if (id.endsWith(" ")) {
      throw new InvalidTenantException(id, "MySQL rejects database names that end with a space");
    }
    for (char c : new char[] {'/', '\\', '.'}) {
      if (id.indexOf(c) >= 0) {
        throw new InvalidTenantException(
            id, "'" + c + "' is not allowed: a MySQL database is a directory on the server");
      }
    }
    if (isSystemDatabase(id)) {
      throw new InvalidTenantException(id, "this is a system database of the server, not a tenant");
    }
    if (isInternalDatabase(id) || id.startsWith("#mysql50#")) {
      throw new InvalidTenantException(id, "this name is reserved; choose another tenant id");
    }
    return tenant;
  }

  /** Whether every character is in U+0001..U+FFFF, the range MySQL allows in identifiers. */
  static boolean inBasicPlane(String name) {
    return name.codePoints().allMatch(cp -> cp > 0 && cp <= 0xFFFF);
  }

  /** Server-wide GET_LOCK name for a tenant: at most 64 characters whatever the tenant id. */
  static String lockName(String database) {
    return "schema-sync:" + sha256(database).substring(0, 40);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A name of at most 64 characters: the base itself when it fits, else a prefix of it with a short
   * hash of the whole, so distinct long bases stay distinct.
   */
  static String fit(String base) {
    if (base.codePointCount(0, base.length()) <= MAX_IDENTIFIER) {
      return base;
    }
    String hash = sha256(base).substring(0, 8);
    int keep = base.offsetByCodePoints(0, MAX_IDENTIFIER - 9);
    return base.substring(0, keep) + "_" + hash;
  }
}
