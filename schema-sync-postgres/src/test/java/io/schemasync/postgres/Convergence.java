package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.internal.diff.DefaultDiffCalculator;

/** Syncs a tenant to a target through the public facade and checks that it converged. */
final class Convergence {
  private Convergence() {}

  /** Sync, re-inspect (zero diff), sync again (nothing planned); returns the first result. */
  static TenantResult converge(PostgresAdapter adapter, String tenant, SchemaSnapshot target) {
    try (SchemaSync sync =
        SchemaSync.builder()
            .adapter(adapter)
            .target(new Target.Snapshot(target))
            .allowDestructive(true)
            .build()) {
      TenantResult first = sync.sync(tenant);
      if (first.failure() != null) {
        throw new AssertionError("sync failed: " + first.failure().getMessage(), first.failure());
      }
      assertThat(first.status()).isIn(TenantStatus.APPLIED, TenantStatus.IN_SYNC);
      SchemaSnapshot now = sync.inspect(tenant);
      assertThat(new DefaultDiffCalculator().diff(now, sync.target()).render()).isEmpty();
      TenantResult second = sync.sync(tenant);
      assertThat(second.failure()).isNull();
      assertThat(second.status()).isEqualTo(TenantStatus.IN_SYNC);
      assertThat(second.plan().steps()).isEmpty();
      return first;
    }
  }
}
