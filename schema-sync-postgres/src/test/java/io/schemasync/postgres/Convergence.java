package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Syncs a tenant to a target through the public facade and checks that it converged. */
final class Convergence {
  private Convergence() {}

  /** Sync, re-inspect (zero diff), sync again (nothing planned); returns the first result. */
  static TenantResult converge(PostgresAdapter adapter, String tenant, SchemaSnapshot target) {
    return converge(adapter, tenant, new Target.Snapshot(target));
  }

  /** The same for a schema document written to {@code dir}. */
  static TenantResult converge(PostgresAdapter adapter, String tenant, Path dir, String yaml) {
    Path file = dir.resolve("schema-" + Integer.toHexString(yaml.hashCode()) + ".yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return converge(adapter, tenant, new Target.SchemaFile(file));
  }

  /** Sync to any target, re-inspect (zero diff), sync again (nothing planned). */
  static TenantResult converge(PostgresAdapter adapter, String tenant, Target target) {
    try (SchemaSync sync =
        SchemaSync.builder().adapter(adapter).target(target).allowDestructive(true).build()) {
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
