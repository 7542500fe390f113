package io.schemasync.postgres;

import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The schema-level objects read from the catalog, collected per schema. */
final class SchemaObjects {
  private final Map<String, List<View>> views = new HashMap<>();
  private final Map<String, List<Routine>> routines = new HashMap<>();
  private final Map<String, List<EnumType>> enums = new HashMap<>();
  private final Map<String, List<DomainType>> domains = new HashMap<>();
  private final Map<String, List<Sequence>> sequences = new HashMap<>();
  private final Map<String, List<String>> extensions = new HashMap<>();

  List<View> views(String schema) {
    return views.computeIfAbsent(schema, s -> new ArrayList<>());
  }

  List<Routine> routines(String schema) {
    return routines.computeIfAbsent(schema, s -> new ArrayList<>());
  }

  List<EnumType> enums(String schema) {
    return enums.computeIfAbsent(schema, s -> new ArrayList<>());
  }

  List<DomainType> domains(String schema) {
    return domains.computeIfAbsent(schema, s -> new ArrayList<>());
  }

  List<Sequence> sequences(String schema) {
    return sequences.computeIfAbsent(schema, s -> new ArrayList<>());
  }

  List<String> extensions(String schema) {
    return extensions.computeIfAbsent(schema, s -> new ArrayList<>());
  }

  SchemaSnapshot snapshot(String schema, List<Table> tables) {
    return new SchemaSnapshot(
        tables,
        views.getOrDefault(schema, List.of()),
        routines.getOrDefault(schema, List.of()),
        enums.getOrDefault(schema, List.of()),
        domains.getOrDefault(schema, List.of()),
        sequences.getOrDefault(schema, List.of()),
        extensions.getOrDefault(schema, List.of()));
  }
}
