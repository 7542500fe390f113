package io.schemasync.postgres;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL identifier rules: quoting, the 63-byte limit, which schemas can be tenants, and how
 * the tenant's own schema prefix is taken out of catalog text.
 */
final class PgNames {
  /** NAMEDATALEN - 1: PostgreSQL silently truncates longer identifiers, so they are refused. */
  static final int MAX_BYTES = 63;

  /** Prefix of the throwaway schemas used for SQL targets and normalization; never a tenant. */
  static final String SCRATCH_PREFIX = "schemasync_scratch_";

  private PgNames() {}

  /** Double-quotes an identifier, doubling embedded quotes, so any string is read as one name. */
  static String quote(String identifier) {
    if (identifier.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an identifier cannot contain NUL");
    }
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code "schema"."name"}. */
  static String qualified(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  /**
   * A SQL string literal with embedded quotes doubled ({@code standard_conforming_strings} is on).
   */
  static String literal(String text) {
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a string literal cannot contain NUL");
    }
    return "'" + text.replace("'", "''") + "'";
  }

  static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Validates a tenant id as a schema name: no path separator, at most 63 bytes (longer names would
   * be truncated by the server and silently address another schema), no {@code pg_} prefix
   * (reserved for system schemas), not one of this adapter's scratch schemas.
   */
  static TenantContext tenant(String id) {
    TenantContext tenant = name(id, "schema");
    if (id.startsWith("pg_") || id.equals("information_schema")) {
      throw new InvalidTenantException(
          id, "schema names starting with pg_ and information_schema are reserved by PostgreSQL");
    }
    if (id.equals(PostgresStoreDialect.SCHEMA)) {
      throw new InvalidTenantException(
          id, "the schema " + id + " holds schema-sync's rollout control store, not a tenant");
    }
    if (id.startsWith(SCRATCH_PREFIX)) {
      throw new InvalidTenantException(
          id, "schemas named " + SCRATCH_PREFIX + "* are scratch schemas of schema-sync");
    }
    return tenant;
  }

  /** A tenant id that is a valid name for a schema or database ({@code what}). */
  private static TenantContext name(String id, String what) {
    TenantContext tenant = TenantContext.of(id);
    if (id.indexOf('\0') >= 0) {
      throw new InvalidTenantException(id, "a PostgreSQL " + what + " name cannot contain NUL");
    }
    if (id.indexOf('/') >= 0 || id.indexOf('\\') >= 0) {
      // PostgreSQL could hold it, but the same id must name the same tenant on every engine and
      // in file-based stores, where a path separator would escape the directory
      throw new InvalidTenantException(
          id, "a tenant id must not contain / or \\, so that it is a valid id on every engine");
    }
    int bytes = utf8Length(id);
    if (bytes > MAX_BYTES) {
      throw new InvalidTenantException(
          id,
          "a PostgreSQL "
              + what
              + " name is at most "
              + MAX_BYTES
              + " bytes in UTF-8, this one has "
              + bytes
              + "; PostgreSQL would truncate it, so choose a shorter id");
    }
    return tenant;
  }

  /**
   * Validates a tenant id as a database name (database-per-tenant): the same byte limit and
   * separators as a schema name, never a template, the maintenance database or a scratch database.
   */
  static TenantContext database(String id) {
    TenantContext tenant = name(id, "database");
    if (id.equals("template0")
        || id.equals("template1")
        || id.equals(DatabaseTenancy.MAINTENANCE_DATABASE)) {
      throw new InvalidTenantException(
          id, "the templates and the maintenance database " + id + " are never tenants");
    }
    if (id.startsWith(SCRATCH_PREFIX)) {
      throw new InvalidTenantException(
          id, "databases named " + SCRATCH_PREFIX + "* are scratch databases of schema-sync");
    }
    return tenant;
  }

  /**
   * Removes the qualification {@code prefix} (the schema as {@code quote_ident} spells it, followed
   * by a dot) from catalog text such as a view definition or a default. The catalog functions
   * qualify every object outside the search path, and the inspector reads with only pg_catalog on
   * it, so the tenant's own objects always come qualified by exactly this prefix. Outside string
   * literals the prefix is removed where it starts a name; inside a literal only right after the
   * opening quote, which is how {@code regclass} literals ({@code 'tenant.seq'::regclass}) read.
   */
  static String stripSchema(String text, String prefix) {
    if (text == null || !text.contains(prefix)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (text.startsWith(prefix, i) && (i == 0 || !isNamePart(text.charAt(i - 1)))) {
        i += prefix.length();
      } else if (c == '"') {
        int end = SqlText.skip(text, i);
        out.append(text, i, end);
        i = end;
      } else if (c == '\'') {
        out.append(c);
        i++;
        if (text.startsWith(prefix, i)) {
          i += prefix.length();
        }
        while (i < n) {
          char d = text.charAt(i);
          out.append(d);
          i++;
          if (d == '\'') {
            if (i < n && text.charAt(i) == '\'') {
              out.append('\'');
              i++;
            } else {
              break;
            }
          }
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '"' || c == '.';
  }
}
