package io.schemasync.mysql;

import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.RenameTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.ModelFeature;
import io.schemasync.spi.StepDraft;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The MySQL/MariaDB dialect: backtick quoting, the type mapping of {@link MysqlTypes}, and one
 * single-statement, non-transactional step per table change group (DDL commits implicitly).
 *
 * <p>Normalization is pure ({@link TargetRules}) and, when the adapter supplies a server, is
 * completed by a round trip through a scratch database: MySQL rewrites view definitions, CHECK and
 * generation expressions and expression defaults, and only the server can say how.
 */
public final class MysqlDialect implements Dialect {
  private final ServerFlavor flavor;
  private final TargetRules rules;
  private final MysqlRenderer renderer;
  private final UnaryOperator<SchemaSnapshot> roundTrip;

  /** A dialect without a server: normalization is the pure part only. */
  public MysqlDialect(ServerFlavor flavor) {
    this(flavor, UnaryOperator.identity());
  }

  MysqlDialect(ServerFlavor flavor, UnaryOperator<SchemaSnapshot> roundTrip) {
    this.flavor = flavor;
    this.rules = new TargetRules(flavor);
    this.renderer = new MysqlRenderer(flavor);
    this.roundTrip = roundTrip;
  }

  /** The server this dialect writes for. */
  public ServerFlavor flavor() {
    return flavor;
  }

  @Override
  public String quote(String identifier) {
    return MysqlNames.quote(identifier);
  }

  @Override
  public Optional<String> resolveType(String declaredType) {
    return MysqlTypes.resolve(declaredType);
  }

  @Override
  public List<String> nativeTypeNames() {
    return MysqlTypes.NATIVE_NAMES;
  }

  @Override
  public SchemaSnapshot normalize(SchemaSnapshot snapshot) {
    ModelFeature.rejectUnsupported(snapshot, "MySQL", MysqlMissingFeatures.ADVICE);
    SchemaSnapshot shaped = rules.apply(snapshot);
    return shaped.isEmpty() ? shaped : roundTrip.apply(shaped);
  }

  /**
   * MySQL keeps views over a changed table and re-reads them lazily, but a view naming a dropped or
   * renamed column or table is left invalid: those changes drop and recreate dependent views.
   */
  @Override
  public boolean invalidatesDependentViews(SchemaChange change) {
    return change instanceof DropColumn
        || change instanceof RenameColumn
        || change instanceof RenameTable
        || (change instanceof AlterColumn alter && alter.typeChanged());
  }

  @Override
  public List<StepDraft> render(
      List<SchemaChange> changes, SchemaSnapshot current, SchemaSnapshot target) {
    return renderer.render(changes, current, target);
  }
}
