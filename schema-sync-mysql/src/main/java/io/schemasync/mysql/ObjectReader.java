package io.schemasync.mysql;

import io.schemasync.api.model.Routine;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import io.schemasync.api.model.View;
import io.schemasync.mysql.CatalogQuery.Row;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads views, triggers and routines of many databases at once. Their text is the server's: view
 * definitions are rewritten by MySQL (the database qualifier is removed here so the same view reads
 * the same in every tenant); routine characteristics are put in front of the body.
 */
final class ObjectReader {
  private ObjectReader() {}

  static Map<String, List<View>> views(Connection c, Collection<String> schemas)
      throws SQLException {
    Map<String, List<Row>> rows =
        CatalogQuery.run(
            c,
            "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS"
                + " WHERE TABLE_SCHEMA IN ({schemas})",
            "TABLE_SCHEMA",
            schemas);
    Map<String, List<View>> result = new LinkedHashMap<>();
    rows.forEach(
        (schema, list) ->
            result.put(
                schema,
                list.stream()
                    .map(
                        r ->
                            new View(
                                r.get("TABLE_NAME"),
                                unqualify(nullToEmpty(r.get("VIEW_DEFINITION")), schema),
                                false))
                    .toList()));
    return result;
  }

  /** Triggers per database, then per table. */
  static Map<String, Map<String, List<Trigger>>> triggers(Connection c, Collection<String> schemas)
      throws SQLException {
    Map<String, List<Row>> rows =
        CatalogQuery.run(
            c,
            "SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_TIMING,"
                + " ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN ({schemas})",
            "TRIGGER_SCHEMA",
            schemas);
    Map<String, Map<String, List<Trigger>>> result = new LinkedHashMap<>();
    rows.forEach(
        (schema, list) -> {
          Map<String, List<Trigger>> byTable = new LinkedHashMap<>();
          for (Row r : list) {
            Trigger t =
                new Trigger(
                    r.get("TRIGGER_NAME"),
                    TriggerTiming.valueOf(r.get("ACTION_TIMING").toUpperCase(Locale.ROOT)),
                    List.of(
                        TriggerEvent.valueOf(r.get("EVENT_MANIPULATION").toUpperCase(Locale.ROOT))),
                    List.of(),
                    true,
                    null,
                    unqualify(nullToEmpty(r.get("ACTION_STATEMENT")), schema));
            byTable.computeIfAbsent(r.get("EVENT_OBJECT_TABLE"), k -> new ArrayList<>()).add(t);
          }
          result.put(schema, byTable);
        });
    return result;
  }

  static Map<String, List<Routine>> routines(Connection c, Collection<String> schemas)
      throws SQLException {
    Map<String, List<Row>> rows =
        CatalogQuery.run(
            c,
            "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION,"
                + " IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT"
                + " FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN ({schemas})",
            "ROUTINE_SCHEMA",
            schemas);
    Map<String, List<Row>> params =
        CatalogQuery.run(
            c,
            "SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION, PARAMETER_MODE,"
                + " PARAMETER_NAME, DTD_IDENTIFIER FROM information_schema.PARAMETERS"
                + " WHERE SPECIFIC_SCHEMA IN ({schemas}) AND ORDINAL_POSITION > 0"
                + " ORDER BY SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION",
            "SPECIFIC_SCHEMA",
            schemas);
    Map<String, List<Routine>> result = new LinkedHashMap<>();
    rows.forEach(
        (schema, list) -> {
          List<Routine> routines = new ArrayList<>();
          for (Row r : list) {
            boolean function = "FUNCTION".equals(r.get("ROUTINE_TYPE"));
            List<String> args = new ArrayList<>();
            for (Row p : params.get(schema)) {
              if (p.get("SPECIFIC_NAME").equals(r.get("ROUTINE_NAME"))
                  && r.get("ROUTINE_TYPE").equals(p.get("ROUTINE_TYPE"))) {
                String mode =
                    function || p.get("PARAMETER_MODE") == null
                        ? ""
                        : p.get("PARAMETER_MODE") + " ";
                args.add(
                    mode
                        + MysqlNames.quote(p.get("PARAMETER_NAME"))
                        + " "
                        + type(p.get("DTD_IDENTIFIER")));
              }
            }
            routines.add(
                new Routine(
                    r.get("ROUTINE_NAME"),
                    function ? Routine.RoutineKind.FUNCTION : Routine.RoutineKind.PROCEDURE,
                    String.join(", ", args),
                    function ? type(r.get("DTD_IDENTIFIER")) : null,
                    null,
                    characteristics(r)
                        + unqualify(nullToEmpty(r.get("ROUTINE_DEFINITION")), schema)));
          }
          result.put(schema, routines);
        });
    return result;
  }

  /** The characteristics that differ from MySQL's defaults, one per line, before the body. */
  private static String characteristics(Row r) {
    StringBuilder out = new StringBuilder();
    String comment = r.get("ROUTINE_COMMENT");
    if (comment != null && !comment.isEmpty()) {
      out.append("COMMENT ").append(MysqlNames.literal(comment)).append('\n');
    }
    if ("YES".equals(r.get("IS_DETERMINISTIC"))) {
      out.append("DETERMINISTIC\n");
    }
    String access = r.get("SQL_DATA_ACCESS");
    if (access != null && !access.equals("CONTAINS SQL")) {
      out.append(access).append('\n');
    }
    if ("INVOKER".equals(r.get("SECURITY_TYPE"))) {
      out.append("SQL SECURITY INVOKER\n");
    }
    return out.toString();
  }

  private static String type(String dtd) {
    if (dtd == null) {
      return "";
    }
    // MySQL appends the character set to string parameter types; the model keeps the type only.
    String bare =
        dtd.replaceAll("(?i)\\s+(CHARSET|CHARACTER SET)\\s+\\w+(\\s+COLLATE\\s+\\w+)?$", "");
    return MysqlTypes.normalize(bare).orElse(bare.toLowerCase(Locale.ROOT));
  }

  /**
   * Removes the {@code `db`.} qualifiers the server adds, so the text is the same in every tenant.
   */
  static String unqualify(String sql, String schema) {
    return sql.replace(MysqlNames.quote(schema) + ".", "");
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
