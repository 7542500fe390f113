package io.schemasync.postgres;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ExclusionElement;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.GeneratedColumn;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PartitionBy;
import io.schemasync.api.model.PartitionOf;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the catalog queries for a set of schemas on one connection and groups the rows into one
 * snapshot per schema. The caller runs it inside a transaction: it sets {@code search_path} to
 * pg_catalog alone for that transaction, so every object of a tenant comes back qualified by that
 * tenant's name, which is then taken off ({@link PgNames#stripSchema}).
 */
final class CatalogReader {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogReader.class);

  private final Connection connection;
  private final int serverVersion;
  private final String[] schemas;

  /** Whether the queries reach the schemas' rows through indexes rather than scan the catalogs. */
  private final boolean few;

  private final boolean keepPlans;
  private final Map<String, String> prefixes = new HashMap<>();
  private final Map<String, Map<String, TableParts>> tables = new LinkedHashMap<>();

  /** The oids of the selected schemas that exist, which the per-table queries may take. */
  private final List<Long> schemaOids = new ArrayList<>();

  /**
   * The oids of the tables {@link CatalogQueries#TABLES} found, which the per-table queries may
   * take.
   */
  private final List<Long> tableOids = new ArrayList<>();

  /** The tables read, by oid: the per-table queries name their table by its oid. */
  private final Map<Long, TableParts> byOid = new HashMap<>();

  /** Foreign keys as their rows came, named once every table is read ({@link #foreignKeys}). */
  private final List<PendingForeignKey> pendingForeignKeys = new ArrayList<>();

  private CatalogReader(Connection connection, Collection<String> schemas, boolean few)
      throws SQLException {
    this.connection = connection;
    this.serverVersion = connection.getMetaData().getDatabaseMajorVersion();
    this.schemas = schemas.toArray(String[]::new);
    this.few = few;
    this.keepPlans = few && serverPrepared(connection);
  }

  private CatalogReader(Connection connection, Collection<String> schemas) throws SQLException {
    this(connection, schemas, throughIndexes(connection, schemas.size()));
  }

  /** One snapshot per schema that exists; schemas that do not exist are absent from the map. */
  static Map<String, SchemaSnapshot> read(Connection connection, Collection<String> schemas)
      throws SQLException {
    return new CatalogReader(connection, schemas).readAll();
  }

  /**
   * How many times {@link #readConsistently} reads before it gives up on schemas whose objects keep
   * being dropped while they are read.
   */
  static final int READS = 3;

  /** What an error from inside the server ({@code cache lookup failed ...}) is reported as. */
  private static final String INTERNAL_ERROR = "XX000";

  /**
   * Reads in a read-only transaction of its own at {@code REPEATABLE READ}, so that every query
   * sees the catalogs as the first one did. At {@code READ COMMITTED} each query would see what had
   * been committed when it started: a column and an index on it, added by another session between
   * the columns query and the indexes query, would come back as an index on a column the snapshot
   * does not have. The connection's own settings are restored afterwards.
   *
   * <p>Some of the functions that print definitions ({@code pg_get_indexdef}, {@code
   * pg_get_triggerdef}, {@code pg_get_expr} with a table) look objects up in the server's caches,
   * which hold what is committed now, not what the snapshot sees: an object dropped since the read
   * began has no text there. A read that fails on such rows reads again, in a new snapshot, up to
   * {@link #READS} times.
   */
  static Map<String, SchemaSnapshot> readConsistently(
      Connection connection, Collection<String> schemas) throws SQLException {
    for (int read = 1; ; read++) {
      try {
        return readInSnapshot(connection, schemas);
      } catch (RuntimeException | SQLException e) {
        boolean mayBeDropped =
            e instanceof RuntimeException
                || INTERNAL_ERROR.equals(((SQLException) e).getSQLState());
        if (!mayBeDropped || read == READS) {
          throw e;
        }
        LOG.debug(
            "reading {} schemas met rows it could not make sense of (objects dropped while they"
                + " were read?); reading again",
            schemas.size(),
            e);
      }
    }
  }

  private static Map<String, SchemaSnapshot> readInSnapshot(
      Connection connection, Collection<String> schemas) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    connection.setReadOnly(true);
    try {
      try (Statement st = connection.createStatement()) {
        st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      }
      return read(connection, schemas);
    } finally {
      connection.rollback();
      connection.setReadOnly(false);
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * The same, by the path named: through indexes ({@code few}) or by scanning the catalogs. The
   * tests read the same schemas both ways.
   */
  static Map<String, SchemaSnapshot> read(
      Connection connection, Collection<String> schemas, boolean few) throws SQLException {
    return new CatalogReader(connection, schemas, few).readAll();
  }

  /**
   * Whether to read {@code selected} schemas through indexes ({@link
   * CatalogQueries#throughIndexes}); beyond {@link CatalogQueries#FEW_SCHEMAS} that takes counting
   * the database's schemas, one query.
   */
  private static boolean throughIndexes(Connection connection, int selected) throws SQLException {
    if (selected <= CatalogQueries.FEW_SCHEMAS) {
      return true;
    }
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_catalog.pg_namespace")) {
      rs.next();
      return CatalogQueries.throughIndexes(selected, rs.getLong(1));
    }
  }

  /** Runs only the queries, discarding the rows: the benchmark's baseline. */
  static int readRawOnly(Connection connection, Collection<String> schemas) throws SQLException {
    CatalogReader reader = new CatalogReader(connection, schemas);
    reader.searchPath();
    int rows = 0;
    for (String sql : CatalogQueries.all()) {
      rows +=
          reader.query(
              sql,
              rs -> {
                int columns = rs.getMetaData().getColumnCount();
                for (int i = 1; i <= columns; i++) {
                  rs.getObject(i);
                }
              });
    }
    return rows;
  }

  private Map<String, SchemaSnapshot> readAll() throws SQLException {
    searchPath();
    query(CatalogQueries.SCHEMAS, rs -> prefixes.put(rs.getString(1), rs.getString(2) + "."));
    prefixes.keySet().forEach(s -> tables.put(s, new LinkedHashMap<>()));
    query(CatalogQueries.TABLES, this::tableRow);
    query(CatalogQueries.COLUMNS, this::column);
    query(CatalogQueries.CONSTRAINTS, this::constraint);
    foreignKeys();
    query(CatalogQueries.INDEXES, this::index);
    query(
        CatalogQueries.TRIGGERS,
        rs -> {
          TableParts table = table(rs);
          table.triggers.add(
              TriggerDefinition.parse(
                  rs.getString(2),
                  rs.getInt(3),
                  strip(table.schema, rs.getString(4)),
                  table.names(rs.getString(5))));
        });
    SchemaObjects objects = new SchemaObjects();
    query(CatalogQueries.ROUTINES, rs -> objects.routines(rs.getString(1)).add(routine(rs)));
    query(
        CatalogQueries.USER_TYPES,
        rs -> {
          if ("e".equals(rs.getString(3))) {
            objects.enums(rs.getString(1)).add(new EnumType(rs.getString(2), strings(rs, 4)));
          } else {
            objects.domains(rs.getString(1)).add(domain(rs));
          }
        });
    query(
        CatalogQueries.OTHER_RELATIONS,
        rs -> {
          if ("S".equals(rs.getString(3))) {
            sequence(rs, objects);
          } else {
            objects
                .views(rs.getString(1))
                .add(
                    new View(
                        rs.getString(2),
                        viewText(rs.getString(1), rs.getString(4)),
                        "m".equals(rs.getString(3))));
          }
        });
    query(
        CatalogQueries.EXTENSIONS, rs -> objects.extensions(rs.getString(1)).add(rs.getString(2)));

    Map<String, SchemaSnapshot> result = new LinkedHashMap<>();
    for (String schema : schemas) {
      if (!prefixes.containsKey(schema)) {
        continue;
      }
      List<Table> built = tables.get(schema).values().stream().map(TableParts::build).toList();
      result.put(schema, objects.snapshot(schema, built));
    }
    return result;
  }

  private void tableRow(ResultSet rs) throws SQLException {
    String schema = rs.getString(1);
    TableParts parts = new TableParts(schema, rs.getString(2));
    for (String comment : strings(rs, 3)) {
      int space = comment.indexOf(' ');
      parts.comments.put(
          Integer.parseInt(comment.substring(0, space)), comment.substring(space + 1));
    }
    String parentSchema = rs.getString(4);
    if (parentSchema != null) {
      String parent = rs.getString(5);
      parts.partitionOf =
          new PartitionOf(
              parentSchema.equals(schema) ? parent : parentSchema + "." + parent,
              strip(schema, rs.getString(6)));
    }
    if (rs.getString(7) != null) {
      parts.strategy = rs.getString(7);
      parts.keyColumns = rs.getString(8);
      parts.keyText = strip(schema, rs.getString(9));
    }
    tables.get(schema).put(parts.name, parts);
    byOid.put(rs.getLong(CatalogQueries.TABLE_OID), parts);
  }

  private void searchPath() throws SQLException {
    // catalog queries look expensive to the planner; compiling them costs seconds, not millis;
    // partition bounds over timestamptz print in the session's zone: read them in one zone
    String settings =
        "SELECT set_config('search_path', 'pg_catalog', true), set_config('jit', 'off', true),"
            + " set_config('TimeZone', 'UTC', true)";
    if (!few && serverVersion >= 12) {
      // Plan each scan for the arrays it is given. From the fifth execution on a connection the
      // driver keeps a statement prepared, and after five more the server may switch to a plan
      // for any array: the views-and-sequences query went from 75 to 3,500 ms at its tenth read
      // of 1,000 schemas, and a generic plan searches an array of schema oids element by element
      // for every catalog row instead of hashing it
      settings += ", set_config('plan_cache_mode', 'force_custom_plan', true)";
    }
    if (few) {
      // The few-schema queries are written in the order that runs them best: from the schemas'
      // names through pg_depend, or from the tables' oids, to each catalog. Letting the planner
      // search the join orders costs three to four times more than planning the order as written
      // (6.0 against 1.4 ms for the columns query), and every plan is paid again whenever other
      // sessions' DDL makes the server drop its cached ones, as a rollout's does all the time.
      settings +=
          ", set_config('join_collapse_limit', '1', true),"
              + " set_config('from_collapse_limit', '1', true)";
      if (serverVersion >= 12) {
        // Planning them costs more than running them, and their best plan does not depend on the
        // schema names: once the driver prepares them on the server, plan them once.
        settings += ", set_config('plan_cache_mode', 'force_generic_plan', true)";
      }
    }
    try (var st = connection.createStatement()) {
      st.execute(settings);
    }
  }

  /**
   * Whether the connection keeps statements prepared on the server at all: not when the URL says
   * {@code prepareThreshold=0}, as it must behind a pooler in transaction mode.
   */
  private static boolean serverPrepared(Connection connection) throws SQLException {
    return connection.isWrapperFor(PGConnection.class)
        && connection.unwrap(PGConnection.class).getPrepareThreshold() > 0;
  }

  private void column(ResultSet rs) throws SQLException {
    TableParts table = table(rs);
    String schema = table.schema;
    String defaultValue = strip(schema, rs.getString(5));
    String identityCode = rs.getString(6);
    String generatedCode = rs.getString(7);
    Identity identity =
        "a".equals(identityCode)
            ? Identity.ALWAYS
            : "d".equals(identityCode) ? Identity.BY_DEFAULT : null;
    GeneratedColumn generated = null;
    if ("s".equals(generatedCode)) {
      generated = new GeneratedColumn(defaultValue, true);
      defaultValue = null;
    }
    int attnum = rs.getInt(9);
    table.attnames.put(attnum, rs.getString(2));
    if (defaultValue != null) {
      table.defaults.put(attnum, rs.getString(5));
    }
    if (table.partitionOf != null) {
      return; // a partition has its parent's columns
    }
    table.columns.put(
        attnum,
        new Column(
            rs.getString(2),
            strip(schema, rs.getString(3)),
            !rs.getBoolean(4),
            defaultValue,
            identity,
            generated,
            rs.getString(8),
            table.comments.get(attnum)));
  }

  private void constraint(ResultSet rs) throws SQLException {
    TableParts table = table(rs);
    String name = rs.getString(2);
    List<String> columns = table.names(rs.getString(4));
    switch (rs.getString(3)) {
      case "p" -> table.primaryKey = new PrimaryKey(name, columns);
      case "u" -> table.uniques.add(new UniqueConstraint(name, columns, rs.getBoolean(11)));
      case "c" ->
          table.checks.add(
              new CheckConstraint(name, checkExpression(strip(table.schema, rs.getString(5)))));
      case "f" ->
          pendingForeignKeys.add(
              new PendingForeignKey(
                  table,
                  name,
                  columns,
                  rs.getLong(6),
                  rs.getString(7),
                  action(rs.getString(9)),
                  action(rs.getString(8)),
                  rs.getBoolean(10)));
      default -> {}
    }
  }

  /** A foreign key's row, before its referenced table is named. */
  private record PendingForeignKey(
      TableParts table,
      String name,
      List<String> columns,
      long referencedOid,
      String referencedAttnums,
      ReferentialAction onDelete,
      ReferentialAction onUpdate,
      boolean deferrable) {}

  /**
   * Names the foreign keys' referenced tables and columns: from the tables read, and for the rest
   * (tables of schemas not read) with one more query. A table of another schema is named {@code
   * schema.table}.
   */
  private void foreignKeys() throws SQLException {
    List<Long> missing =
        pendingForeignKeys.stream()
            .map(PendingForeignKey::referencedOid)
            .filter(oid -> !byOid.containsKey(oid))
            .distinct()
            .toList();
    Map<Long, TableParts> referenced = new HashMap<>(byOid);
    if (!missing.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(CatalogQueries.REFERENCED_TABLES)) {
        ps.setArray(1, connection.createArrayOf("int8", missing.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            TableParts other = new TableParts(rs.getString(2), rs.getString(3));
            for (String column : strings(rs, 4)) {
              int space = column.indexOf(' ');
              other.attnames.put(
                  Integer.parseInt(column.substring(0, space)), column.substring(space + 1));
            }
            referenced.put(rs.getLong(1), other);
          }
        }
      }
    }
    for (PendingForeignKey fk : pendingForeignKeys) {
      TableParts target = referenced.get(fk.referencedOid());
      if (target == null) {
        // dropped after the snapshot was taken, in a read that shares its caller's transaction at
        // READ COMMITTED (a consistent read sees the table its foreign key refers to, and reads
        // again on this exception)
        throw new IllegalStateException(
            "the table that foreign key "
                + fk.name()
                + " of "
                + fk.table().schema
                + "."
                + fk.table().name
                + " refers to was dropped while it was read; read again");
      }
      fk.table()
          .foreignKeys
          .add(
              new ForeignKey(
                  fk.name(),
                  fk.columns(),
                  target.schema.equals(fk.table().schema)
                      ? target.name
                      : target.schema + "." + target.name,
                  target.names(fk.referencedAttnums()),
                  fk.onDelete(),
                  fk.onUpdate(),
                  fk.deferrable()));
    }
  }

  private void index(ResultSet rs) throws SQLException {
    TableParts table = table(rs);
    String schema = table.schema;
    int keyCount = rs.getInt(5);
    String[] keys = rs.getString(6).split(" ");
    String[] options = rs.getString(7).split(" ");
    List<String> expressions = strings(rs, 9);
    if (rs.getBoolean(11)) {
      exclusion(rs, schema, table, keys, expressions);
      return;
    }
    List<IndexPart> parts = new ArrayList<>();
    List<String> include = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      String column = table.attnames.get(Integer.parseInt(keys[i]));
      if (i >= keyCount) {
        include.add(column);
        continue;
      }
      boolean descending = i < options.length && (Integer.parseInt(options[i]) & 1) != 0;
      parts.add(
          "0".equals(keys[i])
              ? new IndexPart(null, strip(schema, expressions.get(i)), descending)
              : new IndexPart(column, null, descending));
    }
    String method = rs.getString(4);
    table.indexes.add(
        new Index(
            rs.getString(2),
            parts,
            rs.getBoolean(3),
            strip(schema, rs.getString(8)),
            "btree".equals(method) ? null : method,
            include,
            false,
            rs.getBoolean(10)));
  }

  /** An exclusion constraint, from its index's row of {@link CatalogQueries#INDEXES}. */
  private void exclusion(
      ResultSet rs, String schema, TableParts table, String[] keys, List<String> expressions)
      throws SQLException {
    List<String> operators = strings(rs, 13);
    List<ExclusionElement> elements = new ArrayList<>();
    for (int i = 0; i < operators.size(); i++) {
      String operator = strip(schema, operators.get(i));
      elements.add(
          "0".equals(keys[i])
              ? new ExclusionElement(null, strip(schema, expressions.get(i)), operator)
              : ExclusionElement.column(table.attnames.get(Integer.parseInt(keys[i])), operator));
    }
    String method = rs.getString(4);
    table.exclusions.add(
        new ExclusionConstraint(
            rs.getString(12),
            "btree".equals(method) ? null : method,
            elements,
            strip(schema, rs.getString(8)),
            rs.getBoolean(14)));
  }

  private Routine routine(ResultSet rs) throws SQLException {
    String schema = rs.getString(1);
    boolean procedure = "p".equals(rs.getString(3));
    return new Routine(
        rs.getString(2),
        procedure ? Routine.RoutineKind.PROCEDURE : Routine.RoutineKind.FUNCTION,
        strip(schema, rs.getString(4)),
        strip(schema, rs.getString(5)),
        rs.getString(6),
        rs.getString(7));
  }

  private DomainType domain(ResultSet rs) throws SQLException {
    String schema = rs.getString(1);
    List<String> names = strings(rs, 8);
    List<String> defs = strings(rs, 9);
    List<CheckConstraint> checks = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      checks.add(new CheckConstraint(names.get(i), checkExpression(strip(schema, defs.get(i)))));
    }
    return new DomainType(
        rs.getString(2),
        strip(schema, rs.getString(5)),
        rs.getBoolean(6),
        strip(schema, rs.getString(7)),
        checks);
  }

  /** A sequence, from its row of {@link CatalogQueries#OTHER_RELATIONS}. */
  private void sequence(ResultSet rs, SchemaObjects objects) throws SQLException {
    String schema = rs.getString(1);
    String name = rs.getString(2);
    String ownerTable = rs.getString(11);
    String owner = ownerTable == null ? null : ownerTable + "." + rs.getString(12);
    if (ownerTable != null && serial(tables.get(schema).get(ownerTable), rs.getInt(13), rs)) {
      return; // a serial column's sequence is part of the column
    }
    String type = rs.getString(5);
    long increment = rs.getLong(7);
    long min = rs.getLong(8);
    long max = rs.getLong(9);
    long typeMax =
        switch (type) {
          case "smallint" -> Short.MAX_VALUE;
          case "integer" -> Integer.MAX_VALUE;
          default -> Long.MAX_VALUE;
        };
    long defaultMin = increment > 0 ? 1 : -typeMax - 1;
    long defaultMax = increment > 0 ? typeMax : -1;
    objects
        .sequences(schema)
        .add(
            new Sequence(
                name,
                rs.getLong(6),
                increment,
                min == defaultMin ? null : min,
                max == defaultMax ? null : max,
                rs.getBoolean(10),
                owner));
  }

  /**
   * Whether the owning column's default is {@code nextval} of this sequence (column 14 of {@link
   * CatalogQueries#OTHER_RELATIONS}), as {@code serial} makes it; if so the column becomes an
   * identity generated by default, which is what serial means, and the sequence goes with it.
   */
  private static boolean serial(TableParts table, int attnum, ResultSet rs) throws SQLException {
    if (table == null || !rs.getString(14).equals(table.defaults.get(attnum))) {
      return false;
    }
    Column column = table.columns.get(attnum);
    if (column != null) { // a partition's columns are its parent's
      table.columns.put(attnum, column.withDefaultValue(null).withIdentity(Identity.BY_DEFAULT));
    }
    return true;
  }

  private String viewText(String schema, String definition) {
    String text = strip(schema, definition).trim();
    return text.endsWith(";") ? text.substring(0, text.length() - 1).trim() : text;
  }

  /** {@code CHECK ((a > 0)) NOT VALID} → {@code (a > 0)}. */
  static String checkExpression(String definition) {
    String text = definition.trim();
    if (text.endsWith(" NOT VALID")) {
      text = text.substring(0, text.length() - " NOT VALID".length());
    }
    if (text.endsWith(" NO INHERIT")) {
      text = text.substring(0, text.length() - " NO INHERIT".length());
    }
    if (text.startsWith("CHECK (") && text.endsWith(")")) {
      return text.substring("CHECK (".length(), text.length() - 1);
    }
    return text;
  }

  private static ReferentialAction action(String code) {
    return switch (code) {
      case "r" -> ReferentialAction.RESTRICT;
      case "c" -> ReferentialAction.CASCADE;
      case "n" -> ReferentialAction.SET_NULL;
      case "d" -> ReferentialAction.SET_DEFAULT;
      default -> ReferentialAction.NO_ACTION;
    };
  }

  private String strip(String schema, String text) {
    return PgNames.stripSchema(text, prefixes.get(schema));
  }

  /** The table of a row of a {@link CatalogQueries#perTable} query, which starts with its oid. */
  private TableParts table(ResultSet rs) throws SQLException {
    return byOid.get(rs.getLong(1));
  }

  private static List<String> strings(ResultSet rs, int column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return List.of();
    }
    try {
      return Arrays.asList((String[]) array.getArray());
    } finally {
      array.free();
    }
  }

  /**
   * Keeps from a row what the later queries take as their parameter ({@link
   * CatalogQueries#parameter}): the oid of each schema {@link CatalogQueries#SCHEMAS} finds and of
   * each table {@link CatalogQueries#TABLES} finds.
   */
  private void keepParameter(String sql, ResultSet rs) throws SQLException {
    if (sql.equals(CatalogQueries.SCHEMAS)) {
      schemaOids.add(rs.getLong(3));
    } else if (sql.equals(CatalogQueries.TABLES)) {
      tableOids.add(rs.getLong(CatalogQueries.TABLE_OID));
    }
  }

  private interface RowHandler {
    void accept(ResultSet rs) throws SQLException;
  }

  private int query(String sql, RowHandler handler) throws SQLException {
    CatalogQueries.Parameter parameter = CatalogQueries.parameter(sql, few, serverVersion);
    if (CatalogQueries.perTable(sql) && tableOids.isEmpty()) {
      return 0; // no tables, so no columns, keys, indexes or triggers
    }
    int rows = 0;
    try (PreparedStatement ps =
        connection.prepareStatement(CatalogQueries.variant(sql, few, serverVersion))) {
      if (keepPlans) {
        // a generic plan serves every later execution on this connection: keep it on the server
        // from the first one, not the fifth (planning one of these costs about what running it
        // does, and a rollout's pooled connections each read only a dozen batches)
        ps.unwrap(PGStatement.class).setPrepareThreshold(1);
      }
      ps.setArray(
          1,
          switch (parameter) {
            case TABLE_OIDS -> connection.createArrayOf("int8", tableOids.toArray());
            case SCHEMA_OIDS -> connection.createArrayOf("int8", schemaOids.toArray());
            case SCHEMA_NAMES -> connection.createArrayOf("text", schemas);
          });
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keepParameter(sql, rs);
          handler.accept(rs);
          rows++;
        }
      }
    }
    return rows;
  }

  /** A table's parts as the rows arrive, in no particular order. */
  private static final class TableParts {
    final String schema;
    final String name;
    PrimaryKey primaryKey;

    /** The comments on the table (0) and on its columns, by attribute number. */
    final Map<Integer, String> comments = new HashMap<>();

    /** By attribute number: the rows come unsorted, as sorting them costs the server a spill. */
    final Map<Integer, Column> columns = new TreeMap<>();

    final List<UniqueConstraint> uniques = new ArrayList<>();
    final List<CheckConstraint> checks = new ArrayList<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    final List<io.schemasync.api.model.Trigger> triggers = new ArrayList<>();
    final List<ExclusionConstraint> exclusions = new ArrayList<>();
    final Map<Integer, String> attnames = new HashMap<>();

    /** Defaults as the server prints them, before the tenant's name is taken off. */
    final Map<Integer, String> defaults = new HashMap<>();

    PartitionOf partitionOf;
    String strategy;
    String keyColumns;
    String keyText;

    TableParts(String schema, String name) {
      this.schema = schema;
      this.name = name;
    }

    /**
     * The partition key from {@code partstrat}, {@code partattrs} (0 for an expression) and {@code
     * pg_get_partkeydef}, whose text gives the expressions: {@code RANGE (a, lower(b), ((c + 1)))}.
     */
    PartitionBy partitionBy() {
      if (strategy == null) {
        return null;
      }
      String list = keyText.substring(keyText.indexOf('(') + 1, keyText.lastIndexOf(')'));
      List<String> texts = SqlText.splitTopLevel(list);
      String[] numbers = keyColumns.split(" ");
      List<IndexPart> key = new ArrayList<>();
      for (int i = 0; i < numbers.length; i++) {
        key.add(
            "0".equals(numbers[i])
                ? IndexPart.expression(SqlText.unwrap(texts.get(i)))
                : IndexPart.column(attnames.get(Integer.parseInt(numbers[i]))));
      }
      PartitionBy.Strategy kind =
          switch (strategy) {
            case "r" -> PartitionBy.Strategy.RANGE;
            case "l" -> PartitionBy.Strategy.LIST;
            default -> PartitionBy.Strategy.HASH;
          };
      return new PartitionBy(kind, key);
    }

    /** Column names for a space-separated list of attribute numbers, as array_to_string gives. */
    List<String> names(String attnums) {
      if (attnums == null || attnums.isBlank()) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (String number : attnums.split(" ")) {
        names.add(attnames.get(Integer.parseInt(number)));
      }
      return names;
    }

    Table build() {
      return new Table(
          name,
          List.copyOf(columns.values()),
          primaryKey,
          uniques,
          checks,
          foreignKeys,
          indexes,
          triggers,
          comments.get(0),
          null,
          exclusions,
          partitionBy(),
          partitionOf);
    }
  }
}
