package io.schemasync.postgres;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The pg_catalog queries the inspector runs. Each reads every selected schema at once ({@code
 * n.nspname = ANY(?::name[])}), so inspecting a thousand tenants costs the same handful of round
 * trips as inspecting one. Objects that belong to an extension are left out: the extension owns
 * them.
 *
 * <p>Each query reaches a catalog's rows of the selected schemas in one of two ways. As written, it
 * joins the catalog to pg_namespace: PostgreSQL scans the whole catalog, which is the fastest way
 * to read many schemas. But pg_class, pg_type and pg_proc have no index on the namespace alone, so
 * reading one schema that way costs as much as reading all of them (tens of milliseconds per query
 * on a database of a thousand tenants). {@link #forFewSchemas} rewrites a query to find the
 * schema's objects through their dependency on their namespace instead, which pg_depend indexes:
 * every relation, type and routine records one, as {@code DROP SCHEMA … CASCADE} needs it. The
 * queries for the parts of tables then take the oids of the tables {@link #TABLES} found ({@link
 * #perTable}). Those queries start each row with the table's oid rather than its schema and name,
 * and scanning they filter by the schemas' oids: see {@link #parameter}.
 */
final class CatalogQueries {
  private CatalogQueries() {}

  /**
   * Up to this many schemas, the queries always go through pg_depend (0.6 ms against 40 ms by scan
   * for the columns query of one schema among 1,000); above it, while they are few beside the
   * database's ({@link #throughIndexes}).
   */
  static final int FEW_SCHEMAS = 64;

  /**
   * Whether reading {@code selected} schemas of a database that holds {@code inDatabase} goes
   * through indexes: a scan reads every catalog row of the database, whichever schemas are selected
   * (and the dropped columns and dead rows of all of them), while the indexes reach only the
   * selected schemas' rows, at about 1.1 to 1.7 times the cost a row. Measured on a database of
   * 1,000 schemas of 20 tables, whole reads: 65 schemas 137 ms through indexes against 373 ms by
   * scan, 100 171 against 308, 300 464 against 481, 500 757 against 741, all 1,000 1,578 against
   * 1,449; so the indexes up to a quarter of the database's schemas.
   */
  static boolean throughIndexes(int selected, long inDatabase) {
    return selected <= FEW_SCHEMAS || selected * 4L <= inDatabase;
  }

  /**
   * The selected schemas. The names arrive as {@code text[]} and are compared as {@code name}s:
   * PostgreSQL hashes an array of the column's own type once, while {@code name = text} compares
   * each of pg_namespace's rows with every element in turn (9 ms against 1 ms a query for a
   * thousand schemas, paid again by each parallel worker). Tenant names longer than a {@code name}
   * are rejected before they get here, so the cast cuts nothing.
   */
  private static final String SELECTED = "n.nspname = ANY(?::name[])";

  private static final String RELATIONS = scan("pg_class", "c", "relnamespace");
  private static final String TYPES = scan("pg_type", "t", "typnamespace");
  private static final String PROCS = scan("pg_proc", "p", "pronamespace");

  private static String scan(String catalog, String alias, String namespaceColumn) {
    return catalog
        + " "
        + alias
        + " JOIN pg_namespace n ON n.oid = "
        + alias
        + "."
        + namespaceColumn;
  }

  private static String throughDependency(String catalog, String alias, String namespaceColumn) {
    return "pg_namespace n JOIN pg_depend nd ON nd.refclassid = 'pg_namespace'::regclass"
        + " AND nd.refobjid = n.oid AND nd.refobjsubid = 0"
        + " AND nd.classid = '"
        + catalog
        + "'::regclass JOIN "
        + catalog
        + " "
        + alias
        + " ON "
        + alias
        + ".oid = nd.objid AND "
        + alias
        + "."
        + namespaceColumn
        + " = n.oid";
  }

  /**
   * The same query, reaching its catalog rows through pg_depend's index on referenced objects; a
   * query that reads no catalog by namespace (pg_namespace itself is indexed) comes back unchanged.
   */
  static String forFewSchemas(String sql) {
    return sql.replace(RELATIONS, throughDependency("pg_class", "c", "relnamespace"))
        .replace(TYPES, throughDependency("pg_type", "t", "typnamespace"))
        .replace(PROCS, throughDependency("pg_proc", "p", "pronamespace"));
  }

  /** Every query, in the order the reader runs them. */
  static List<String> all() {
    return List.of(
        SCHEMAS,
        TABLES,
        COLUMNS,
        CONSTRAINTS,
        INDEXES,
        TRIGGERS,
        ROUTINES,
        USER_TYPES,
        OTHER_RELATIONS,
        EXTENSIONS);
  }

  /**
   * Leaves out the objects an extension owns. The members are found from pg_extension through
   * pg_depend's index on referenced objects, once per query: a per-row lookup of each object's
   * dependencies would scan pg_depend whole when many schemas are read.
   */
  private static String notExtensionMember(String catalog, String oid) {
    return " AND "
        + oid
        + " NOT IN (SELECT e.objid FROM pg_extension x JOIN pg_depend e"
        + " ON e.refclassid = 'pg_extension'::regclass AND e.refobjid = x.oid"
        + " WHERE e.classid = '"
        + catalog
        + "'::regclass AND e.deptype = 'e')";
  }

  private static final String NOT_EXTENSION_CLASS = notExtensionMember("pg_class", "c.oid");

  private static final String TABLES_FILTER =
      " "
          + SELECTED
          + " AND c.relkind IN ('r', 'p')"
          // bookkeeping of rollouts, written with the change: never part of the schema
          + " AND c.relname <> '"
          + io.schemasync.spi.CommitMarker.TABLE
          + "'"
          + NOT_EXTENSION_CLASS;

  /**
   * Stands for {@code i.indnullsnotdistinct} (PostgreSQL 15) in the query text; {@link #forServer}
   * replaces it by {@code false} on older servers, whose unique indexes always have distinct NULLs.
   */
  private static final String NULLS_NOT_DISTINCT = "{nulls_not_distinct}";

  /**
   * Leaves out a partition's copy of its parent's row trigger: PostgreSQL 13 marks it with {@code
   * tgparentid}, older servers mark it internal.
   */
  private static final String CLONED_TRIGGER = "{cloned_trigger}";

  private record Variant(String sql, boolean fewSchemas, int majorVersion) {}

  private static final Map<Variant, String> VARIANTS = new ConcurrentHashMap<>();

  /**
   * The text a reader sends: {@link #forFewSchemas} when it reads few schemas, then {@link
   * #forServer}. Built once per query, access path and server version, not once per execution:
   * every inspection of every tenant runs each query.
   */
  static String variant(String sql, boolean fewSchemas, int majorVersion) {
    return VARIANTS.computeIfAbsent(
        new Variant(sql, fewSchemas, majorVersion),
        v ->
            forServer(
                switch (parameter(v.sql(), v.fewSchemas(), v.majorVersion())) {
                  case TABLE_OIDS -> byTable(v.sql());
                  case SCHEMA_OIDS -> bySchemaOid(v.sql());
                  case SCHEMA_NAMES -> v.fewSchemas() ? forFewSchemas(v.sql()) : v.sql();
                },
                v.majorVersion()));
  }

  /** What the one parameter of a query's {@link #variant} holds. */
  enum Parameter {
    /** The selected schemas' names, as {@code text[]}. */
    SCHEMA_NAMES,
    /** The selected schemas' oids, which {@link #SCHEMAS} returns. */
    SCHEMA_OIDS,
    /** The oids of the tables {@link #TABLES} found. */
    TABLE_OIDS
  }

  /**
   * The parameter of a query's {@link #variant}. The {@link #perTable} queries take the tables'
   * oids when few schemas are read; scanning, they take the schemas' oids on PostgreSQL 14 and
   * later, which look each catalog row's schema up in a hash of the array. Older servers search
   * such an array element by element, so they still join pg_namespace and compare names.
   */
  static Parameter parameter(String sql, boolean fewSchemas, int majorVersion) {
    if (!perTable(sql)) {
      return Parameter.SCHEMA_NAMES;
    }
    if (fewSchemas) {
      return Parameter.TABLE_OIDS;
    }
    return majorVersion >= 14 ? Parameter.SCHEMA_OIDS : Parameter.SCHEMA_NAMES;
  }

  /**
   * Whether the query reads the parts of the tables {@link #TABLES} found (columns, constraints,
   * indexes, triggers): for few schemas it then takes those tables' oids, not the schemas' names.
   */
  static boolean perTable(String sql) {
    return PER_TABLE.contains(sql);
  }

  /**
   * A {@link #perTable} query for few schemas: it reaches the tables by their oids ({@code c.oid =
   * ANY(?::oid[])}, one probe of pg_class's index each) instead of finding the schemas' relations
   * again through pg_depend, a probe per relation, sequences included.
   */
  private static String byTable(String sql) {
    return sql.replace(RELATIONS, "pg_class c").replace(TABLES_FILTER, " c.oid = ANY(?::oid[])");
  }

  /**
   * A {@link #perTable} query that scans, filtering pg_class by the schemas' oids instead of
   * joining pg_namespace. The join depends on the planner's estimates, and catalogs are analyzed
   * only by autovacuum or by hand: after a thousand schemas were created on a server that had not
   * analyzed them, it expected 52 schemas where a thousand were, and joined them to each table's
   * indexes by comparing every table with every schema (20 million comparisons; the indexes query
   * took 410 instead of 125 ms). A filter on the scan has no join to get wrong.
   */
  private static String bySchemaOid(String sql) {
    return sql.replace(RELATIONS, "pg_class c")
        .replace(TABLES_FILTER, TABLES_FILTER.replace(SELECTED, "c.relnamespace = ANY(?::oid[])"));
  }

  /** A query as the server of that major version can run it. */
  private static String forServer(String sql, int majorVersion) {
    return sql.replace(NULLS_NOT_DISTINCT, majorVersion >= 15 ? "i.indnullsnotdistinct" : "false")
        .replace(CLONED_TRIGGER, majorVersion >= 13 ? " AND t.tgparentid = 0" : "");
  }

  static final String SCHEMAS =
      "SELECT n.nspname, quote_ident(n.nspname), n.oid FROM pg_namespace n WHERE " + SELECTED;

  /**
   * Tables and partitions: a partition's parent (schema, name) and bound as {@code pg_get_expr}
   * prints it; a partitioned table's strategy, key columns (0 for an expression) and key text. The
   * parent and the key are looked up only for a partition and a partitioned table (a condition on
   * the outer row inside a lateral subquery skips its scan). The comments of the table and of its
   * columns come as one array of {@code "attnum text"} (0 for the table), one index scan of
   * pg_description per table, rather than {@code obj_description} (a SQL function run per table)
   * and a lookup per column.
   */
  static final String TABLES =
      "SELECT n.nspname, c.relname, ARRAY(SELECT de.objsubid || ' ' || de.description"
          + "  FROM pg_description de"
          + "  WHERE de.objoid = c.oid AND de.classoid = 'pg_class'::regclass),"
          + " p.nspname, p.relname, pg_get_expr(c.relpartbound, c.oid),"
          + " k.partstrat, array_to_string(k.partattrs, ' '), pg_get_partkeydef(k.partrelid),"
          + " c.oid" // TABLE_OID
          + " FROM "
          + RELATIONS
          + " LEFT JOIN LATERAL (SELECT pn.nspname, pc.relname FROM pg_inherits ih"
          + "  JOIN pg_class pc ON pc.oid = ih.inhparent"
          + "  JOIN pg_namespace pn ON pn.oid = pc.relnamespace"
          + "  WHERE c.relispartition AND ih.inhrelid = c.oid) p ON true"
          + " LEFT JOIN LATERAL (SELECT pt.partstrat, pt.partattrs, pt.partrelid"
          + "  FROM pg_partitioned_table pt WHERE c.relkind = 'p' AND pt.partrelid = c.oid) k ON true"
          + " WHERE"
          + TABLES_FILTER;

  /** The column of {@link #TABLES} that holds the table's oid. */
  static final int TABLE_OID = 10;

  /**
   * Columns. A default is looked up only for a column that has one ({@code atthasdef}), and the
   * column's type and collation only for a collatable column: each lookup is an index probe per
   * column when few schemas are read, and most columns need neither.
   *
   * <p>A default is printed without its table ({@code pg_get_expr(adbin, 0)}): it cannot name a
   * column, so the text is the same, and given the table {@code pg_get_expr} opens it to name its
   * columns, which locks it and, in a session that has not opened it before, loads its whole
   * description (columns, defaults, constraints, triggers) into the session's cache. On a new
   * connection that was most of this query's time (1,000 schemas of 20 tables: 0.8 to 1.5 s more
   * than without). A generated column's expression names the columns it is computed from, and is
   * still printed with its table.
   */
  static final String COLUMNS =
      "SELECT c.oid, a.attname, format_type(a.atttypid, a.atttypmod),"
          + " a.attnotnull,"
          + " CASE WHEN a.atthasdef THEN (SELECT pg_get_expr(d.adbin,"
          + "  CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END) FROM pg_attrdef d"
          + "  WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum) END,"
          + " a.attidentity, a.attgenerated,"
          + " CASE WHEN a.attcollation <> 0 AND a.attcollation"
          + "  <> (SELECT t.typcollation FROM pg_type t WHERE t.oid = a.atttypid)"
          + "  THEN (SELECT co.collname FROM pg_collation co WHERE co.oid = a.attcollation) END,"
          + " a.attnum"
          + " FROM "
          + RELATIONS
          + " JOIN pg_attribute a ON a.attrelid = c.oid"
          + " WHERE"
          + TABLES_FILTER
          + " AND a.attnum > 0 AND NOT a.attisdropped";

  /**
   * Keys, checks and foreign keys. A foreign key's referenced table comes as its oid: the reader
   * names it from the tables it read, and looks up the few it did not read ({@link
   * #REFERENCED_TABLES}), instead of the server looking up every foreign key's table.
   */
  static final String CONSTRAINTS =
      "SELECT c.oid, co.conname, co.contype, "
          + " array_to_string(co.conkey, ' '),"
          + " CASE WHEN co.contype = 'c' THEN pg_get_constraintdef(co.oid) END,"
          + " co.confrelid, array_to_string(co.confkey, ' '),"
          + " co.confupdtype, co.confdeltype, co.condeferrable,"
          + " CASE WHEN co.contype = 'u' THEN (SELECT "
          + NULLS_NOT_DISTINCT
          + " FROM pg_index i WHERE i.indexrelid = co.conindid) END"
          + " FROM "
          + RELATIONS
          + " JOIN pg_constraint co ON co.conrelid = c.oid"
          + " WHERE"
          + TABLES_FILTER
          + " AND co.contype IN ('p', 'u', 'c', 'f')"
          // a check or foreign key added NOT VALID and never validated does not hold for the
          // existing rows: the plan adds it again (an online run killed before validating)
          + " AND co.convalidated"
          // copies PostgreSQL keeps of a partitioned table's keys (on its partitions, and on the
          // referencing side for each partition a foreign key reaches), and a partition's
          // inherited checks (also those it had by the same name when it was attached)
          + " AND co.conparentid = 0"
          + " AND (NOT c.relispartition OR (co.conislocal AND co.coninhcount = 0))";

  /**
   * Tables that foreign keys of the tables read refer to, but that were not read themselves (they
   * are in other schemas): schema, name and the names of all their columns, as {@code "attnum
   * name"}. Takes the tables' oids.
   */
  static final String REFERENCED_TABLES =
      "SELECT c.oid, n.nspname, c.relname, ARRAY(SELECT a.attnum || ' ' || a.attname"
          + "  FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0"
          + "  AND NOT a.attisdropped)"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.oid = ANY(?::oid[])";

  /**
   * Indexes that no key owns, and exclusion constraints with theirs: one scan of each table's
   * indexes serves both. For an exclusion ({@code indisexclusion}) the row also carries the
   * constraint's name, each element's operator as PostgreSQL prints it ({@code OPERATOR(schema.op)}
   * outside pg_catalog) and whether it is deferrable. Its constraint is looked up only then: each
   * lookup stands in a {@code CASE} branch, which the server evaluates only for such an index (as a
   * lateral join, the condition on the index was checked after the lookup, a probe of pg_constraint
   * for every index read).
   */
  static final String INDEXES =
      "SELECT c.oid, ic.relname, i.indisunique, am.amname, i.indnkeyatts,"
          + " array_to_string(i.indkey, ' '), array_to_string(i.indoption, ' '),"
          + " pg_get_expr(i.indpred, i.indrelid),"
          + " CASE WHEN 0 = ANY (i.indkey::int2[]) THEN ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0"
          + "   THEN pg_get_indexdef(i.indexrelid, k, false) END"
          + "   FROM generate_series(1, i.indnatts) k) END, "
          + NULLS_NOT_DISTINCT
          + ", i.indisexclusion,"
          + " CASE WHEN i.indisexclusion THEN "
          + exclusionConstraint("xc.conname")
          + " END,"
          + " CASE WHEN i.indisexclusion THEN ARRAY(SELECT CASE"
          + "   WHEN o.oprnamespace = 'pg_catalog'::regnamespace THEN o.oprname::text"
          + "   ELSE 'OPERATOR(' || quote_ident(opn.nspname) || '.' || o.oprname || ')' END"
          + "   FROM unnest("
          + exclusionConstraint("xc.conexclop")
          + ") WITH ORDINALITY x(op, ord)"
          + "   JOIN pg_operator o ON o.oid = x.op"
          + "   JOIN pg_namespace opn ON opn.oid = o.oprnamespace ORDER BY x.ord) END,"
          + " CASE WHEN i.indisexclusion THEN "
          + exclusionConstraint("xc.condeferrable")
          + " END"
          + " FROM "
          + RELATIONS
          + " JOIN pg_index i ON i.indrelid = c.oid"
          + " JOIN pg_class ic ON ic.oid = i.indexrelid"
          + " JOIN pg_am am ON am.oid = ic.relam"
          + " WHERE"
          + TABLES_FILTER
          // the indexes of primary and unique keys are read with their constraints; the flag
          // settles a primary key's without looking for the constraint
          // an index a concurrent build left invalid serves no query: the plan builds it again
          + " AND i.indisvalid"
          + " AND NOT i.indisprimary"
          + " AND (NOT i.indisunique OR NOT EXISTS (SELECT 1 FROM pg_constraint k"
          + " WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype = 'u'))"
          // a partition's copy of an index (or exclusion constraint) of its partitioned parent
          + " AND (NOT c.relispartition"
          + " OR NOT EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = i.indexrelid))";

  /** A column of the exclusion constraint whose index is {@code i}. */
  private static String exclusionConstraint(String column) {
    return "(SELECT "
        + column
        + " FROM pg_constraint xc WHERE xc.conrelid = i.indrelid"
        + " AND xc.conindid = i.indexrelid AND xc.contype = 'x')";
  }

  static final String TRIGGERS =
      "SELECT c.oid, t.tgname, t.tgtype, pg_get_triggerdef(t.oid, false), "
          + "array_to_string(t.tgattr, ' ')"
          + " FROM "
          + RELATIONS
          + " JOIN pg_trigger t ON t.tgrelid = c.oid"
          + " WHERE"
          + TABLES_FILTER
          // a table that never had a trigger needs no look into pg_trigger
          + " AND c.relhastriggers AND NOT t.tgisinternal"
          + CLONED_TRIGGER;

  static final String ROUTINES =
      "SELECT n.nspname, p.proname, p.prokind, pg_get_function_identity_arguments(p.oid),"
          + " CASE WHEN p.prokind = 'f' THEN pg_get_function_result(p.oid) END, l.lanname, p.prosrc"
          + " FROM "
          + PROCS
          + " JOIN pg_language l ON l.oid = p.prolang"
          + " WHERE "
          + SELECTED
          + " AND p.prokind IN ('f', 'p')"
          + notExtensionMember("pg_proc", "p.oid");

  private static final String NOT_EXTENSION_TYPE = notExtensionMember("pg_type", "t.oid");

  /** Enum types with their labels, and domains with their base type, default and checks. */
  static final String USER_TYPES =
      "SELECT n.nspname, t.typname, t.typtype,"
          + " CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e"
          + "  WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END,"
          + " CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,"
          + " t.typnotnull, t.typdefault,"
          + " CASE WHEN t.typtype = 'd' THEN ARRAY(SELECT k.conname::text FROM pg_constraint k"
          + "  WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname) END,"
          + " CASE WHEN t.typtype = 'd' THEN ARRAY(SELECT pg_get_constraintdef(k.oid)"
          + "  FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c'"
          + "  ORDER BY k.conname) END"
          + " FROM "
          + TYPES
          + " WHERE "
          + SELECTED
          + " AND t.typtype IN ('e', 'd')"
          + NOT_EXTENSION_TYPE;

  /**
   * The extensions each schema's objects depend on: a normal dependency of one of its objects (a
   * column's type, an index's operator class, a default's function, a view's rule) on an object
   * that is a member of an extension. plpgsql, installed in every database, is left out; so are
   * objects that belong to an extension themselves.
   */
  static final String EXTENSIONS =
      "SELECT DISTINCT n.nspname, x.extname"
          + " FROM pg_depend d"
          + " JOIN pg_depend m ON m.classid = d.refclassid AND m.objid = d.refobjid"
          + " AND m.deptype = 'e' AND m.refclassid = 'pg_extension'::regclass"
          + " JOIN pg_extension x ON x.oid = m.refobjid"
          + " JOIN pg_namespace n ON n.oid = CASE d.classid"
          + "  WHEN 'pg_class'::regclass THEN"
          + "   (SELECT c.relnamespace FROM pg_class c WHERE c.oid = d.objid)"
          + "  WHEN 'pg_type'::regclass THEN"
          + "   (SELECT t.typnamespace FROM pg_type t WHERE t.oid = d.objid)"
          + "  WHEN 'pg_proc'::regclass THEN"
          + "   (SELECT p.pronamespace FROM pg_proc p WHERE p.oid = d.objid)"
          + "  WHEN 'pg_constraint'::regclass THEN"
          + "   (SELECT k.connamespace FROM pg_constraint k WHERE k.oid = d.objid)"
          + "  WHEN 'pg_attrdef'::regclass THEN (SELECT c.relnamespace FROM pg_attrdef a"
          + "   JOIN pg_class c ON c.oid = a.adrelid WHERE a.oid = d.objid)"
          + "  WHEN 'pg_trigger'::regclass THEN (SELECT c.relnamespace FROM pg_trigger t"
          + "   JOIN pg_class c ON c.oid = t.tgrelid WHERE t.oid = d.objid)"
          + "  WHEN 'pg_rewrite'::regclass THEN (SELECT c.relnamespace FROM pg_rewrite r"
          + "   JOIN pg_class c ON c.oid = r.ev_class WHERE r.oid = d.objid)"
          + " END"
          + " WHERE "
          + SELECTED
          + " AND d.deptype = 'n' AND x.extname <> 'plpgsql'"
          + " AND NOT EXISTS (SELECT 1 FROM pg_depend o WHERE o.classid = d.classid"
          + " AND o.objid = d.objid AND o.deptype = 'e')";

  /**
   * Views and materialized views with their definitions, and sequences, each sequence with the
   * column that owns it ({@code OWNED BY}: table, column, attribute number) and the default a
   * serial column fed by it has, which the reader compares with that column's: a sequence owned by
   * the column whose default it feeds is how PostgreSQL spelled identity before version 10. Done
   * here, once per sequence, rather than in {@link #COLUMNS}, where it was a lookup in pg_depend
   * for each column with a default. One query for both kinds, as each pass over a schema's
   * relations costs a lookup per relation when few schemas are read.
   */
  static final String OTHER_RELATIONS =
      "SELECT n.nspname, c.relname, c.relkind,"
          + " CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,"
          + " format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,"
          + " s.seqmin, s.seqmax, s.seqcycle, o.relname, o.attname, o.attnum,"
          + " CASE WHEN o.attnum IS NOT NULL"
          + "  THEN 'nextval(' || quote_literal(c.oid::regclass::text) || '::regclass)' END"
          + " FROM "
          + RELATIONS
          + " LEFT JOIN pg_sequence s ON s.seqrelid = c.oid"
          + " LEFT JOIN LATERAL (SELECT oc.relname, a.attname, a.attnum FROM pg_depend d"
          + "  JOIN pg_class oc ON oc.oid = d.refobjid"
          + "  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
          + "  WHERE c.relkind = 'S' AND d.classid = 'pg_class'::regclass AND d.objid = c.oid"
          + "  AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' LIMIT 1) o ON true"
          + " WHERE "
          + SELECTED
          + " AND c.relkind IN ('v', 'm', 'S')"
          + NOT_EXTENSION_CLASS
          // an identity column's sequence is part of the column: never fetched (tested on the
          // sequence itself, before its owner is looked up)
          + " AND (c.relkind <> 'S' OR NOT EXISTS (SELECT 1 FROM pg_depend i"
          + " WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid AND i.deptype = 'i'))";

  /**
   * The {@link #perTable} queries, found once (every read asks for each query it runs); declared
   * last, as it reads the queries above.
   */
  private static final Set<String> PER_TABLE =
      all().stream()
          .filter(sql -> !sql.equals(TABLES) && sql.contains(TABLES_FILTER))
          .collect(Collectors.toUnmodifiableSet());
}
