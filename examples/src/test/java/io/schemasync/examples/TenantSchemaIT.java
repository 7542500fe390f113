package io.schemasync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an application's integration test asks "is this database exactly the target?": {@link
 * SchemaSync#validate} per tenant, and on failure an assertion message holding the readable diff.
 * Runs against real SQLite tenant files in a temporary directory.
 */
class TenantSchemaIT {
  private static final Path RELEASE_1 = Path.of("schema");
  private static final Path RELEASE_2 = Path.of("schema-v2");

  @TempDir Path tenants;

  /** The assertion an application would keep in its test support. */
  static void assertTenantMatchesTarget(SchemaSync schemaSync, String tenant) {
    TenantResult result = schemaSync.validate(TenantSelection.ids(tenant)).results().get(0);
    assertThat(result.status())
        .as(
            () ->
                "tenant "
                    + tenant
                    + " differs from "
                    + schemaSync.target().hash().substring(0, 12)
                    + ":\n"
                    + (result.diff() == null
                        ? String.valueOf(result.failure())
                        : result.diff().render()))
        .isEqualTo(TenantStatus.IN_SYNC);
  }

  private SchemaSync engine(Path target) {
    return SchemaSync.builder().url("jdbc:sqlite:" + tenants).target(Target.of(target)).build();
  }

  @Test
  void aSyncedTenantIsExactlyTheTarget() {
    StartupSync.syncAllTenants(
        "jdbc:sqlite:" + tenants, RELEASE_1); // no tenants yet: nothing to do
    try (SchemaSync schemaSync = engine(RELEASE_1)) {
      assertThat(schemaSync.sync("acme").status()).isEqualTo(TenantStatus.APPLIED);
      assertTenantMatchesTarget(schemaSync, "acme");
    }
  }

  @Test
  void aTenantAtAnOlderReleaseFailsWithAReadableDiff() {
    try (SchemaSync release1 = engine(RELEASE_1)) {
      release1.sync("initech");
    }
    try (SchemaSync release2 = engine(RELEASE_2)) {
      AssertionError failure = null;
      try {
        assertTenantMatchesTarget(release2, "initech");
      } catch (AssertionError e) {
        failure = e;
      }
      assertThat(failure).as("an older tenant must not validate against release 2").isNotNull();
      assertThat(failure.getMessage())
          .contains("tenant initech differs from")
          .contains("add column users.last_login_at")
          .contains("create table labels");

      SyncReport upgrade = release2.sync(TenantSelection.all()).orThrow();
      assertThat(upgrade.results())
          .extracting(TenantResult::status)
          .containsOnly(TenantStatus.APPLIED);
      assertTenantMatchesTarget(release2, "initech");
    }
  }

  @Test
  void startupSyncBringsEveryTenantAndASecondStartIsANoOp() {
    try (SchemaSync release1 = engine(RELEASE_1)) {
      release1.sync("acme");
      release1.sync("globex");
    }
    SyncReport first = StartupSync.syncAllTenants("jdbc:sqlite:" + tenants, RELEASE_2);
    assertThat(first.count(TenantStatus.APPLIED)).isEqualTo(2);
    SyncReport second = StartupSync.syncAllTenants("jdbc:sqlite:" + tenants, RELEASE_2);
    assertThat(second.results())
        .extracting(TenantResult::status)
        .containsOnly(TenantStatus.IN_SYNC);
  }
}
