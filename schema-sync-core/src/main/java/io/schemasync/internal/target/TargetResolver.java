package io.schemasync.internal.target;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.SourceLocation;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.change.RenameHints;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.DatabaseAdapter;
import io.schemasync.spi.Dialect;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns a {@link Target} into the snapshot to diff against, for one adapter: loads and validates
 * schema files, maps their types to the engine's, runs SQL targets in a scratch tenant, inspects a
 * reference tenant, and normalizes the result like inspector output. Writes to no tenant.
 */
public final class TargetResolver {
  private TargetResolver() {}

  /**
   * Resolves {@code target} for {@code adapter}'s engine.
   *
   * @throws InvalidTargetException when the target is malformed or inconsistent (every problem of a
   *     schema file is listed; {@link InvalidTargetException#location()} is the first one)
   */
  public static ResolvedTarget resolve(Target target, DatabaseAdapter adapter) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(adapter, "adapter");
    Dialect dialect = adapter.dialect();
    String description = target.describe();
    if (target instanceof Target.SchemaFile file) {
      DeclaredSchema declared = SchemaFileLoader.load(file.path());
      Problems problems = new Problems();
      SchemaValidator.validate(declared, problems);
      SchemaSnapshot typed = TypeMapper.map(declared, dialect, adapter.name(), problems);
      problems.throwIfAny();
      return new ResolvedTarget(dialect.normalize(typed), declared.renames(), description);
    }
    if (target instanceof Target.SqlFile sql) {
      String text = readSql(sql.path());
      SchemaSnapshot built = adapter.snapshotOfSql(text, sql.path().toString());
      return new ResolvedTarget(dialect.normalize(built), RenameHints.NONE, description);
    }
    if (target instanceof Target.ReferenceTenant reference) {
      return new ResolvedTarget(
          dialect.normalize(inspect(reference.tenantId(), adapter)), RenameHints.NONE, description);
    }
    if (target instanceof Target.Snapshot snapshot) {
      return new ResolvedTarget(
          dialect.normalize(snapshot.snapshot()), RenameHints.NONE, description);
    }
    throw new IllegalStateException("unhandled target kind " + target.getClass().getName());
  }

  private static SchemaSnapshot inspect(String tenantId, DatabaseAdapter adapter) {
    TenantContext tenant;
    try {
      tenant = adapter.tenant(tenantId);
    } catch (InvalidTenantException e) {
      throw new InvalidTargetException(
          null,
          "reference tenant "
              + IdentifierRules.show(tenantId)
              + " is not a valid tenant id: "
              + e.getMessage(),
          e);
    }
    if (!adapter.inspector().exists(tenant)) {
      throw new InvalidTargetException(
          null,
          "reference tenant "
              + IdentifierRules.show(tenantId)
              + " does not exist on this "
              + adapter.name()
              + " database; create it or name another tenant:ID");
    }
    return adapter.inspector().inspect(tenant);
  }

  private static String readSql(Path path) {
    SourceLocation at = new SourceLocation(path.toString(), 0, 0, null);
    if (!Files.isRegularFile(path)) {
      throw new InvalidTargetException(at, "the SQL file does not exist or is not a file");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(path)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidTargetException(at, "the SQL file is not valid UTF-8; save it as UTF-8", e);
    } catch (IOException e) {
      throw new InvalidTargetException(at, "cannot read the SQL file: " + e, e);
    }
  }
}
