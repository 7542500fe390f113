package io.schemasync.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.UnableToAcquireLockException;
import io.schemasync.spi.TenantLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every adapter must show against its real engine, through the public {@link
 * SchemaSync} API: convergence, idempotence, data survival, policy, dry runs, drift, hostile names
 * and locks. An adapter module extends it once and supplies an {@link AdapterFixture}; a case the
 * engine cannot support is listed, with the reason, in {@link #unsupported()} — the one place that
 * says so.
 */
public abstract class AdapterContractTest {
  @TempDir protected Path work;
  private AdapterFixture fixture;
  private final List<String> tenants = new ArrayList<>();

  /** A fixture for one test; called before each test. */
  protected abstract AdapterFixture fixture();

  /** Features this engine cannot support, each with the reason; none by default. */
  protected Map<Feature, String> unsupported() {
    return Map.of();
  }

  @BeforeEach
  void openFixture() {
    fixture = fixture();
  }

  @AfterEach
  void dropTenants() {
    tenants.forEach(fixture::dropTenant);
  }

  private String newTenant() {
    String id = fixture.newTenantId();
    tenants.add(id);
    fixture.createTenant(id);
    return id;
  }

  private SchemaSync engine(String yaml) {
    return engine(yaml, false);
  }

  private SchemaSync engine(String yaml, boolean allowDestructive) {
    Path file = work.resolve("schema-" + Integer.toHexString(yaml.hashCode()) + ".yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return SchemaSync.builder()
        .url(fixture.url())
        .target(new Target.SchemaFile(file))
        .allowDestructive(allowDestructive)
        .lockTimeout(Duration.ofSeconds(10))
        .build();
  }

  private void assume(Feature feature) {
    String reason = unsupported().get(feature);
    Assumptions.assumeTrue(reason == null, () -> feature + " not supported: " + reason);
  }

  private static TenantStatus status(SyncReport report) {
    assertThat(report.results()).hasSize(1);
    TenantResult result = report.results().get(0);
    if (result.failure() != null && result.status() == TenantStatus.FAILED) {
      throw new AssertionError("tenant failed: " + result.failure().getMessage(), result.failure());
    }
    return result.status();
  }

  @Test
  void syncBuildsTheTargetAndASecondSyncPlansNothing() {
    String tenant = newTenant();
    try (SchemaSync sync = engine(ContractSchemas.RELEASE_1)) {
      assertThat(status(sync.sync(TenantSelection.ids(tenant)))).isEqualTo(TenantStatus.APPLIED);
      assertThat(status(sync.validate(TenantSelection.ids(tenant))))
          .isEqualTo(TenantStatus.IN_SYNC);
      assertThat(status(sync.sync(TenantSelection.ids(tenant)))).isEqualTo(TenantStatus.IN_SYNC);
      assertThat(AsDeclared.of(sync.inspect(tenant), sync.target()).hash())
          .isEqualTo(sync.target().hash());
    }
  }

  @Test
  void anUpgradeKeepsEveryRow() {
    String tenant = newTenant();
    try (SchemaSync sync = engine(ContractSchemas.RELEASE_1)) {
      sync.sync(TenantSelection.ids(tenant)).orThrow();
    }
    fixture.execute(
        tenant,
        "INSERT INTO accounts (id, email, balance, note) VALUES (1, 'a@x.test', 150, 'vip')");
    fixture.execute(
        tenant, "INSERT INTO accounts (id, email, balance, note) VALUES (2, 'b@x.test', 5, NULL)");
    fixture.execute(tenant, "INSERT INTO entries (id, account_id, amount) VALUES (10, 1, 150)");
    try (SchemaSync sync = engine(ContractSchemas.RELEASE_2)) {
      assertThat(status(sync.sync(TenantSelection.ids(tenant)))).isEqualTo(TenantStatus.APPLIED);
      assertThat(status(sync.validate(TenantSelection.ids(tenant))))
          .isEqualTo(TenantStatus.IN_SYNC);
    }
    assertThat(
            fixture.query(
                tenant, "SELECT id, email_address, note, status FROM accounts ORDER BY id"))
        .containsExactly(
            List.of(1, "a@x.test", "vip", "open"),
            java.util.Arrays.asList(2, "b@x.test", null, "open"));
    assertThat(fixture.query(tenant, "SELECT email_address FROM rich_accounts"))
        .containsExactly(List.of("a@x.test"));
    assertThat(fixture.query(tenant, "SELECT count(*) FROM entries")).hasSize(1);
  }

  @Test
  void aDestructiveChangeIsRefusedUnlessAllowed() {
    String tenant = newTenant();
    String before;
    try (SchemaSync sync = engine(ContractSchemas.RELEASE_1)) {
      sync.sync(TenantSelection.ids(tenant)).orThrow();
      before = sync.inspect(tenant).hash();
    }
    try (SchemaSync sync = engine(ContractSchemas.WITHOUT_NOTE)) {
      assertThat(status(sync.sync(TenantSelection.ids(tenant)))).isEqualTo(TenantStatus.REFUSED);
      assertThat(sync.inspect(tenant).hash()).isEqualTo(before);
    }
    try (SchemaSync sync = engine(ContractSchemas.WITHOUT_NOTE, true)) {
      assertThat(status(sync.sync(TenantSelection.ids(tenant)))).isEqualTo(TenantStatus.APPLIED);
      assertThat(status(sync.validate(TenantSelection.ids(tenant))))
          .isEqualTo(TenantStatus.IN_SYNC);
    }
  }

  @Test
  void aDryRunRehearsesWithoutChangingAnything() {
    assume(Feature.TRANSACTIONAL_DRY_RUN);
    String tenant = newTenant();
    String before;
    try (SchemaSync sync = engine(ContractSchemas.RELEASE_1)) {
      sync.sync(TenantSelection.ids(tenant)).orThrow();
      before = sync.inspect(tenant).hash();
    }
    try (SchemaSync sync = engine(ContractSchemas.RELEASE_2)) {
      TenantResult result = sync.plan(TenantSelection.ids(tenant)).results().get(0);
      assertThat(result.status()).isEqualTo(TenantStatus.PLANNED);
      assertThat(result.execution().committed()).isFalse();
      assertThat(sync.inspect(tenant).hash()).isEqualTo(before);
    }
  }

  @Test
  void validateReportsAHandMadeChange() {
    String tenant = newTenant();
    try (SchemaSync sync = engine(ContractSchemas.RELEASE_1)) {
      sync.sync(TenantSelection.ids(tenant)).orThrow();
      fixture.execute(tenant, "ALTER TABLE accounts ADD COLUMN extra integer");
      SyncReport report = sync.validate(TenantSelection.ids(tenant));
      assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.DRIFT);
      assertThat(report.results().get(0).diff().render()).contains("accounts.extra");
    }
  }

  @Test
  void partialAndExpressionIndexesConverge() {
    assume(Feature.PARTIAL_INDEXES);
    assume(Feature.EXPRESSION_INDEXES);
    String tenant = newTenant();
    try (SchemaSync sync = engine(ContractSchemas.PARTIAL_AND_EXPRESSION_INDEXES)) {
      assertThat(status(sync.sync(TenantSelection.ids(tenant)))).isEqualTo(TenantStatus.APPLIED);
      assertThat(status(sync.sync(TenantSelection.ids(tenant)))).isEqualTo(TenantStatus.IN_SYNC);
    }
  }

  @Test
  void hostileNamesRoundTrip() {
    assume(Feature.HOSTILE_NAMES);
    String tenant = newTenant();
    try (SchemaSync sync = engine(ContractSchemas.HOSTILE_NAMES)) {
      assertThat(status(sync.sync(TenantSelection.ids(tenant)))).isEqualTo(TenantStatus.APPLIED);
      assertThat(status(sync.validate(TenantSelection.ids(tenant))))
          .isEqualTo(TenantStatus.IN_SYNC);
      assertThat(sync.inspect(tenant).tables())
          .extracting(t -> t.name())
          .containsExactly("x\"; DROP TABLE accounts; --");
    }
  }

  @Test
  void exclusionConstraintsConvergeOrAreRefusedByName() {
    convergesOrIsRefused(
        Feature.EXCLUSION_CONSTRAINTS, ContractSchemas.EXCLUSION, "accounts_email_excl");
  }

  @Test
  void nullsNotDistinctKeysConvergeOrAreRefusedByName() {
    convergesOrIsRefused(
        Feature.NULLS_NOT_DISTINCT, ContractSchemas.NULLS_NOT_DISTINCT, "accounts_email_key");
  }

  @Test
  void partitionedTablesConvergeOrAreRefusedByName() {
    convergesOrIsRefused(Feature.PARTITIONING, ContractSchemas.PARTITIONED, "table events");
  }

  /**
   * A supported feature converges; an unsupported one is refused before anything runs, with a
   * message naming the object, and the tenant stays as it was.
   */
  private void convergesOrIsRefused(Feature feature, String yaml, String object) {
    String tenant = newTenant();
    try (SchemaSync sync = engine(yaml)) {
      if (unsupported().containsKey(feature)) {
        assertThatThrownBy(() -> sync.sync(TenantSelection.ids(tenant)))
            .isInstanceOf(InvalidTargetException.class)
            .hasMessageContaining(object);
        assertThat(sync.adapter().inspector().inspect(sync.adapter().tenant(tenant)).tables())
            .isEmpty();
        return;
      }
      assertThat(status(sync.sync(TenantSelection.ids(tenant)))).isEqualTo(TenantStatus.APPLIED);
      assertThat(status(sync.validate(TenantSelection.ids(tenant))))
          .isEqualTo(TenantStatus.IN_SYNC);
      assertThat(status(sync.sync(TenantSelection.ids(tenant)))).isEqualTo(TenantStatus.IN_SYNC);
    }
  }

  @Test
  void aTenantLockExcludesASecondHolderUntilReleased() throws Exception {
    String tenant = newTenant();
    try (SchemaSync sync = engine(ContractSchemas.RELEASE_1)) {
      var adapter = sync.adapter();
      var context = adapter.tenant(tenant);
      try (TenantLock held = adapter.runner().lock(context, Duration.ofSeconds(5))) {
        CompletableFuture<Throwable> second =
            CompletableFuture.supplyAsync(
                () -> {
                  try (TenantLock other = adapter.runner().lock(context, Duration.ofMillis(300))) {
                    return null;
                  } catch (RuntimeException e) {
                    return e;
                  }
                });
        assertThat(second.get(30, TimeUnit.SECONDS))
            .isInstanceOf(UnableToAcquireLockException.class);
      }
      try (TenantLock again = adapter.runner().lock(context, Duration.ofSeconds(5))) {
        assertThat(again).isNotNull();
      }
      assertThatThrownBy(() -> adapter.tenant("../escape")).isInstanceOf(RuntimeException.class);
    }
  }
}
