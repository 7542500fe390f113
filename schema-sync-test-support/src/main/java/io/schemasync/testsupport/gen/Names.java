package io.schemasync.testsupport.gen;

import java.util.ArrayList;
import java.util.List;

/**
 * The identifiers generated schemas use. The plain pools are lower-case words that no engine
 * reserves; the quoted pools add keywords, mixed case, spaces and quote characters, which only work
 * when every identifier is quoted.
 *
 * <p>No two names in a pool differ only in case: SQLite and MySQL compare column names
 * case-insensitively. Foreign key columns ({@code fk<n>_...}), indexes ({@code idx_...}) and views
 * ({@code v_...}) use prefixes no pool name has, so they never clash with tables or columns.
 */
final class Names {
  static final List<String> TABLES =
      List.of(
          "accounts",
          "customers",
          "invoices",
          "items",
          "notes",
          "products",
          "payments",
          "shipments",
          "tags",
          "regions",
          "vendors",
          "widgets");

  static final List<String> TABLES_QUOTED =
      concat(TABLES, List.of("order", "select", "Mixed Case", "group", "we\"ird", "it's"));

  static final List<String> COLUMNS =
      List.of(
          "id",
          "name",
          "amount",
          "code",
          "qty",
          "note",
          "label",
          "price",
          "status",
          "score",
          "rank_no",
          "created_on",
          "weight",
          "color",
          "size_cm",
          "ref_code",
          "title",
          "city",
          "zip",
          "flag_a");

  static final List<String> COLUMNS_QUOTED =
      concat(
          COLUMNS,
          List.of(
              "order",
              "select",
              "Mixed Case",
              "group",
              "where",
              "key",
              "desc",
              "from",
              "we\"ird",
              "it's"));

  private Names() {}

  /** The first name of the pool at or after {@code start} (wrapping) not in {@code used}. */
  static String pick(List<String> pool, int start, java.util.Set<String> used) {
    for (int i = 0; i < pool.size(); i++) {
      String name = pool.get((start + i) % pool.size());
      if (!used.contains(name)) {
        return name;
      }
    }
    return null;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
