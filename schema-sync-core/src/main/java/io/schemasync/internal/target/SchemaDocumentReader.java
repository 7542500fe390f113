package io.schemasync.internal.target;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.Routine.RoutineKind;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads a full schema document: {@code tables}, {@code views}, {@code enums}, {@code domains},
 * {@code sequences}, {@code routines} and the {@code identifiers} mode.
 */
final class SchemaDocumentReader {
  static final List<String> KEYS =
      List.of(
          "identifiers",
          "tables",
          "views",
          "enums",
          "domains",
          "sequences",
          "routines",
          "extensions");

  private static final List<String> VIEW_KEYS = List.of("name", "definition", "materialized");
  private static final List<String> ENUM_KEYS = List.of("name", "values");
  private static final List<String> DOMAIN_KEYS =
      List.of("name", "type", "notNull", "default", "checks");
  private static final List<String> DOMAIN_CHECK_KEYS = List.of("name", "expression");
  private static final List<String> SEQUENCE_KEYS =
      List.of("name", "start", "increment", "min", "max", "cycle", "ownedBy");
  private static final List<String> ROUTINE_KEYS =
      List.of("name", "kind", "arguments", "returns", "language", "body");

  private final PropertyReader document;
  private final IdentifierRules rules;
  private final SchemaPart part = SchemaPart.empty();

  private SchemaDocumentReader(PropertyReader document, IdentifierRules rules) {
    this.document = document;
    this.rules = rules;
  }

  static SchemaPart read(LocatedNode root, Problems problems) {
    PropertyReader document = PropertyReader.of(root, "the schema document", "", problems);
    if (document == null) {
      return SchemaPart.empty();
    }
    document.allowOnly(KEYS);
    return new SchemaDocumentReader(document, identifierRules(root, problems)).readAll();
  }

  /** The {@code identifiers:} mode of a file: strict unless it says quoted. */
  static IdentifierRules identifierRules(LocatedNode root, Problems problems) {
    PropertyReader r = PropertyReader.of(root, "the schema document", "", new Problems());
    if (r == null || !r.has("identifiers")) {
      return IdentifierRules.STRICT;
    }
    // Read again with the real problem list so a bad value is reported once, here.
    Boolean quoted =
        PropertyReader.of(root, "the schema document", "", problems)
            .choice("identifiers", Vocabulary.IDENTIFIERS_QUOTED);
    return quoted != null && quoted ? IdentifierRules.QUOTED : IdentifierRules.STRICT;
  }

  private SchemaPart readAll() {
    List<LocatedNode> tables = document.list("tables");
    for (int i = 0; i < tables.size(); i++) {
      DeclaredTable table =
          TableReader.read(
              tables.get(i), i, "name", List.of(), rules, part.sourceMap(), document.problems());
      if (table != null) {
        part.tables().add(table);
      }
    }
    each("views", "view", VIEW_KEYS, this::view);
    each("enums", "enum", ENUM_KEYS, this::enumType);
    each("domains", "domain", DOMAIN_KEYS, this::domain);
    each("sequences", "sequence", SEQUENCE_KEYS, this::sequence);
    each("routines", "routine", ROUTINE_KEYS, this::routine);
    extensions();
    return part;
  }

  /**
   * {@code extensions: [citext, btree_gist]}: names as the engine knows them ({@code uuid-ossp} has
   * a hyphen), so checked only for being printable and short.
   */
  private void extensions() {
    List<LocatedNode> elements = document.list("extensions");
    for (int i = 0; i < elements.size(); i++) {
      LocatedNode element = elements.get(i);
      var at = element.at("extensions[" + i + "]");
      if (!(element instanceof LocatedNode.Scalar s)
          || s.kind() != LocatedNode.ScalarKind.TEXT
          || s.text().isBlank()) {
        document.problems().add(at, "'extensions' lists extension names (text), e.g. [citext]");
        continue;
      }
      String name = s.text().strip();
      if (name.length() > 63 || name.chars().anyMatch(Character::isISOControl)) {
        document
            .problems()
            .add(
                at,
                "extension name '"
                    + IdentifierRules.show(name)
                    + "' is not an extension name; write it as CREATE EXTENSION takes it");
        continue;
      }
      part.sourceMap().put(at, "extensions", name);
      part.extensions().add(new Located<>(name, at));
    }
  }

  /** Reads every mapping of a top-level list whose entries have a required name. */
  private void each(
      String key, String kind, List<String> keys, BiConsumer<PropertyReader, String> body) {
    List<LocatedNode> elements = document.list(key);
    for (int i = 0; i < elements.size(); i++) {
      LocatedNode element = elements.get(i);
      PropertyReader r =
          PropertyReader.of(
              element, kind + " " + (i + 1), key + "[" + i + "]", document.problems());
      if (r == null) {
        continue;
      }
      String name = r.name("name", kind, rules);
      if (name == null) {
        r.allowOnly(keys);
        continue;
      }
      r =
          PropertyReader.of(
              element,
              kind + " " + IdentifierRules.show(name),
              key + "." + name,
              document.problems());
      r.allowOnly(keys);
      part.sourceMap().put(r.location(), key, name);
      body.accept(r, name);
    }
  }

