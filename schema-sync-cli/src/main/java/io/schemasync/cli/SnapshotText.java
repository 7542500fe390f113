package io.schemasync.cli;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import io.schemasync.cli.Terminal.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints a snapshot for people: tables with aligned columns, then their keys, indexes, triggers.
 */
final class SnapshotText {
  private final Terminal term;

  SnapshotText(Terminal term) {
    this.term = term;
  }

  void print(SchemaSnapshot snapshot) {
    if (snapshot.isEmpty()) {
      term.println("  (empty schema)");
      return;
    }
    if (!snapshot.extensions().isEmpty()) {
      term.println(
          "  "
              + term.paint(Style.BOLD, "extensions")
              + " "
              + String.join(", ", snapshot.extensions()));
    }
    snapshot.tables().forEach(this::table);
    for (View view : snapshot.views()) {
      term.println(
          "  "
              + term.paint(
                  Style.BOLD,
                  (view.materialized() ? "materialized view " : "view ") + view.name()));
      term.println("    " + oneLine(view.definition()));
    }
    for (Routine routine : snapshot.routines()) {
      term.println(
          "  "
              + term.paint(
                  Style.BOLD, routine.kind().name().toLowerCase(Locale.ROOT) + " " + routine.key())
              + (routine.returns() == null ? "" : " returns " + routine.returns()));
    }
    for (EnumType type : snapshot.enums()) {
      term.println("  " + term.paint(Style.BOLD, "enum " + type.name()) + " " + type.values());
    }
    for (DomainType domain : snapshot.domains()) {
      term.println(
          "  " + term.paint(Style.BOLD, "domain " + domain.name()) + " " + domain.baseType());
    }
    for (Sequence sequence : snapshot.sequences()) {
      term.println("  " + term.paint(Style.BOLD, "sequence " + sequence.name()));
    }
  }

  private void table(Table table) {
    term.println(
        "  "
            + term.paint(Style.BOLD, "table " + table.name())
            + (table.partitionOf() == null
                ? ""
                : " partition of "
                    + table.partitionOf().parent()
                    + " "
                    + oneLine(table.partitionOf().bound()))
            + (table.partitionBy() == null
                ? ""
                : " partitioned by " + table.partitionBy().describe())
            + options(table.options()));
    int nameWidth = table.columns().stream().mapToInt(c -> c.name().length()).max().orElse(0);
    int typeWidth = table.columns().stream().mapToInt(c -> c.type().length()).max().orElse(0);
    for (Column column : table.columns()) {
      term.println(
          ("    "
                  + TextReport.pad(column.name(), nameWidth)
                  + "  "
                  + TextReport.pad(column.type(), typeWidth)
                  + "  "
                  + attributes(column))
              .stripTrailing());
    }
    if (table.primaryKey() != null) {
      term.println(
          "    primary key "
              + named(table.primaryKey().name())
              + cols(table.primaryKey().columns()));
    }
    for (UniqueConstraint unique : table.uniques()) {
      term.println(
          "    unique "
              + named(unique.name())
              + cols(unique.columns())
              + (unique.nullsNotDistinct() ? " nulls not distinct" : ""));
    }
    for (ExclusionConstraint exclusion : table.exclusions()) {
      term.println(
          "    exclude "
              + named(exclusion.name())
              + "using "
              + (exclusion.method() == null ? "btree" : exclusion.method())
              + " ("
              + exclusion.elements().stream()
                  .map(
                      e ->
                          (e.column() != null ? e.column() : "(" + oneLine(e.expression()) + ")")
                              + " with "
                              + e.operator())
                  .collect(Collectors.joining(", "))
              + ")"
              + (exclusion.where() == null ? "" : " where " + oneLine(exclusion.where())));
    }
    for (CheckConstraint check : table.checks()) {
      term.println("    check " + named(check.name()) + "(" + oneLine(check.expression()) + ")");
    }
    for (ForeignKey fk : table.foreignKeys()) {
      term.println(
          "    foreign key "
              + named(fk.name())
              + cols(fk.columns())
              + " -> "
              + fk.referencedTable()
              + cols(fk.referencedColumns())
              + action("on delete", fk.onDelete())
              + action("on update", fk.onUpdate()));
    }
    for (Index index : table.indexes()) {
      term.println(
          "    "
              + (index.unique() ? "unique index " : "index ")
              + index.name()
              + " ("
              + index.parts().stream().map(SnapshotText::part).collect(Collectors.joining(", "))
              + ")"
              + (index.method() == null ? "" : " using " + index.method())
              + (index.nullsNotDistinct() ? " nulls not distinct" : "")
              + (index.where() == null ? "" : " where " + oneLine(index.where()))
              + (index.invisible() ? " invisible" : ""));
    }
    for (Trigger trigger : table.triggers()) {
      term.println(
          "    trigger "
              + trigger.name()
              + " "
              + trigger.timing()
              + " "
              + trigger.events().stream().map(Enum::name).collect(Collectors.joining(" or "))
              + (trigger.forEachRow() ? " for each row" : "")
              + (trigger.when() == null ? "" : " when " + oneLine(trigger.when())));
    }
  }

  private static String options(TableOptions options) {
    if (options == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    if (options.engine() != null) {
      parts.add("engine " + options.engine());
    }
    if (options.charset() != null) {
      parts.add("charset " + options.charset());
    }
    if (options.collation() != null) {
      parts.add("collation " + options.collation());
    }
    return "  (" + String.join(", ", parts) + ")";
  }

  private static String attributes(Column column) {
    List<String> parts = new ArrayList<>();
    parts.add(column.nullable() ? "null" : "not null");
    if (column.defaultValue() != null) {
      parts.add("default " + column.defaultValue());
    }
    if (column.identity() != null) {
      parts.add("identity " + column.identity().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    if (column.generated() != null) {
      parts.add(
          "generated ("
              + oneLine(column.generated().expression())
              + ")"
              + (column.generated().stored() ? " stored" : ""));
    }
    if (column.collation() != null) {
      parts.add("collate " + column.collation());
    }
    return String.join("  ", parts);
  }

  private static String part(IndexPart part) {
    String key = part.column() != null ? part.column() : "(" + oneLine(part.expression()) + ")";
    return part.descending() ? key + " DESC" : key;
  }

  private static String action(String label, ReferentialAction action) {
    return action == ReferentialAction.NO_ACTION
        ? ""
        : " " + label + " " + action.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String named(String name) {
    return name == null ? "" : name + " ";
  }

  private static String cols(List<String> columns) {
    return "(" + String.join(", ", columns) + ")";
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
