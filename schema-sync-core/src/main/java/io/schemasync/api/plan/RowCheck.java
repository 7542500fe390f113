package io.schemasync.api.plan;

import java.util.Objects;

/**
 * A read-only query that returns a row when a step would fail on the tenant's data, and what such a
 * row means. A dry run runs it, on the rows as they are before the plan's first statement, in place
 * of a step it cannot rehearse without blocking the table (a validation or a concurrent index build
 * that runs after the commit).
 *
 * @param query a {@code SELECT} in the dialect's SQL, naming the tenant's objects as the step's
 *     statements do
 * @param finding what a row it returns means, in words a reader can act on: {@code orders holds
 *     NULL in status}
 */
public record RowCheck(String query, String finding) {
  public RowCheck {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(finding, "finding");
  }
}
