package io.schemasync.api;

import io.schemasync.api.model.SchemaSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the desired schema comes from. Resolved against an adapter (types mapped, names normalized)
 * when an engine operation first needs it.
 */
public sealed interface Target {

  /**
   * A YAML or JSON schema document ({@code .yaml}, {@code .yml}, {@code .json}) or a directory of
   * them.
   */
  record SchemaFile(Path path) implements Target {
    public SchemaFile {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String describe() {
      return path.toString();
    }
  }

  /** A SQL DDL script, applied to a scratch tenant of the same engine and inspected. */
  record SqlFile(Path path) implements Target {
    public SqlFile {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String describe() {
      return path.toString();
    }
  }

  /** A reference ("template") tenant whose live schema is the source of truth. */
  record ReferenceTenant(String tenantId) implements Target {
    public ReferenceTenant {
      Objects.requireNonNull(tenantId, "tenantId");
    }

    @Override
    public String describe() {
      return "tenant:" + tenantId;
    }
  }

  /** A snapshot already in hand (for instance from a {@code SnapshotStore}). */
  record Snapshot(SchemaSnapshot snapshot) implements Target {
    public Snapshot {
      Objects.requireNonNull(snapshot, "snapshot");
    }

    @Override
    public String describe() {
      return "snapshot " + snapshot.hash().substring(0, 12);
    }
  }

  /** How the target is named in messages and reports. */
  String describe();

  /**
   * Parses a command-line source: {@code tenant:ID}, a {@code .sql} file, a {@code .yaml}/{@code
   * .yml}/{@code .json} file or a directory.
   *
   * @throws InvalidTargetException when the path does not exist or has another extension
   */
  static Target parse(String source) {
    Objects.requireNonNull(source, "source");
    if (source.startsWith("tenant:")) {
      String id = source.substring("tenant:".length());
      if (id.isBlank()) {
        throw new InvalidTargetException(
            null, "'tenant:' must be followed by a tenant id, e.g. tenant:template");
      }
      return new ReferenceTenant(id);
    }
    return of(Path.of(source));
  }

  /** A target from a file or directory path, chosen by extension. */
  static Target of(Path path) {
    if (!Files.exists(path)) {
      throw new InvalidTargetException(
          null,
          "target "
              + path
              + " does not exist; give a .yaml, .yml, .json or .sql file, a directory of YAML files, or tenant:ID");
    }
    if (Files.isDirectory(path)) {
      return new SchemaFile(path);
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".sql")) {
      return new SqlFile(path);
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
      return new SchemaFile(path);
    }
    throw new InvalidTargetException(
        null, "target " + path + " has an unknown extension; expected .yaml, .yml, .json or .sql");
  }
}
