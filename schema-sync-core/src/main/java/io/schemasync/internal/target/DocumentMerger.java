package io.schemasync.internal.target;

import io.schemasync.api.change.RenameHints;
import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Merges the files of a schema directory into one schema. An object declared twice, in one file or
 * in two, is an error naming both places: silently letting one file win would make the result
 * depend on file names.
 */
final class DocumentMerger {
  private final Problems problems;
  private final SourceMap sourceMap = new SourceMap();
  private final UniqueNames tableNames;
  private final List<DeclaredTable> tables = new ArrayList<>();
  private final Kind<View> views;
  private final Kind<Routine> routines;
  private final Kind<EnumType> enums;
  private final Kind<DomainType> domains;
  private final Kind<Sequence> sequences;
  private final Kind<String> extensions;

  DocumentMerger(Problems problems) {
    this.problems = problems;
    this.tableNames = new UniqueNames(problems);
    this.views = new Kind<>("view", View::name);
    this.routines = new Kind<>("routine", Routine::key);
    this.enums = new Kind<>("enum", EnumType::name);
    this.domains = new Kind<>("domain", DomainType::name);
    this.sequences = new Kind<>("sequence", Sequence::name);
    this.extensions = new Kind<>("extension", e -> e);
  }

  void add(SchemaPart part) {
    sourceMap.putAll(part.sourceMap());
    for (DeclaredTable table : part.tables()) {
      String name = table.table().name();
      if (tableNames.claim(name, "table " + IdentifierRules.show(name), table.location())) {
        tables.add(table);
      }
    }
    views.addAll(part.views());
    routines.addAll(part.routines());
    enums.addAll(part.enums());
    domains.addAll(part.domains());
    sequences.addAll(part.sequences());
    extensions.addAll(part.extensions());
  }

  /** The merged schema; call only when no problem was recorded (duplicates are left out). */
  DeclaredSchema result() {
    List<Table> tableList = tables.stream().map(DeclaredTable::table).toList();
    SchemaSnapshot snapshot =
        new SchemaSnapshot(
            tableList,
            views.values,
            routines.values,
            enums.values,
            domains.values,
            sequences.values,
            extensions.values);
    Map<String, String> tableRenames = new LinkedHashMap<>();
    Map<String, Map<String, String>> columnRenames = new LinkedHashMap<>();
    for (DeclaredTable table : tables) {
      if (table.renamedFrom() != null) {
        tableRenames.put(table.table().name(), table.renamedFrom());
      }
      if (!table.columnRenames().isEmpty()) {
        columnRenames.put(table.table().name(), Map.copyOf(table.columnRenames()));
      }
    }
    return new DeclaredSchema(snapshot, new RenameHints(tableRenames, columnRenames), sourceMap);
  }

  /** The accepted objects of one kind and the names they claimed. */
  private final class Kind<T> {
    private final String kind;
    private final Function<T, String> key;
    private final UniqueNames names = new UniqueNames(problems);
    private final List<T> values = new ArrayList<>();

    Kind(String kind, Function<T, String> key) {
      this.kind = kind;
      this.key = key;
    }

    void addAll(List<Located<T>> declared) {
      for (Located<T> object : declared) {
        String k = key.apply(object.value());
        if (names.claim(k, kind + " " + IdentifierRules.show(k), object.location())) {
          values.add(object.value());
        }
      }
    }
  }
}
