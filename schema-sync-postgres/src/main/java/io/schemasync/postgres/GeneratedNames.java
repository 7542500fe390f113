package io.schemasync.postgres;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.UniqueConstraint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names PostgreSQL gives unnamed constraints ({@code <table>_pkey}, {@code <table>_<cols>_key},
 * {@code <table>_<cols>_fkey}, {@code <table>_<col>_check}, {@code <table>_<cols>_excl}), shortened
 * the way its {@code makeObjectName} does and numbered on collision, so that a target without names
 * compares equal to what the server creates from it.
 */
final class GeneratedNames {
  private GeneratedNames() {}

  static SchemaSnapshot fill(SchemaSnapshot snapshot) {
    return snapshot.withTables(snapshot.tables().stream().map(GeneratedNames::fill).toList());
  }

  private static Table fill(Table table) {
    Set<String> used = new HashSet<>();
    table
        .constraints()
        .forEach(
            c -> {
              if (c.name() != null) {
                used.add(c.name());
              }
            });
    table.indexes().forEach(i -> used.add(i.name()));
    String t = table.name();
    PrimaryKey pk = table.primaryKey();
    if (pk != null && pk.name() == null) {
      pk = new PrimaryKey(choose(t, null, "pkey", used), pk.columns());
    }
    List<UniqueConstraint> uniques = new ArrayList<>();
    for (UniqueConstraint u : table.uniques()) {
      uniques.add(
          u.name() != null
              ? u
              : u.with(choose(t, String.join("_", u.columns()), "key", used), u.columns()));
    }
    List<ForeignKey> fks = new ArrayList<>();
    for (ForeignKey fk : table.foreignKeys()) {
      fks.add(
          fk.name() != null
              ? fk
              : new ForeignKey(
                  choose(t, String.join("_", fk.columns()), "fkey", used),
                  fk.columns(),
                  fk.referencedTable(),
                  fk.referencedColumns(),
                  fk.onDelete(),
                  fk.onUpdate(),
                  fk.deferrable()));
    }
    List<CheckConstraint> checks = new ArrayList<>();
    for (CheckConstraint check : table.checks()) {
      checks.add(
          check.name() != null
              ? check
              : new CheckConstraint(
                  choose(t, soleColumn(table, check.expression()), "check", used),
                  check.expression()));
    }
    List<ExclusionConstraint> exclusions = new ArrayList<>();
    for (ExclusionConstraint x : table.exclusions()) {
      exclusions.add(
          x.name() != null
              ? x
              : x.withName(
                  choose(
                      t,
                      String.join(
                          "_",
                          x.elements().stream()
                              .map(
                                  e -> e.column() != null ? e.column() : columnName(e.expression()))
                              .toList()),
                      "excl",
                      used)));
    }
    return table
        .withPrimaryKey(pk)
        .withUniques(uniques)
        .withForeignKeys(fks)
        .withChecks(checks)
        .withExclusions(exclusions);
  }

  /** What PostgreSQL's FigureColname calls an expression: a function call's name, else expr. */
  private static String columnName(String expression) {
    java.util.regex.Matcher call =
        java.util.regex.Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_$]*)\\s*\\(")
            .matcher(expression);
    return call.find() ? call.group(1).toLowerCase(Locale.ROOT) : "expr";
  }

  /** The one column a check mentions, as PostgreSQL names single-column checks after it. */
  private static String soleColumn(Table table, String expression) {
    String lower = expression.toLowerCase(Locale.ROOT);
    String found = null;
    for (Column column : table.columns()) {
      if (lower.matches(
          "(?s).*(?<![\\w\"])\"?"
              + java.util.regex.Pattern.quote(column.name().toLowerCase(Locale.ROOT))
              + "\"?(?![\\w\"]).*")) {
        if (found != null) {
          return null;
        }
        found = column.name();
      }
    }
    return found;
  }

  private static String choose(String table, String columns, String label, Set<String> used) {
    for (int n = 0; ; n++) {
      String suffix = n == 0 ? label : label + n;
      String name = makeObjectName(table, columns, suffix);
      if (used.add(name)) {
        return name;
      }
    }
  }

  /** PostgreSQL's makeObjectName: shortens the longer of the two name parts until it fits. */
  static String makeObjectName(String name1, String name2, String label) {
    String a = name1;
    String b = name2 == null ? "" : name2;
    int overhead = bytes(label) + 1 + (name2 == null ? 0 : 1);
    while (bytes(a) + bytes(b) + overhead > PgNames.MAX_BYTES) {
      if (bytes(a) > bytes(b)) {
        a = a.substring(0, a.offsetByCodePoints(a.length(), -1));
      } else {
        b = b.substring(0, b.offsetByCodePoints(b.length(), -1));
      }
    }
    return a + (name2 == null ? "" : "_" + b) + "_" + label;
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
