package io.schemasync.mysql;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.SchemaSyncException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToInspectSchemaException;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.View;
import io.schemasync.spi.SchemaInspector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads tenants' schemas from information_schema; needs only SELECT. Many tenants are read in one
 * pass (one query per catalog table for all of them), then grouped per tenant. View and routine
 * text is only visible to users with SHOW VIEW / routine privileges: a SELECT-only user sees views
 * and routines with empty bodies.
 */
final class MysqlInspector implements SchemaInspector {
  private static final Logger LOG = LoggerFactory.getLogger(MysqlInspector.class);

  private static final int BATCH = 200;

  private final DataSource dataSource;
  private final TableReader tables;
  private final ServerFlavor flavor;

  MysqlInspector(DataSource dataSource, ServerFlavor flavor) {
    this.dataSource = dataSource;
    this.flavor = flavor;
    this.tables = new TableReader(flavor);
  }

  @Override
  public List<TenantContext> listTenants() {
    List<TenantContext> tenants = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement st =
            c.prepareStatement("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        String name = rs.getString(1);
        if (MysqlNames.isSystemDatabase(name) || MysqlNames.isInternalDatabase(name)) {
          continue;
        }
        try {
          tenants.add(MysqlNames.tenant(name));
        } catch (InvalidTenantException e) {
          LOG.warn("database '{}' is not listed as a tenant: {}", name, e.getMessage());
        }
      }
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(null, "cannot list the databases of the server", e);
    }
    tenants.sort(null);
    return tenants;
  }

  @Override
  public boolean exists(TenantContext tenant) {
    try (Connection c = dataSource.getConnection()) {
      return exists(c, tenant.id());
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(
          tenant.id(), "cannot check whether the database exists", e);
    }
  }

  static boolean exists(Connection c, String database) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
      st.setString(1, database);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          if (rs.getString(1).equals(database)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public SchemaSnapshot inspect(TenantContext tenant) {
    return inspectAll(List.of(tenant)).get(tenant);
  }

  @Override
  public Map<TenantContext, SchemaSnapshot> inspectAll(Collection<TenantContext> tenants) {
    List<String> names = tenants.stream().map(TenantContext::id).distinct().toList();
    try (Connection c = dataSource.getConnection()) {
      for (String name : names) {
        if (!exists(c, name)) {
          throw new InvalidTenantException(name, "no such database on the server; sync creates it");
        }
      }
      Map<String, SchemaSnapshot> snapshots = new LinkedHashMap<>();
      // One pass per batch keeps the IN lists and the rows held in memory bounded for big fleets.
      for (int from = 0; from < names.size(); from += BATCH) {
        snapshots.putAll(read(c, names.subList(from, Math.min(names.size(), from + BATCH))));
      }
      Map<TenantContext, SchemaSnapshot> result = new LinkedHashMap<>();
      tenants.forEach(t -> result.put(t, snapshots.get(t.id())));
      return result;
    } catch (SQLException e) {
      String which = names.size() == 1 ? names.get(0) : null;
      throw new UnableToInspectSchemaException(
          which, "cannot read information_schema for " + names.size() + " database(s)", e);
    }
  }

  /**
   * How many times {@link #read} reads before it gives up on databases that keep changing while
   * they are read.
   */
  static final int READS = 3;

  /**
   * Snapshots of databases by exact name; also used on scratch databases.
   *
   * <p>information_schema has no snapshot: each of the read's queries sees the data dictionary as
   * it is when it runs, so DDL committed by another session between them (a column and an index on
   * it, added after the columns were read) can give a table an index, key or foreign key on a
   * column it does not have. Such a read is read again, up to {@link #READS} times.
   */
  Map<String, SchemaSnapshot> read(Connection c, List<String> databases) throws SQLException {
    for (int read = 1; ; read++) {
      Map<String, SchemaSnapshot> result = readOnce(c, databases);
      Optional<String> mixed = result.values().stream().flatMap(s -> mixed(s).stream()).findFirst();
      if (mixed.isEmpty()) {
        return result;
      }
      if (read == READS) {
        throw new UnableToInspectSchemaException(
            databases.size() == 1 ? databases.get(0) : null,
            mixed.get()
                + ", in each of "
                + READS
                + " reads: the tables keep changing while they"
                + " are read; try again when their DDL is done",
            null);
      }
      LOG.debug(
          "{}: another session changed the tables while they were read; reading again",
          mixed.get());
    }
  }

  /**
   * What in a snapshot shows that it mixes two states of the dictionary: a key, index or foreign
   * key on a column its table does not have.
   */
  static Optional<String> mixed(SchemaSnapshot snapshot) {
    for (Table table : snapshot.tables()) {
      Set<String> columns = new HashSet<>();
      table.columns().forEach(column -> columns.add(column.name().toLowerCase(Locale.ROOT)));
      List<String> used = new ArrayList<>();
      if (table.primaryKey() != null) {
        used.addAll(table.primaryKey().columns());
      }
      table.uniques().forEach(u -> used.addAll(u.columns()));
      table.foreignKeys().forEach(fk -> used.addAll(fk.columns()));
      table
          .indexes()
          .forEach(
              index ->
                  index.parts().stream()
                      .filter(part -> part.column() != null)
                      .forEach(part -> used.add(part.column())));
      for (String column : used) {
        if (!columns.contains(column.toLowerCase(Locale.ROOT))) {
          return Optional.of(
              "table "
                  + table.name()
                  + " has a key or index on column "
                  + column
                  + ", which it does not have");
        }
      }
    }
    return Optional.empty();
  }

  private Map<String, SchemaSnapshot> readOnce(Connection c, List<String> databases)
      throws SQLException {
    try {
      Map<String, Map<String, List<Trigger>>> triggers = ObjectReader.triggers(c, databases);
      Map<String, List<Table>> tableMap = tables.read(c, databases, triggers);
      Map<String, List<View>> views = ObjectReader.views(c, databases);
      Map<String, List<Routine>> routines = ObjectReader.routines(c, databases);
      Map<String, List<Sequence>> sequences = SequenceSupport.read(c, databases, flavor);
      Map<String, SchemaSnapshot> result = new LinkedHashMap<>();
      for (String db : databases) {
        result.put(
            db,
            new SchemaSnapshot(
                tableMap.get(db),
                views.get(db),
                routines.get(db),
                List.of(),
                List.of(),
                sequences.get(db)));
      }
      return result;
    } catch (IllegalArgumentException e) {
      // A catalog row the model rejects (e.g. a duplicate name): name the databases involved.
      throw new UnableToInspectSchemaException(
          databases.size() == 1 ? databases.get(0) : null,
          "the catalog holds something the schema model cannot represent: " + e.getMessage(),
          e);
    } catch (SchemaSyncException e) {
      throw e;
    }
  }
}
