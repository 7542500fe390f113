package io.schemasync.mysql;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SourceLocation;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The pure part of target normalization: rejects what MySQL cannot hold, with a message saying what
 * to write instead, and gives every object the name and shape the inspector will report (unnamed
 * keys named as MySQL would, unique indexes read back as unique constraints, foreign keys given the
 * index InnoDB creates for them).
 */
final class TargetRules {
  private final ServerFlavor flavor;

  TargetRules(ServerFlavor flavor) {
    this.flavor = flavor;
  }

  SchemaSnapshot apply(SchemaSnapshot s) {
    if (!s.enums().isEmpty() || !s.domains().isEmpty()) {
      String what =
          !s.enums().isEmpty()
              ? "enum type " + s.enums().get(0).name()
              : "domain " + s.domains().get(0).name();
      throw invalid(
          what,
          "MySQL has no named enum or domain types; use an enum('a','b') column"
              + " type or a CHECK constraint instead");
    }
    List<Sequence> sequences = new ArrayList<>();
    for (Sequence seq : s.sequences()) {
      String what = "sequence " + seq.name();
      name(seq.name(), what);
      if (!flavor.mariaDb()) {
        throw invalid(
            what, "MySQL has no sequences; use an AUTO_INCREMENT column (MariaDB has them)");
      }
      if (seq.ownedBy() != null) {
        throw invalid(
            what,
            "MariaDB sequences cannot be owned by a column; drop ownedBy and use"
                + " DEFAULT NEXTVAL("
                + seq.name()
                + ") on the column");
      }
      sequences.add(SequenceSupport.normalize(seq));
    }
    for (View v : s.views()) {
      name(v.name(), "view " + v.name());
      if (v.materialized()) {
        throw invalid(
            "view " + v.name(), "MySQL has no materialized views; declare a plain view or a table");
      }
    }
    List<Routine> routines = new ArrayList<>();
    for (Routine r : s.routines()) {
      name(r.name(), "routine " + r.name());
      routines.add(new Routine(r.name(), r.kind(), r.arguments(), r.returns(), null, r.body()));
    }
    List<Table> tables = s.tables().stream().map(this::table).toList();
    List<View> views = s.views();
    if (flavor.lowerCaseNames()) {
      tables = tables.stream().map(TargetRules::lowerCaseNames).toList();
      views =
          views.stream()
              .map(v -> new View(lower(v.name()), v.definition(), v.materialized()))
              .toList();
    }
    return new SchemaSnapshot(tables, views, routines, List.of(), List.of(), sequences);
  }

  private Table table(Table t) {
    String owner = "table " + t.name();
    name(t.name(), owner);
    List<Column> columns = new ArrayList<>();
    for (Column c : t.columns()) {
      name(c.name(), owner + " column " + c.name());
      String type = MysqlTypes.normalize(c.type()).orElse(c.type());
      Column n =
          c.withType(type)
              .withIdentity(c.identity() == null ? null : Identity.BY_DEFAULT)
              .withDefaultValue(
                  c.generated() != null
                      ? null
                      : MysqlDefaults.withPrecision(
                          MysqlDefaults.fromTarget(c.defaultValue(), type), type))
              .withCollation(
                  type.equals("json") || c.collation() == null
                      ? null
                      : TableOptionRules.collation(c.collation()));
      columns.add(n);
    }
    Set<String> keyNames = new HashSet<>();
    t.indexes().forEach(ix -> keyNames.add(ix.name().toLowerCase(Locale.ROOT)));
    t.uniques().stream()
        .filter(u -> u.name() != null)
        .forEach(u -> keyNames.add(u.name().toLowerCase(Locale.ROOT)));

    List<UniqueConstraint> uniques = new ArrayList<>();
    for (UniqueConstraint u : t.uniques()) {
      uniques.add(
          u.name() != null
              ? u
              : new UniqueConstraint(freeName(u.columns().get(0), keyNames), u.columns()));
    }
    List<Index> indexes = new ArrayList<>();
    for (Index ix : t.indexes()) {
      name(ix.name(), owner + " index " + ix.name());
      if (ix.where() != null) {
        throw invalid(
            owner + " index " + ix.name(), "MySQL has no partial indexes; drop the where clause");
      }
      if (!ix.include().isEmpty()) {
        throw invalid(
            owner + " index " + ix.name(),
            "MySQL has no INCLUDE columns; add them as key parts or drop them");
      }
      String method =
          ix.method() == null || ix.method().equalsIgnoreCase("btree")
              ? null
              : ix.method().toLowerCase(Locale.ROOT);
      for (IndexPart p : ix.parts()) {
        if (p.expression() != null
            && flavor.mariaDb()
            && !MysqlDdl.PREFIX_PART.matcher(p.expression()).matches()) {
          throw invalid(
              owner + " index " + ix.name(),
              "MariaDB has no expression indexes; index a"
                  + " generated column instead (a column prefix is written `name`(10))");
        }
      }
      if (ix.invisible() && !flavor.invisibleIndexes()) {
        throw invalid(
            owner + " index " + ix.name(),
            flavor
                + " cannot hide an index from the optimizer (MySQL 8.0 and MariaDB 10.6 can);"
                + " drop 'invisible', or drop the index");
      }
      boolean plain = ix.parts().stream().allMatch(p -> p.column() != null && !p.descending());
      if (ix.unique() && plain && method == null && !ix.invisible()) {
        uniques.add(new UniqueConstraint(ix.name(), ix.columnNames()));
      } else {
        indexes.add(
            new Index(
                ix.name(),
                ix.parts(),
                ix.unique(),
                null,
                method,
                List.of(),
                ix.invisible(),
                false));
      }
    }
    List<CheckConstraint> checks = new ArrayList<>();
    int n = 0;
    for (CheckConstraint ck : t.checks()) {
      checks.add(
          ck.name() != null
              ? ck
              : new CheckConstraint(MysqlNames.fit(t.name() + "_chk_" + (++n)), ck.expression()));
    }
    List<ForeignKey> fks = new ArrayList<>();
    int f = 0;
    for (ForeignKey fk : t.foreignKeys()) {
      if (fk.deferrable()) {
        throw invalid(
            owner + " foreign key " + fk.key(),
            "InnoDB checks foreign keys at once and cannot defer them; drop deferrable");
      }
      if (fk.onDelete() == ReferentialAction.SET_DEFAULT
          || fk.onUpdate() == ReferentialAction.SET_DEFAULT) {
        throw invalid(
            owner + " foreign key " + fk.key(),
            "InnoDB rejects SET DEFAULT; use SET NULL, CASCADE, RESTRICT or NO ACTION");
      }
      String name = fk.name() != null ? fk.name() : MysqlNames.fit(t.name() + "_ibfk_" + (++f));
      fks.add(
          new ForeignKey(
              name,
              fk.columns(),
              fk.referencedTable(),
              fk.referencedColumns(),
              action(fk.onDelete()),
              action(fk.onUpdate()),
              false));
    }
    TableOptions options = TableOptionRules.normalize(t.options(), owner);
    if (options != null && options.collation() != null) {
      // The inspector reports a column's collation only when it is not the table's.
      columns.replaceAll(
          c -> options.collation().equals(c.collation()) ? c.withCollation(null) : c);
    }
    Table shaped =
        new Table(
            t.name(),
            columns,
            t.primaryKey() == null
                ? null
                : new io.schemasync.api.model.PrimaryKey(null, t.primaryKey().columns()),
            uniques,
            checks,
            fks,
            indexes,
            t.triggers().stream().map(tr -> trigger(owner, tr)).toList(),
            t.comment(),
            options);
    return withForeignKeyIndexes(shaped);
  }

