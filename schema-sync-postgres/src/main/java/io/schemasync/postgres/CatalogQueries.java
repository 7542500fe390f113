package io.schemasync.postgres;

/**
 * The pg_catalog queries the inspector runs. Each reads every selected schema at once ({@code
 * n.nspname = ANY(?)}), so inspecting a thousand tenants costs the same handful of round trips as
 * inspecting one. Objects that belong to an extension are left out: the extension owns them.
 */
final class CatalogQueries {
  private CatalogQueries() {}

  private static final String NOT_EXTENSION_CLASS =
      " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass"
          + " AND e.objid = c.oid AND e.deptype = 'e')";

  private static final String TABLES_FILTER =
      " n.nspname = ANY(?) AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
          // bookkeeping of rollouts, written with the change: never part of the schema
          + " AND c.relname <> '"
          + io.schemasync.spi.CommitMarker.TABLE
          + "'"
          + NOT_EXTENSION_CLASS;

  static final String SCHEMAS =
      "SELECT n.nspname, quote_ident(n.nspname) FROM pg_namespace n WHERE n.nspname = ANY(?)";

  static final String TABLES =
      "SELECT n.nspname, c.relname, obj_description(c.oid, 'pg_class')"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE"
          + TABLES_FILTER;

  static final String COLUMNS =
      "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),"
          + " a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,"
          + " CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,"
          + " de.description,"
          + " CASE WHEN d.adbin IS NOT NULL AND a.attgenerated = '' THEN"
          + "  (SELECT s.relname::text FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid"
          + "   WHERE dep.refclassid = 'pg_class'::regclass AND dep.refobjid = c.oid"
          + "   AND dep.classid = 'pg_class'::regclass"
          + "   AND dep.refobjsubid = a.attnum AND dep.deptype = 'a' AND s.relkind = 'S'"
          + "   AND pg_get_expr(d.adbin, d.adrelid)"
          + "     = 'nextval(' || quote_literal(s.oid::regclass::text) || '::regclass)' LIMIT 1)"
          + " END, a.attnum"
          + " FROM pg_attribute a"
          + " JOIN pg_class c ON c.oid = a.attrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " JOIN pg_type t ON t.oid = a.atttypid"
          + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
          + " LEFT JOIN pg_description de ON de.objoid = c.oid AND de.classoid = 'pg_class'::regclass"
          + " AND de.objsubid = a.attnum"
          + " WHERE"
          + TABLES_FILTER
          + " AND a.attnum > 0 AND NOT a.attisdropped"
          + " ORDER BY n.nspname, c.relname, a.attnum";

  private static String attnames(String relid, String keys) {
    return "ARRAY(SELECT a.attname::text FROM unnest("
        + keys
        + ") WITH ORDINALITY k(num, ord)"
        + " JOIN pg_attribute a ON a.attrelid = "
        + relid
        + " AND a.attnum = k.num"
        + " ORDER BY k.ord)";
  }

  static final String CONSTRAINTS =
      "SELECT n.nspname, c.relname, co.conname, co.contype, "
          + " array_to_string(co.conkey, ' '),"
          + " CASE WHEN co.contype = 'c' THEN pg_get_constraintdef(co.oid) END,"
          + " rn.nspname, rc.relname,"
          + " CASE WHEN rc.relnamespace <> c.relnamespace OR rc.relispartition THEN "
          + attnames("co.confrelid", "co.confkey")
          + " END, array_to_string(co.confkey, ' '),"
          + " co.confupdtype, co.confdeltype, co.condeferrable"
          + " FROM pg_constraint co"
          + " JOIN pg_class c ON c.oid = co.conrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_class rc ON rc.oid = co.confrelid"
          + " LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
          + " WHERE"
          + TABLES_FILTER
          + " AND co.contype IN ('p', 'u', 'c', 'f')";

  static final String INDEXES =
      "SELECT n.nspname, c.relname, ic.relname, i.indisunique, am.amname, i.indnkeyatts,"
          + " array_to_string(i.indkey, ' '), array_to_string(i.indoption, ' '),"
          + " pg_get_expr(i.indpred, i.indrelid),"
          + " CASE WHEN 0 = ANY (i.indkey::int2[]) THEN ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0"
          + "   THEN pg_get_indexdef(i.indexrelid, k, false) END"
          + "   FROM generate_series(1, i.indnatts) k) END"
          + " FROM pg_index i"
          + " JOIN pg_class ic ON ic.oid = i.indexrelid"
          + " JOIN pg_am am ON am.oid = ic.relam"
          + " JOIN pg_class c ON c.oid = i.indrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE"
          + TABLES_FILTER
          + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid"
          + " AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))";

  static final String TRIGGERS =
      "SELECT n.nspname, c.relname, t.tgname, t.tgtype, pg_get_triggerdef(t.oid, false), "
          + "array_to_string(t.tgattr, ' ')"
          + " FROM pg_trigger t"
          + " JOIN pg_class c ON c.oid = t.tgrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE"
          + TABLES_FILTER
          + " AND NOT t.tgisinternal";

  static final String VIEWS =
      "SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid)"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ANY(?) AND c.relkind IN ('v', 'm')"
          + NOT_EXTENSION_CLASS;

  static final String ROUTINES =
      "SELECT n.nspname, p.proname, p.prokind, pg_get_function_identity_arguments(p.oid),"
          + " CASE WHEN p.prokind = 'f' THEN pg_get_function_result(p.oid) END, l.lanname, p.prosrc"
          + " FROM pg_proc p"
          + " JOIN pg_namespace n ON n.oid = p.pronamespace"
          + " JOIN pg_language l ON l.oid = p.prolang"
          + " WHERE n.nspname = ANY(?) AND p.prokind IN ('f', 'p')"
          + " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass"
          + " AND e.objid = p.oid AND e.deptype = 'e')";

  private static final String NOT_EXTENSION_TYPE =
      " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass"
          + " AND e.objid = t.oid AND e.deptype = 'e')";

  static final String ENUMS =
      "SELECT n.nspname, t.typname,"
          + " ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid"
          + " ORDER BY e.enumsortorder)"
          + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
          + " WHERE n.nspname = ANY(?) AND t.typtype = 'e'"
          + NOT_EXTENSION_TYPE;

  static final String DOMAINS =
      "SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull,"
          + " t.typdefault,"
          + " ARRAY(SELECT k.conname::text FROM pg_constraint k WHERE k.contypid = t.oid"
          + "  AND k.contype = 'c' ORDER BY k.conname),"
          + " ARRAY(SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.contypid = t.oid"
          + "  AND k.contype = 'c' ORDER BY k.conname)"
          + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
          + " WHERE n.nspname = ANY(?) AND t.typtype = 'd'"
          + NOT_EXTENSION_TYPE;

  static final String SEQUENCES =
      "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,"
          + " s.seqmin, s.seqmax, s.seqcycle,"
          + " (SELECT 'a ' || oc.relname || '.' || a.attname FROM pg_depend d"
          + "  JOIN pg_class oc ON oc.oid = d.refobjid"
          + "  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
          + "  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
          + "  AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' LIMIT 1)"
          + " FROM pg_sequence s"
          + " JOIN pg_class c ON c.oid = s.seqrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ANY(?)"
          + NOT_EXTENSION_CLASS
          // an identity column's sequence is part of the column: never fetched
          + " AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass"
          + " AND i.objid = c.oid AND i.deptype = 'i')";
}
