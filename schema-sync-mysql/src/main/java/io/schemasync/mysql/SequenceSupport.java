package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlNames.quote;

import io.schemasync.api.model.Sequence;
import io.schemasync.mysql.CatalogQuery.Row;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MariaDB sequences (10.3+; MySQL has none): read from the sequence tables themselves, since
 * information_schema has no SEQUENCES view before MariaDB 11.5. A bound equal to MariaDB's default
 * for the sequence's direction reads as null, the model's "type default".
 */
final class SequenceSupport {
  private static final long ASC_MIN = 1L;
  private static final long ASC_MAX = 9223372036854775806L;
  private static final long DESC_MIN = -9223372036854775807L;
  private static final long DESC_MAX = -1L;

  private SequenceSupport() {}

  static Map<String, List<Sequence>> read(
      Connection c, Collection<String> schemas, ServerFlavor flavor) throws SQLException {
    Map<String, List<Sequence>> result = new LinkedHashMap<>();
    schemas.forEach(s -> result.put(s, new ArrayList<>()));
    if (!flavor.mariaDb()) {
      return result;
    }
    Map<String, List<Row>> rows =
        CatalogQuery.run(
            c,
            "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA IN ({schemas}) AND TABLE_TYPE = 'SEQUENCE'",
            "TABLE_SCHEMA",
            schemas);
    for (Map.Entry<String, List<Row>> e : rows.entrySet()) {
      for (Row r : e.getValue()) {
        result.get(e.getKey()).add(sequence(c, e.getKey(), r.get("TABLE_NAME")));
      }
    }
    return result;
  }

  private static Sequence sequence(Connection c, String schema, String name) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT start_value, minimum_value, maximum_value, increment,"
                    + " cycle_option FROM "
                    + quote(schema)
                    + "."
                    + quote(name))) {
      rs.next();
      long increment = rs.getLong(4);
      return normalize(
          new Sequence(
              name,
              rs.getLong(1),
              increment,
              rs.getLong(2),
              rs.getLong(3),
              rs.getInt(5) == 1,
              null));
    }
  }

  /** Bounds equal to the defaults for the direction become null. */
  static Sequence normalize(Sequence s) {
    boolean ascending = s.increment() > 0;
    Long min =
        s.minValue() != null && s.minValue() == (ascending ? ASC_MIN : DESC_MIN)
            ? null
            : s.minValue();
    Long max =
        s.maxValue() != null && s.maxValue() == (ascending ? ASC_MAX : DESC_MAX)
            ? null
            : s.maxValue();
    return new Sequence(s.name(), s.start(), s.increment(), min, max, s.cycle(), s.ownedBy());
  }

  static String create(Sequence s) {
    return "CREATE SEQUENCE " + quote(s.name()) + options(s);
  }

  static String alter(Sequence s) {
    return "ALTER SEQUENCE " + quote(s.name()) + options(s);
  }

  static String drop(Sequence s) {
    return "DROP SEQUENCE " + quote(s.name());
  }

  /** Bounds are always written out: MariaDB's NO MINVALUE ignores a negative increment. */
  private static String options(Sequence s) {
    boolean ascending = s.increment() > 0;
    long min = s.minValue() != null ? s.minValue() : ascending ? ASC_MIN : DESC_MIN;
    long max = s.maxValue() != null ? s.maxValue() : ascending ? ASC_MAX : DESC_MAX;
    return " START WITH "
        + s.start()
        + " INCREMENT BY "
        + s.increment()
        + " MINVALUE "
        + min
        + " MAXVALUE "
        + max
        + (s.cycle() ? " CYCLE" : " NOCYCLE");
  }
}
