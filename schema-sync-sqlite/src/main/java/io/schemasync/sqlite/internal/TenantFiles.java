package io.schemasync.sqlite.internal;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToConnectException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Tenants as files: either every {@code *.db} file of a directory (id = file name without {@code
 * .db}), or one database file whose tenant id is its file name without extension.
 *
 * @param location the directory, or the single database file
 * @param singleFile whether {@code location} is one database file
 */
public record TenantFiles(Path location, boolean singleFile) implements TenantStore {

  /**
   * Parses {@code jdbc:sqlite:PATH}: an existing directory, or a path not ending in {@code .db}
   * that does not exist yet, is a directory of tenants; anything else is a single database file.
   * Relative paths resolve against the working directory.
   */
  public static TenantFiles fromUrl(String url) {
    String rest = url.substring("jdbc:sqlite:".length());
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    if (rest.isBlank() || rest.equals(":memory:") || rest.startsWith(":resource:")) {
      throw new UnableToConnectException(
          null,
          "'"
              + url
              + "' names no file; give a directory of tenant files (jdbc:sqlite:/var/lib/app/tenants)"
              + " or one database file (jdbc:sqlite:/var/lib/app/main.db)");
    }
    Path path = Path.of(rest).toAbsolutePath().normalize();
    boolean directory =
        Files.isDirectory(path)
            || (!Files.exists(path)
                && !path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".db"));
    return new TenantFiles(path, !directory);
  }

  @Override
  public TenantContext tenant(String id) {
    if (singleFile) {
      TenantContext only = TenantContext.of(stem());
      if (!only.id().equals(id)) {
        TenantContext.of(id);
        throw new InvalidTenantException(
            id,
            "this location is the single database file "
                + location
                + "; its only tenant is '"
                + stem()
                + "'");
      }
      return only;
    }
    return TenantIds.validate(id);
  }

  @Override
  public List<TenantContext> list() {
    if (singleFile) {
      return Files.isRegularFile(location) ? List.of(TenantContext.of(stem())) : List.of();
    }
    if (!Files.isDirectory(location)) {
      return List.of();
    }
    List<TenantContext> tenants = new ArrayList<>();
    try (Stream<Path> files = Files.list(location)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".db"))
          .map(name -> name.substring(0, name.length() - 3))
          .filter(TenantIds::isValid)
          .sorted()
          .forEach(id -> tenants.add(TenantContext.of(id)));
    } catch (IOException e) {
      throw new UnableToConnectException(
          null, "cannot list tenant files in " + location + ": " + e.getMessage(), e);
    }
    return List.copyOf(tenants);
  }

  @Override
  public boolean exists(TenantContext tenant) {
    return Files.isRegularFile(path(tenant));
  }

  @Override
  public Connection open(TenantContext tenant, boolean write, Duration busyTimeout)
      throws SQLException {
    Path file = path(tenant);
    if (write) {
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        throw new SQLException(
            "cannot create directory " + file.getParent() + ": " + e.getMessage(), e);
      }
    }
    return SqliteConnections.open(file, write, busyTimeout);
  }

  @Override
  public Optional<Path> file(TenantContext tenant) {
    return Optional.of(path(tenant));
  }

  @Override
  public String describe(TenantContext tenant) {
    return path(tenant).toString();
  }

  private Path path(TenantContext tenant) {
    return singleFile ? location : location.resolve(tenant.id() + ".db");
  }

  private String stem() {
    String name = location.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
