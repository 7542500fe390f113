package io.schemasync.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which member of the MySQL family the server is, and its version: the catalogs and the online DDL
 * abilities differ between MariaDB and MySQL, and across versions.
 *
 * @param mariaDb true for MariaDB, false for MySQL (and compatible servers reporting as MySQL)
 * @param lowerCaseNames whether the server stores table and database names in lower case ({@code
 *     lower_case_table_names} 1 or 2, the default on Windows and macOS)
 */
public record ServerFlavor(
    boolean mariaDb, int major, int minor, int patch, boolean lowerCaseNames) {
  /** A server with case-sensitive table names (Linux's default). */
  public ServerFlavor(boolean mariaDb, int major, int minor, int patch) {
    this(mariaDb, major, minor, patch, false);
  }

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

  /** MariaDB 10.11, the server the project's tests run against by default. */
  public static final ServerFlavor MARIADB_10_11 = new ServerFlavor(true, 10, 11, 0);

  /** MySQL 8.0 at its current patch level. */
  public static final ServerFlavor MYSQL_8_0 = new ServerFlavor(false, 8, 0, 40);

  /**
   * Reads {@code VERSION()}; Connector/J reports MariaDB as "MySQL", so the product name cannot
   * tell.
   */
  static ServerFlavor detect(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT VERSION(), @@lower_case_table_names")) {
      rs.next();
      ServerFlavor f = parse(rs.getString(1));
      return new ServerFlavor(f.mariaDb, f.major, f.minor, f.patch, rs.getInt(2) != 0);
    }
  }

  static ServerFlavor parse(String version) {
    boolean maria = version.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
    // MariaDB may prefix "5.5.5-" for old clients: the real version is the last x.y.z before
    // "-MariaDB".
    String v = maria && version.startsWith("5.5.5-") ? version.substring(6) : version;
    Matcher m = VERSION.matcher(v);
    if (!m.find()) {
      return new ServerFlavor(maria, 0, 0, 0);
    }
    return new ServerFlavor(
        maria,
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)));
  }

  /** Whether the server is at least this version (within its own family). */
  boolean atLeast(int maj, int min, int pat) {
    if (major != maj) {
      return major > maj;
    }
    if (minor != min) {
      return minor > min;
    }
    return patch >= pat;
  }

  /** ADD COLUMN at the end of the table without a rebuild. */
  boolean instantAddColumn() {
    return mariaDb ? atLeast(10, 3, 2) : atLeast(8, 0, 12);
  }

  /** RENAME COLUMN as a metadata-only change. */
  boolean instantRenameColumn() {
    return mariaDb ? atLeast(10, 3, 0) : atLeast(8, 0, 28);
  }

  /** DROP COLUMN without a rebuild. */
  boolean instantDropColumn() {
    return mariaDb ? atLeast(10, 4, 0) : atLeast(8, 0, 29);
  }

  /**
   * Indexes kept up to date but hidden from the optimizer: MySQL's INVISIBLE, MariaDB's IGNORED.
   */
  boolean invisibleIndexes() {
    return mariaDb ? atLeast(10, 6, 0) : atLeast(8, 0, 0);
  }

  /** The index option that hides an index, or shows it again. */
  String indexVisibility(boolean invisible) {
    if (mariaDb) {
      return invisible ? "IGNORED" : "NOT IGNORED";
    }
    return invisible ? "INVISIBLE" : "VISIBLE";
  }

  /**
   * Whether collations are named per character set in the catalog's FULL_COLLATION_NAME (MariaDB
   * 10.10+, where one collation such as {@code uca1400_ai_ci} serves several character sets).
   */
  boolean fullCollationNames() {
    return mariaDb && atLeast(10, 10, 0);
  }

  /** Expression parts in indexes ({@code INDEX ((lower(x)))}); MariaDB has none. */
  boolean functionalIndexes() {
    return !mariaDb && atLeast(8, 0, 13);
  }

  @Override
  public String toString() {
    return (mariaDb ? "MariaDB " : "MySQL ")
        + major
        + "."
        + minor
        + "."
        + patch
        + (lowerCaseNames ? " (lower-case table names)" : "");
  }
}