  /** The server folds table names (and so foreign key targets) to lower case: say so up front. */
  private static Table lowerCaseNames(Table t) {
    return t.withName(lower(t.name()))
        .withForeignKeys(
            t.foreignKeys().stream()
                .map(
                    fk ->
                        new ForeignKey(
                            fk.name(),
                            fk.columns(),
                            lower(fk.referencedTable()),
                            fk.referencedColumns(),
                            fk.onDelete(),
                            fk.onUpdate(),
                            fk.deferrable()))
                .toList());
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** InnoDB needs an index led by a foreign key's columns, and creates one named after the key. */
  private static Table withForeignKeyIndexes(Table t) {
    List<Index> indexes = new ArrayList<>(t.indexes());
    for (ForeignKey fk : t.foreignKeys()) {
      boolean covered =
          (t.primaryKey() != null && leads(t.primaryKey().columns(), fk.columns()))
              || t.uniques().stream().anyMatch(u -> leads(u.columns(), fk.columns()))
              || indexes.stream()
                  .anyMatch(
                      ix ->
                          ix.method() == null
                              && ix.parts().size() >= fk.columns().size()
                              && ix.parts().stream()
                                  .limit(fk.columns().size())
                                  .allMatch(p -> p.column() != null)
                              && leads(ix.columnNames(), fk.columns()));
      if (!covered) {
        indexes.add(Index.on(fk.name(), false, fk.columns()));
      }
    }
    return t.withIndexes(indexes);
  }

  private static boolean leads(List<String> columns, List<String> prefix) {
    return columns.size() >= prefix.size() && columns.subList(0, prefix.size()).equals(prefix);
  }

  private static ReferentialAction action(ReferentialAction a) {
    // InnoDB's NO ACTION is RESTRICT; MariaDB reports RESTRICT, MySQL reports what was written.
    return a == ReferentialAction.RESTRICT ? ReferentialAction.NO_ACTION : a;
  }

  private static Trigger trigger(String owner, Trigger t) {
    String where = owner + " trigger " + t.name();
    name(t.name(), where);
    if (t.events().size() != 1 || t.events().get(0) == TriggerEvent.TRUNCATE) {
      throw invalid(
          where,
          "a MySQL trigger fires on exactly one of INSERT, UPDATE or DELETE; declare one trigger per event");
    }
    if (t.timing() == TriggerTiming.INSTEAD_OF
        || !t.forEachRow()
        || t.when() != null
        || !t.updateOf().isEmpty()) {
      throw invalid(
          where,
          "MySQL triggers are BEFORE or AFTER, FOR EACH ROW, without WHEN or UPDATE OF; move the condition into the body");
    }
    return t;
  }

  private static String freeName(String base, Set<String> taken) {
    String candidate = MysqlNames.fit(base);
    for (int i = 2; taken.contains(candidate.toLowerCase(Locale.ROOT)); i++) {
      candidate = MysqlNames.fit(base + "_" + i);
    }
    taken.add(candidate.toLowerCase(Locale.ROOT));
    return candidate;
  }

  private static void name(String name, String what) {
    if (name.codePointCount(0, name.length()) > MysqlNames.MAX_IDENTIFIER) {
      throw invalid(what, "the name is longer than MySQL's 64 characters; shorten it");
    }
    if (name.endsWith(" ")) {
      throw invalid(what, "MySQL rejects names that end with a space");
    }
    if (!MysqlNames.inBasicPlane(name)) {
      throw invalid(
          what,
          "MySQL identifiers cannot hold characters outside the Basic Multilingual"
              + " Plane (such as emoji); rename it");
    }
  }

  static InvalidTargetException invalid(String objectPath, String message) {
    return new InvalidTargetException(
        new SourceLocation(null, 0, 0, objectPath), objectPath + ": " + message);
  }
}
