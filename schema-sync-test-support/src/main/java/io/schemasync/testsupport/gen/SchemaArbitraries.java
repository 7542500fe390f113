package io.schemasync.testsupport.gen;

import io.schemasync.api.model.SchemaSnapshot;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * jqwik arbitraries of random, valid, engine-portable schemas, and of pairs of a schema and a
 * changed version of it, for property tests of snapshots, diffs and migrations.
 *
 * <p>A generated schema has one to six tables of one to eight columns (plus the columns of its
 * foreign keys), named from a fixed pool of identifiers, typed from {@link #types} (a SQLite
 * friendly list by default). Tables may have a primary key (NOT NULL columns of {@link #keyTypes
 * key types}), unnamed unique constraints, checks such as {@code "qty" >= 0}, unnamed foreign keys
 * to the primary key of a table generated before them (so never a cycle), and indexes named {@code
 * idx_<table>_<n>}, some unique, some partial ({@code WHERE "col" IS NOT NULL}). Views are {@code
 * SELECT "a", "b" FROM "t"}. There are no triggers, routines, enums, domains or sequences. SQL
 * fragments quote identifiers with double quotes, as standard SQL does.
 *
 * <pre>{@code
 * @Property(tries = 100)
 * void migratesToTarget(@ForAll("evolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) { ... }
 *
 * @Provide
 * Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> evolutions() {
 *   return SchemaArbitraries.defaults().evolutions();
 * }
 * }</pre>
 *
 * <p>Instances are immutable; every {@code with...} method returns a new one. All randomness comes
 * from jqwik, so a failing property replays with its seed and shrinks towards fewer tables, columns
 * and features.
 */
public final class SchemaArbitraries {
  /** The default column types: what SQLite stores and reports back as written. */
  public static final List<String> SQLITE_TYPES =
      List.of("INTEGER", "TEXT", "REAL", "BLOB", "NUMERIC(10,2)", "VARCHAR(40)", "BOOLEAN");

  /**
   * The default types of key, unique, foreign key and index columns: ones every engine can index
   * without a prefix length (MySQL cannot index TEXT or BLOB whole) and compare exactly.
   */
  public static final List<String> SQLITE_KEY_TYPES =
      List.of("INTEGER", "VARCHAR(40)", "NUMERIC(10,2)");

  // Decisions per table, per mutation and for the views: more than the largest one takes (a run
  // that is too short answers 0, the simplest choice, so this only bounds variety).
  private static final int TABLE_CHOICES = 120;
  private static final int MUTATION_CHOICES = 120;
  private static final int VIEW_CHOICES = 16;
  private static final int MAX_MUTATIONS = 4;

  private final Settings settings;

  private SchemaArbitraries(Settings settings) {
    this.settings = settings;
  }

  /** Everything on except hard-to-quote names, with {@link #SQLITE_TYPES}. */
  public static SchemaArbitraries defaults() {
    return new SchemaArbitraries(Settings.defaults(SQLITE_TYPES, SQLITE_KEY_TYPES));
  }

  /**
   * The column types to draw from, spelled as the engine under test reports them back (e.g. {@code
   * integer}, {@code character varying(40)} for PostgreSQL). Key types that are not among them are
   * dropped.
   */
  public SchemaArbitraries withTypes(List<String> types) {
    List<String> keys = settings.keyTypes().stream().filter(types::contains).toList();
    return with(types, keys.isEmpty() ? List.of(types.get(0)) : keys);
  }

  /** The types allowed in primary keys, unique constraints, foreign keys and indexes. */
  public SchemaArbitraries withKeyTypes(List<String> keyTypes) {
    return with(settings.types(), keyTypes);
  }

  /**
   * Whether table and column names may also be keywords, mixed case, or contain spaces and quote
   * characters ({@code order}, {@code Mixed Case}, {@code we"ird}, {@code it's}).
   */
  public SchemaArbitraries withQuotedNames(boolean enabled) {
    return new SchemaArbitraries(settings.with(Settings.Part.QUOTED_NAMES, enabled));
  }

  /** Whether columns may have constant defaults. */
  public SchemaArbitraries withDefaults(boolean enabled) {
    return new SchemaArbitraries(settings.with(Settings.Part.DEFAULTS, enabled));
  }

  /** Whether tables may have check constraints. */
  public SchemaArbitraries withChecks(boolean enabled) {
    return new SchemaArbitraries(settings.with(Settings.Part.CHECKS, enabled));
  }

  /** Whether tables may have foreign keys. */
  public SchemaArbitraries withForeignKeys(boolean enabled) {
    return new SchemaArbitraries(settings.with(Settings.Part.FOREIGN_KEYS, enabled));
  }

  /** Whether indexes may be partial (MySQL has no partial indexes). */
  public SchemaArbitraries withPartialIndexes(boolean enabled) {
    return new SchemaArbitraries(settings.with(Settings.Part.PARTIAL_INDEXES, enabled));
  }

  /** Whether the schema may have views. */
  public SchemaArbitraries withViews(boolean enabled) {
    return new SchemaArbitraries(settings.with(Settings.Part.VIEWS, enabled));
  }

  /**
   * Which column type changes an evolution may make, as (from, to) pairs; all by default. An engine
   * that cannot convert between some types even in an empty table (PostgreSQL has no cast from
   * {@code integer} to {@code bytea}) says so here, so that evolutions stay ones it can apply.
   */
  public SchemaArbitraries withTypeChanges(BiPredicate<String, String> allowed) {
    return new SchemaArbitraries(settings.withTypeChanges(allowed));
  }

  /** Random valid schemas. */
  public Arbitrary<SchemaSnapshot> schemas() {
    SchemaGenerator generator = new SchemaGenerator(settings);
    return Combinators.combine(tableChoices(), choices(VIEW_CHOICES)).as(generator::generate);
  }

  /**
   * A random valid schema and a valid schema that differs from it (never the same hash) by one to
   * four changes: tables added or dropped; columns added (nullable or with a default), dropped, or
   * altered in type, nullability (made NOT NULL only with a default) or default; indexes, unique
   * constraints, checks, foreign keys and views added or dropped. No renames.
   */
  public Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> evolutions() {
    SchemaGenerator generator = new SchemaGenerator(settings);
    SchemaEvolver evolver = new SchemaEvolver(settings);
    Arbitrary<List<Choices>> mutations =
        choices(MUTATION_CHOICES).list().ofMinSize(1).ofMaxSize(MAX_MUTATIONS);
    return Combinators.combine(tableChoices(), choices(VIEW_CHOICES), mutations)
        .as(
            (tables, views, changes) -> {
              SchemaSnapshot from = generator.generate(tables, views);
              return Tuple.of(from, evolver.evolve(from, changes));
            });
  }

  /**
   * Copies of the schema rebuilt from its parts in random orders; each equals the original. With
   * {@code shuffleColumns}, the columns of each table are shuffled too: the copy then differs in
   * declared column order only, and still has the same {@link SchemaSnapshot#hash()}.
   */
  public static Arbitrary<SchemaSnapshot> reorderings(
      SchemaSnapshot schema, boolean shuffleColumns) {
    return Arbitraries.randoms().map(random -> reorder(schema, random, shuffleColumns));
  }

  /** The schema rebuilt from its parts handed over in random order; equal to the original. */
  public static SchemaSnapshot reorder(SchemaSnapshot schema, Random random) {
    return Reordering.reorder(schema, random, false);
  }

  /**
   * Like {@link #reorder(SchemaSnapshot, Random)}, optionally also shuffling each table's columns
   * (which changes the declared order but not the hash).
   */
  public static SchemaSnapshot reorder(
      SchemaSnapshot schema, Random random, boolean shuffleColumns) {
    return Reordering.reorder(schema, random, shuffleColumns);
  }

  private SchemaArbitraries with(List<String> types, List<String> keyTypes) {
    return new SchemaArbitraries(settings.withTypes(types, keyTypes));
  }

  // One list per table, so that shrinking can remove whole tables before simplifying the rest.
  private static Arbitrary<List<Choices>> tableChoices() {
    return choices(TABLE_CHOICES).list().ofMinSize(1).ofMaxSize(SchemaGenerator.MAX_TABLES);
  }

  private static Arbitrary<Choices> choices(int count) {
    return Arbitraries.integers()
        .between(0, 9_999)
        .withDistribution(RandomDistribution.uniform())
        .list()
        .ofSize(count)
        .map(Choices::new);
  }
}
