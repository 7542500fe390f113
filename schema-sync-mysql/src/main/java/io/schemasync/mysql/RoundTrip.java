package io.schemasync.mysql;

import io.schemasync.api.DatabaseException;
import io.schemasync.api.model.SchemaSnapshot;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes target normalization on the server: the target is built in a scratch database and read
 * back, so view text, CHECK and generation expressions, defaults and types read exactly as the
 * inspector will report them for a tenant. A user without CREATE (an audit user) gets the pure
 * normalization, with a warning.
 */
final class RoundTrip implements UnaryOperator<SchemaSnapshot> {
  private static final Logger LOG = LoggerFactory.getLogger(RoundTrip.class);

  /** Access denied for the user / database / table / missing privilege. */
  private static final Set<Integer> DENIED = Set.of(1044, 1045, 1142, 1227);

  private final Scratch scratch;

  RoundTrip(Scratch scratch) {
    this.scratch = scratch;
  }

  @Override
  public SchemaSnapshot apply(SchemaSnapshot snapshot) {
    try {
      return scratch.roundTrip(snapshot);
    } catch (DatabaseException e) {
      if (e.getCause() instanceof SQLException sql && DENIED.contains(sql.getErrorCode())) {
        LOG.warn(
            "cannot create a scratch database to normalize the target ({}); views, CHECK and"
                + " generated expressions are compared as written",
            sql.getMessage());
        return snapshot;
      }
      throw e;
    }
  }
}