  private void view(PropertyReader r, String name) {
    String definition = r.requiredString("definition");
    boolean materialized = r.bool("materialized", false);
    if (definition != null) {
      part.views().add(new Located<>(new View(name, definition, materialized), r.location()));
    }
  }

  private void enumType(PropertyReader r, String name) {
    if (!r.has("values")) {
      r.problems()
          .add(r.location(), "missing 'values' in " + r.what() + "; list its labels in order");
      return;
    }
    List<String> values = r.strings("values");
    UniqueNames labels = new UniqueNames(r.problems());
    List<String> distinct = new ArrayList<>();
    for (String value : values) {
      if (labels.claim(
          value,
          "value '" + IdentifierRules.show(value) + "' of " + r.what(),
          r.location("values"))) {
        distinct.add(value);
      }
    }
    if (distinct.isEmpty()) {
      r.problems().add(r.location("values"), r.what() + " has no values; list at least one");
      return;
    }
    part.enums().add(new Located<>(new EnumType(name, distinct), r.location()));
  }

  private void domain(PropertyReader r, String name) {
    String type = r.requiredString("type");
    if (type != null) {
      part.sourceMap().put(r.location("type"), "domains", name, "type");
    }
    boolean notNull = r.bool("notNull", false);
    String defaultValue = r.text("default");
    List<CheckConstraint> checks = new ArrayList<>();
    UniqueNames keys = new UniqueNames(r.problems());
    List<LocatedNode> elements = r.list("checks");
    for (int i = 0; i < elements.size(); i++) {
      PropertyReader c =
          PropertyReader.of(
              elements.get(i),
              "check " + (i + 1) + " of " + r.what(),
              r.path() + ".checks[" + i + "]",
              r.problems());
      if (c == null) {
        continue;
      }
      c.allowOnly(DOMAIN_CHECK_KEYS);
      String checkName = c.has("name") ? c.name("name", "check", rules) : null;
      String expression = c.has("expression") ? c.text("expression") : null;
      if (!c.has("expression")) {
        c.problems().add(c.location(), "missing 'expression' in " + c.what());
      } else if (expression != null) {
        CheckConstraint check = new CheckConstraint(checkName, expression);
        if (keys.claim(
            check.key(),
            "check " + IdentifierRules.show(check.key()) + " of " + r.what(),
            c.location())) {
          checks.add(check);
        }
      }
    }
    if (type != null) {
      part.domains()
          .add(
              new Located<>(
                  new DomainType(name, type, notNull, defaultValue, checks), r.location()));
    }
  }

  private void sequence(PropertyReader r, String name) {
    Long start = r.integer("start");
    Long increment = r.integer("increment");
    Long min = r.integer("min");
    Long max = r.integer("max");
    boolean cycle = r.bool("cycle", false);
    String ownedBy = r.string("ownedBy");
    if (ownedBy != null) {
      part.sourceMap().put(r.location("ownedBy"), "sequences", name, "ownedBy");
    }
    if (increment != null && increment == 0) {
      r.problems().add(r.location("increment"), "'increment' of " + r.what() + " must not be 0");
      return;
    }
    if (min != null && max != null && min > max) {
      r.problems().add(r.location("min"), r.what() + " has min " + min + " above max " + max);
      return;
    }
    long step = increment == null ? 1 : increment;
    // Like PostgreSQL: an ascending sequence starts at its minimum, a descending one at its
    // maximum.
    long first =
        start != null ? start : step > 0 ? (min != null ? min : 1) : (max != null ? max : -1);
    if ((min != null && first < min) || (max != null && first > max)) {
      r.problems().add(r.location("start"), r.what() + " starts at " + first + ", outside min/max");
      return;
    }
    Sequence sequence =
        r.problems()
            .build(r.location(), () -> new Sequence(name, first, step, min, max, cycle, ownedBy));
    if (sequence != null) {
      part.sequences().add(new Located<>(sequence, r.location()));
    }
  }

  private void routine(PropertyReader r, String name) {
    RoutineKind kind =
        r.has("kind") ? r.choice("kind", Vocabulary.ROUTINE_KIND) : RoutineKind.FUNCTION;
    String arguments = r.text("arguments");
    String returns = r.string("returns");
    String language = r.string("language");
    String body = r.requiredString("body");
    if (kind == RoutineKind.FUNCTION && returns == null && !r.has("returns")) {
      r.problems()
          .add(
              r.location(),
              r.what() + " is a function and needs 'returns' (or write kind: procedure)");
      return;
    }
    if (kind == RoutineKind.PROCEDURE && r.has("returns")) {
      r.problems()
          .add(
              r.location("returns"),
              r.what() + " is a procedure, which returns nothing; remove 'returns'");
      return;
    }
    if (kind == null || body == null) {
      return;
    }
    Routine routine =
        r.problems()
            .build(r.location(), () -> new Routine(name, kind, arguments, returns, language, body));
    if (routine != null) {
      part.routines().add(new Located<>(routine, r.location()));
    }
  }
}
