package io.schemasync.api;

import io.schemasync.api.SyncReport.Operation;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.api.rollout.RolloutOptions;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.WorkerOptions;
import io.schemasync.internal.Adapters;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import io.schemasync.internal.execute.DefaultExecutor;
import io.schemasync.internal.plan.DefaultPlanner;
import io.schemasync.internal.rollout.ControlStores;
import io.schemasync.internal.rollout.DefaultRollouts;
import io.schemasync.internal.rollout.TenantPipeline;
import io.schemasync.internal.target.ResolvedTarget;
import io.schemasync.internal.target.TargetResolver;
import io.schemasync.spi.ConnectionSettings;
import io.schemasync.spi.ControlStore;
import io.schemasync.spi.DatabaseAdapter;
import io.schemasync.spi.DiffCalculator;
import io.schemasync.spi.Executor;
import io.schemasync.spi.Planner;
import io.schemasync.spi.RunOptions;
import io.schemasync.spi.SnapshotStore;
import io.schemasync.spi.StepListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine facade: inspect, diff, plan, sync, validate and audit tenants against one target.
 * Built once (at application startup, in a test, by a tool) and reused; thread-safe; close it to
 * release the adapter it opened.
 *
 * <pre>{@code
 * try (SchemaSync sync = SchemaSync.builder()
 *     .url("jdbc:sqlite:/var/lib/app/tenants")
 *     .target(Target.parse("schema/"))
 *     .build()) {
 *   sync.sync(TenantSelection.all()).orThrow();
 * }
 * }</pre>
 */
