package io.schemasync.internal.target;

import static io.schemasync.internal.target.IdentifierRules.show;

import io.schemasync.api.SourceLocation;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names that must be unique across the schema, not just within their kind or table. A target has to
 * work on every engine, so the strictest engine's rule applies: PostgreSQL and SQLite keep tables,
 * views, sequences and indexes in one namespace; MySQL makes foreign key and check constraint names
 * schema-wide; SQLite and MySQL make trigger names schema-wide.
 */
final class NamespaceChecks {
  static final String CASE_RULE = ", and SQLite and MySQL compare names without regard to case";

  private final Problems problems;
  private final String rule;
  private final Map<String, Owner> owners = new HashMap<>();
  private final List<Owner> pending = new ArrayList<>();

  /** An object claiming a name, and where it was declared. */
  private record Owner(String name, String description, SourceLocation location) {}

  private NamespaceChecks(Problems problems, String rule) {
    this.problems = problems;
    this.rule = rule;
  }

  static void check(DeclaredSchema declared, Problems problems) {
    SchemaSnapshot schema = declared.snapshot();
    SourceMap sources = declared.sourceMap();
    NamespaceChecks relations =
        new NamespaceChecks(
            problems,
            "tables, views, sequences and indexes share one namespace (PostgreSQL, SQLite)");
    NamespaceChecks constraints =
        new NamespaceChecks(
            problems, "foreign key and check names are unique in the whole schema (MySQL)");
    NamespaceChecks triggers =
        new NamespaceChecks(
            problems, "trigger names are unique in the whole schema (SQLite, MySQL)");
    NamespaceChecks types = new NamespaceChecks(problems, "enums and domains are both types");
    schema
        .tables()
        .forEach(
            t ->
                relations.claim(
                    t.name(), "table " + show(t.name()), sources.at("tables", t.name())));
    schema
        .views()
        .forEach(
            v ->
                relations.claim(v.name(), "view " + show(v.name()), sources.at("views", v.name())));
    schema
        .sequences()
        .forEach(
            s ->
                relations.claim(
                    s.name(), "sequence " + show(s.name()), sources.at("sequences", s.name())));
    for (Table table : schema.tables()) {
      String t = table.name();
      String of = " of table " + show(t);
      for (Index index : table.indexes()) {
        relations.claim(
            index.name(),
            "index " + show(index.name()) + of,
            sources.at("tables", t, "indexes", index.name()));
      }
      if (table.primaryKey() != null && table.primaryKey().name() != null) {
        String name = table.primaryKey().name();
        relations.claim(
            name, "primary key " + show(name) + of, sources.at("tables", t, "primaryKey"));
      }
      for (UniqueConstraint unique : table.uniques()) {
        if (unique.name() != null) {
          relations.claim(
              unique.name(),
              "unique constraint " + show(unique.name()) + of,
              sources.at("tables", t, "uniques", unique.key()));
        }
      }
      for (ExclusionConstraint exclusion : table.exclusions()) {
        if (exclusion.name() != null) {
          relations.claim(
              exclusion.name(),
              "exclusion constraint " + show(exclusion.name()) + of,
              sources.at("tables", t, "exclusions", exclusion.key()));
        }
      }
      for (ForeignKey fk : table.foreignKeys()) {
        if (fk.name() != null) {
          constraints.claim(
              fk.name(),
              "foreign key " + show(fk.name()) + of,
              sources.at("tables", t, "foreignKeys", fk.key()));
        }
      }
      for (CheckConstraint check : table.checks()) {
        if (check.name() != null) {
          constraints.claim(
              check.name(),
              "check " + show(check.name()) + of,
              sources.at("tables", t, "checks", check.key()));
        }
      }
      for (Trigger trigger : table.triggers()) {
        triggers.claim(
            trigger.name(),
            "trigger " + show(trigger.name()) + of,
            sources.at("tables", t, "triggers", trigger.name()));
      }
    }
    schema
        .enums()
        .forEach(
            e -> types.claim(e.name(), "enum " + show(e.name()), sources.at("enums", e.name())));
    schema
        .domains()
        .forEach(
            d ->
                types.claim(d.name(), "domain " + show(d.name()), sources.at("domains", d.name())));
    for (NamespaceChecks namespace : List.of(relations, constraints, triggers, types)) {
      namespace.report();
    }
  }

  private void claim(String name, String description, SourceLocation location) {
    pending.add(new Owner(name, description, location));
  }

  /**
   * Reports the later of two owners of a name, in file order, whatever order the lists are sorted
   * in.
   */
  private void report() {
    pending.sort(Comparator.comparing(Owner::location, Problems.FILE_ORDER));
    for (Owner owner : pending) {
      Owner first = owners.putIfAbsent(owner.name().toLowerCase(Locale.ROOT), owner);
      if (first == null) {
        continue;
      }
      String clash =
          first.name().equals(owner.name())
              ? " is already used by "
              : " differs only in case from " + show(first.name()) + " of ";
      problems.add(
          owner.location(),
          "the name "
              + show(owner.name())
              + " of "
              + owner.description()
              + clash
              + first.description()
              + " (at "
              + UniqueNames.place(first.location())
              + "); "
              + rule
              + (first.name().equals(owner.name()) ? "" : CASE_RULE));
    }
  }
}
