package io.schemasync.testsupport.gen;

import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a whole valid schema from a run of {@link Choices}: one to six tables, each table's
 * foreign keys pointing only at tables built before it (so there are no cycles), and views over
 * them.
 */
final class SchemaGenerator {
  static final int MAX_TABLES = 6;
  static final int MAX_VIEWS = 2;

  private final Settings settings;
  private final TableGenerator tables;

  SchemaGenerator(Settings settings) {
    this.settings = settings;
    this.tables = new TableGenerator(settings);
  }

  /**
   * One table per element of {@code tableChoices} (each table decided by its own run, so that
   * shrinking can drop whole tables), then views decided by {@code viewChoices}.
   */
  SchemaSnapshot generate(List<Choices> tableChoices, Choices viewChoices) {
    List<Table> built = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Choices c : tableChoices.subList(0, Math.min(MAX_TABLES, tableChoices.size()))) {
      String name = Names.pick(settings.tableNames(), c.below(settings.tableNames().size()), used);
      used.add(name);
      built.add(tables.table(c, name, List.copyOf(built)));
    }
    if (built.isEmpty()) {
      throw new IllegalArgumentException("a generated schema needs at least one table");
    }
    List<View> views = new ArrayList<>();
    if (settings.views()) {
      Choices c = viewChoices;
      for (int i = c.below(MAX_VIEWS + 1); i > 0; i--) {
        Table table = c.oneOf(built);
        tables.view(c, table, viewName(table.name(), views.size() + 1)).ifPresent(views::add);
      }
    }
    return SchemaSnapshot.ofTables(built).withViews(views);
  }

  static String viewName(String table, int n) {
    return "v_" + table + "_" + n;
  }
}