public final class SchemaSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaSync.class);

  /** Tenants read in one catalog pass by the operations over a fleet, unless set otherwise. */
  public static final int DEFAULT_READ_BATCH = 1_000;

  private final DatabaseAdapter adapter;
  private final boolean ownsAdapter;
  private final Target target;
  private final PlanPolicy policy;
  private final SnapshotStore snapshotStore;
  private final DiffCalculator diffCalculator;
  private final Planner planner;
  private final Executor executor;
  private final Duration lockTimeout;
  private final StepListener listener;
  private final String url;
  private final int readBatch;
  private volatile ResolvedTarget resolved;

  private SchemaSync(Builder b) {
    this.adapter = b.openAdapter();
    this.ownsAdapter = b.adapter == null;
    this.target = b.target;
    this.policy = b.policy;
    this.snapshotStore = b.snapshotStore;
    this.diffCalculator = b.diffCalculator;
    this.planner = b.planner;
    this.executor = b.executor;
    this.lockTimeout = b.lockTimeout;
    this.listener = b.listener;
    this.url = b.url != null ? b.url : adapter.name();
    this.readBatch = b.readBatch;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The adapter this engine works through. */
  public DatabaseAdapter adapter() {
    return adapter;
  }

  /** The policy plans are checked against. */
  public PlanPolicy policy() {
    return policy;
  }

  /**
   * The target, resolved for this engine: types mapped, names normalized. Resolved once, on first
   * use.
   *
   * @throws InvalidTargetException when the target is malformed or inconsistent
   * @throws IllegalStateException when the engine was built without a target
   */
  public SchemaSnapshot target() {
    return resolvedTarget().snapshot();
  }

  /** The tenants a selection covers, validated, in selection order (sorted for all and globs). */
  public List<TenantContext> tenants(TenantSelection selection) {
    Objects.requireNonNull(selection, "selection");
    if (selection instanceof TenantSelection.Ids ids) {
      Set<TenantContext> unique = new LinkedHashSet<>();
      ids.ids().forEach(id -> unique.add(adapter.tenant(id)));
      return List.copyOf(unique);
    }
    List<TenantContext> listed = adapter.inspector().listTenants();
    if (selection instanceof TenantSelection.Glob glob) {
      return listed.stream().filter(t -> glob.matches(t.id())).toList();
    }
    return listed;
  }

  /** The tenant's schema now. */
  public SchemaSnapshot inspect(String tenantId) {
    TenantContext tenant = adapter.tenant(tenantId);
    requireExists(tenant);
    return adapter.inspector().inspect(tenant);
  }

  /** Per tenant: the diff from its schema to the target (IN_SYNC or DRIFT). Read-only. */
  public SyncReport diff(TenantSelection selection) {
    return run(Operation.DIFF, selection, true, this::diffTenant);
  }

  /**
   * Per tenant: the plan, rehearsed in a rolled-back transaction where the engine allows. A tenant
   * named explicitly that does not exist yet is planned from an empty schema, as {@code sync} would
   * create it; nothing is created.
   */
  public SyncReport plan(TenantSelection selection) {
    return run(Operation.PLAN, selection, false, this::planTenant);
  }

  /** Same as {@link #diff} but meant for CI: DRIFT is a failure there. Read-only. */
  public SyncReport validate(TenantSelection selection) {
    return run(Operation.VALIDATE, selection, true, this::diffTenant);
  }

  /**
   * Read-only report of each tenant's schema hash and, when a target is set, its drift. Needs only
   * read privileges; never writes, locks or creates anything.
   */
  public SyncReport audit(TenantSelection selection) {
    if (target == null) {
      return new SyncReport(
          Operation.AUDIT, null, null, eachTenant(selection, false, this::auditOnly));
    }
    return run(Operation.AUDIT, selection, true, this::diffTenant);
  }

  /**
   * Brings every selected tenant to the target. Every tenant is planned first; when any plan is
   * refused by the policy, no tenant is changed (the others read SKIPPED). Each tenant then runs
   * under its lock and is verified against the target before it commits; a tenant that changed
   * since it was planned (another sync of it got there first) is planned again from its live
   * schema, once.
   */
  public SyncReport sync(TenantSelection selection) {
    ResolvedTarget t = resolvedTarget();
    List<TenantResult> planned =
        eachTenant(selection, false, (tenant, read) -> planOnly(tenant, read, false));
    boolean blocked =
        planned.stream()
            .anyMatch(r -> r.status() == TenantStatus.REFUSED || r.status() == TenantStatus.FAILED);
    List<TenantResult> results = new ArrayList<>();
    for (TenantResult result : planned) {
      if (blocked) {
        results.add(
            result.status() == TenantStatus.DRIFT
                ? result.withStatus(TenantStatus.SKIPPED, null)
                : result);
      } else if (result.status() == TenantStatus.DRIFT) {
        results.add(guard(result.tenant(), () -> execute(result, false)));
      } else {
        results.add(result);
      }
    }
    return new SyncReport(Operation.SYNC, t.description(), t.snapshot().hash(), results);
  }

  /** Syncs one tenant, creating it when the engine allows (a new SQLite file). */
  public TenantResult sync(String tenantId) {
    return sync(TenantSelection.ids(tenantId)).results().get(0);
  }

  /**
   * Fleet rollouts of this engine's target over its tenants, with jobs kept in the control store at
   * {@code controlUrl} ({@code jdbc:sqlite:FILE} on one machine, {@code jdbc:postgresql://...} when
   * workers on several machines share a rollout). Close the result to close the store.
   *
   * @throws NoSuchAdapterException when no control store provider accepts the URL
   */
  public Rollouts rollouts(String controlUrl) {
    return rollouts(ControlStores.open(controlUrl, null, null), true);
  }

  /** Fleet rollouts with jobs in a control store the caller opened (and closes). */
  public Rollouts rollouts(ControlStore store) {
    return rollouts(store, false);
  }

  /**
   * Rolls the target out to the selected tenants as one job in the default control store ({@value
   * ControlStores#DEFAULT_URL}), in this process: every tenant is dry-run first, and only if all
   * pass are they changed. Blocks until the job ends.
   */
  public RolloutReport rollout(RolloutOptions options) {
    try (Rollouts rollouts = rollouts(ControlStores.DEFAULT_URL)) {
      return rollouts.start(options, WorkerOptions.defaults());
    }
  }

  private Rollouts rollouts(ControlStore store, boolean ownsStore) {
    TenantPipeline pipeline =
        new TenantPipeline(adapter, diffCalculator, planner, lockTimeout, listener);
    return new DefaultRollouts(
        store,
        ownsStore,
        pipeline,
        () -> {
          ResolvedTarget t = resolvedTarget();
          return new DefaultRollouts.TargetSpec(t.description(), t.snapshot(), t.renames());
        },
        this::tenants,
        policy,
        url);
  }

  @Override
  public void close() {
    if (ownsAdapter) {
      adapter.close();
    }
  }

  // --- per-tenant operations -------------------------------------------------------------------

  /** One operation on one tenant; {@code read} is its schema when already read, else null. */
  private interface TenantOperation {
    TenantResult apply(TenantContext tenant, SchemaSnapshot read);
  }

  private SyncReport run(
      Operation operation, TenantSelection selection, boolean mustExist, TenantOperation op) {
    ResolvedTarget t = resolvedTarget();
    return new SyncReport(
        operation, t.description(), t.snapshot().hash(), eachTenant(selection, mustExist, op));
  }

  /**
   * Applies {@code op} to each selected tenant, reading their schemas {@code readBatch} tenants at
   * a time: one catalog pass per batch, and only one batch's schemas in memory (about 40 KB a
   * tenant of 20 tables on PostgreSQL), so a fleet of any size fits.
   */
  private List<TenantResult> eachTenant(
      TenantSelection selection, boolean mustExist, TenantOperation op) {
    List<TenantContext> tenants = tenants(selection);
    List<TenantResult> results = new ArrayList<>();
    for (int from = 0; from < tenants.size(); from += readBatch) {
      List<TenantContext> batch = tenants.subList(from, Math.min(tenants.size(), from + readBatch));
      Map<TenantContext, SchemaSnapshot> read = readAll(selection, batch);
      for (TenantContext tenant : batch) {
        SchemaSnapshot current = read.get(tenant);
        results.add(
            guard(
                tenant,
                () -> {
                  if (mustExist && current == null) {
                    requireExists(tenant);
                  }
                  return op.apply(tenant, current);
                }));
      }
    }
    return results;
  }

  /**
   * The listed tenants' schemas, read in one catalog pass where the adapter can (PostgreSQL and
   * MySQL read a whole fleet with the queries one tenant takes). Only for listed tenants, which
   * exist; explicitly named ones may not. When the batch fails, each tenant is read on its own
   * later, so that an error stays that tenant's.
   */
  private Map<TenantContext, SchemaSnapshot> readAll(
      TenantSelection selection, List<TenantContext> tenants) {
    if (selection instanceof TenantSelection.Ids || tenants.size() < 2) {
      return Map.of();
    }
    try {
      return adapter.inspector().inspectAll(tenants);
    } catch (SchemaSyncException e) {
      LOG.debug(
          "reading {} tenants in one pass failed; reading them one by one", tenants.size(), e);
      return Map.of();
    }
  }

  private SchemaSnapshot inspected(TenantContext tenant, SchemaSnapshot read) {
    return read != null ? read : adapter.inspector().inspect(tenant);
  }

  private TenantResult diffTenant(TenantContext tenant, SchemaSnapshot read) {
    SchemaSnapshot current = inspected(tenant, read);
    SchemaDiff diff = diffToTarget(current);
    return new TenantResult(
        tenant,
        diff.isEmpty() ? TenantStatus.IN_SYNC : TenantStatus.DRIFT,
        current.hash(),
        diff,
        null,
        null,
        null);
  }

  private TenantResult auditOnly(TenantContext tenant, SchemaSnapshot read) {
    if (read == null) {
      requireExists(tenant);
    }
    SchemaSnapshot current = inspected(tenant, read);
    return new TenantResult(tenant, TenantStatus.INSPECTED, current.hash(), null, null, null, null);
  }

  private TenantResult planTenant(TenantContext tenant, SchemaSnapshot read) {
    TenantResult planned = planOnly(tenant, read, false);
    if (planned.status() != TenantStatus.DRIFT) {
      return planned;
    }
    return execute(planned, true);
  }

  /** Inspects and plans; status DRIFT when there is something to run, IN_SYNC, or REFUSED. */
  private TenantResult planOnly(TenantContext tenant, SchemaSnapshot read, boolean mustExist) {
    SchemaSnapshot current =
        read != null
            ? read
            : adapter.inspector().exists(tenant)
                ? adapter.inspector().inspect(tenant)
                : missing(tenant, mustExist);
    SchemaDiff diff = diffToTarget(current);
    MigrationPlan plan = planner.plan(tenant, current, target(), diff, adapter.dialect(), policy);
    TenantStatus status =
        plan.isEmpty()
            ? TenantStatus.IN_SYNC
            : plan.isAllowed() ? TenantStatus.DRIFT : TenantStatus.REFUSED;
    SchemaSyncException failure =
        status == TenantStatus.REFUSED
            ? new PolicyViolationException(tenant.id(), plan.violations())
            : null;
    return new TenantResult(tenant, status, current.hash(), diff, plan, null, failure);
  }

  /**
   * Runs the tenant's plan; when the tenant changed between planning and taking its lock (another
   * sync of it that just finished, DDL a killed run left running on the server), plans once more
   * from the live schema and runs that: {@code sync} is asked for the target, not for a plan the
   * caller reviewed. The new plan passes the same policy, or the tenant reads {@code REFUSED}.
   */
  private TenantResult execute(TenantResult planned, boolean dryRun) {
    try {
      return executeOrReport(planned, dryRun);
    } catch (ConcurrentChangeException e) {
      LOG.info(
          "tenant {}: {}; planning again from its live schema", planned.tenant(), e.getMessage());
      TenantResult again = planOnly(planned.tenant(), null, false);
      return again.status() == TenantStatus.DRIFT ? executeOrReport(again, dryRun) : again;
    }
  }

  /**
   * {@link #executeOnce}, a failure reported with the plan that failed, so that a report shows
   * every step of it and not only the error.
   */
  private TenantResult executeOrReport(TenantResult planned, boolean dryRun) {
    try {
      return executeOnce(planned, dryRun);
    } catch (ConcurrentChangeException | InvalidTargetException e) {
      throw e;
    } catch (SchemaSyncException e) {
      LOG.warn("tenant {}: {}", planned.tenant(), e.getMessage());
      return new TenantResult(
          planned.tenant(),
          TenantStatus.FAILED,
          planned.currentHash(),
          planned.diff(),
          planned.plan(),
          null,
          e);
    }
  }

  private TenantResult executeOnce(TenantResult planned, boolean dryRun) {
    RunOptions options = new RunOptions(dryRun, lockTimeout, Duration.ZERO, listener);
    ExecutionResult execution = executor.execute(planned.plan(), target(), adapter, options);
    if (!dryRun && snapshotStore != null) {
      snapshotStore.store(planned.tenant(), target());
    }
    LOG.info(
        "tenant {}: {} {} step(s) in {} ms",
        planned.tenant(),
        dryRun ? "rehearsed" : "applied",
        execution.stepsRun(),
        execution.took().toMillis());
    return new TenantResult(
        planned.tenant(),
        dryRun ? TenantStatus.PLANNED : TenantStatus.APPLIED,
        planned.currentHash(),
        planned.diff(),
        planned.plan(),
        execution,
        null);
  }

  private SchemaSnapshot missing(TenantContext tenant, boolean mustExist) {
    if (mustExist) {
      requireExists(tenant);
    }
    return SchemaSnapshot.EMPTY;
  }

  private void requireExists(TenantContext tenant) {
    if (!adapter.inspector().exists(tenant)) {
      throw new InvalidTenantException(
          tenant.id(),
          "no such tenant at this location; list them with 'inspect' or sync it first");
    }
  }

  private SchemaDiff diffToTarget(SchemaSnapshot current) {
    ResolvedTarget t = resolvedTarget();
    return diffCalculator.diff(current, t.snapshot(), t.renames());
  }

  private TenantResult guard(TenantContext tenant, java.util.function.Supplier<TenantResult> body) {
    try {
      return body.get();
    } catch (InvalidTargetException e) {
      throw e; // the target is wrong for every tenant: fail the whole operation
    } catch (SchemaSyncException e) {
      LOG.warn("tenant {}: {}", tenant, e.getMessage());
      return new TenantResult(tenant, TenantStatus.FAILED, null, null, null, null, e);
    }
  }

  private ResolvedTarget resolvedTarget() {
    ResolvedTarget r = resolved;
    if (r == null) {
      if (target == null) {
        throw new IllegalStateException(
            "this SchemaSync was built without a target; set one with Builder.target(...)");
      }
      synchronized (this) {
        r = resolved;
        if (r == null) {
          r = TargetResolver.resolve(target, adapter);
          resolved = r;
        }
      }
    }
    return r;
  }

  /** Configures and builds a {@link SchemaSync}; validates everything in {@link #build()}. */
  public static final class Builder {
    private String url;
    private String user;
    private String password;
    private final Map<String, String> properties = new HashMap<>();
    private DataSource dataSource;
    private DatabaseAdapter adapter;
    private String adapterName;
    private Target target;
    private PlanPolicy policy = PlanPolicy.DEFAULT;
    private SnapshotStore snapshotStore;
    private DiffCalculator diffCalculator = new DefaultDiffCalculator();
    private Planner planner = new DefaultPlanner();
    private Executor executor = new DefaultExecutor();
    private Duration lockTimeout = ConnectionSettings.DEFAULT_LOCK_TIMEOUT;
    private StepListener listener = StepListener.NONE;
    private int readBatch = DEFAULT_READ_BATCH;

    private Builder() {}

    /** The JDBC URL of the tenants' database; the adapter is chosen by it. */
    public Builder url(String jdbcUrl) {
      this.url = jdbcUrl;
      return this;
    }

    public Builder credentials(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    /** A driver property passed with the URL. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /**
     * An application's data source (the caller keeps ownership); the adapter is chosen by product.
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** An adapter opened by the caller, used as is; the caller closes it. */
    public Builder adapter(DatabaseAdapter adapter) {
      this.adapter = adapter;
      return this;
    }

    /** Selects the adapter provider by name instead of by URL. */
    public Builder adapterName(String name) {
      this.adapterName = name;
      return this;
    }

    public Builder target(Target target) {
      this.target = target;
      return this;
    }

    /** Shorthand for {@code target(Target.parse(source))}. */
    public Builder target(String source) {
      return target(Target.parse(source));
    }

    public Builder policy(PlanPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Shorthand for a policy that allows destructive steps. */
    public Builder allowDestructive(boolean allow) {
      this.policy = policy.withAllowDestructive(allow);
      return this;
    }

    /** Where applied targets are recorded per tenant; none by default. */
    public Builder snapshotStore(SnapshotStore store) {
      this.snapshotStore = store;
      return this;
    }

    /** Replaces the diff between a tenant's schema and the target, for every operation. */
    public Builder diffCalculator(DiffCalculator calculator) {
      this.diffCalculator = Objects.requireNonNull(calculator, "diffCalculator");
      return this;
    }

    /** Replaces how a diff becomes ordered, classified steps, for every operation. */
    public Builder planner(Planner planner) {
      this.planner = Objects.requireNonNull(planner, "planner");
      return this;
    }

    /**
     * Replaces how {@code sync} and {@code plan} run a tenant's plan (lock, check, run, verify).
     * Rollouts keep their own pipeline, which plans under the lock and writes commit markers; they
     * use the diff calculator and planner set here, not the executor.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** How long to wait for a tenant's migration lock; 30 seconds by default. */
    public Builder lockTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "lockTimeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("lockTimeout must not be negative, was " + timeout);
      }
      this.lockTimeout = timeout;
      return this;
    }

    /** Told when each step starts and finishes. */
    public Builder listener(StepListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * How many tenants' schemas {@code validate}, {@code audit}, {@code diff}, {@code plan} and
     * {@code sync} read in one catalog pass and hold in memory at once; {@value
     * #DEFAULT_READ_BATCH} by default. Larger batches take fewer passes and more memory.
     */
    public Builder readBatch(int tenants) {
      if (tenants < 1) {
        throw new IllegalArgumentException("readBatch must be at least 1, was " + tenants);
      }
      this.readBatch = tenants;
      return this;
    }

    /**
     * Opens the adapter (unless one was given) and returns the engine.
     *
     * @throws IllegalStateException when not exactly one of url, dataSource or adapter is set
     * @throws NoSuchAdapterException when no adapter accepts the URL or data source
     */
    public SchemaSync build() {
      int sources =
          (url != null ? 1 : 0) + (dataSource != null ? 1 : 0) + (adapter != null ? 1 : 0);
      if (sources != 1) {
        throw new IllegalStateException(
            "set exactly one of url(...), dataSource(...) or adapter(...); "
                + sources
                + " were set");
      }
      return new SchemaSync(this);
    }

    private DatabaseAdapter openAdapter() {
      if (adapter != null) {
        return adapter;
      }
      if (dataSource != null) {
        return Adapters.open(dataSource, adapterName);
      }
      return Adapters.open(
          new ConnectionSettings(url, user, password, properties, lockTimeout), adapterName);
    }
  }
}
