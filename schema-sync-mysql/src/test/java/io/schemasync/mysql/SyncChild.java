package io.schemasync.mysql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.Target;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.rollout.RolloutOptions;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A worker process for the fault tests: syncs (or rolls out to) tenants to a snapshot target and
 * stops dead at a {@link KillSwitch} point, where the test kills it.
 *
 * <p>Arguments: {@code sync|rollout}, JDBC URL, path of the target snapshot JSON, kill point (e.g.
 * {@code after:step:3}), control store URL (rollout) or {@code -}, tenant ids.
 */
public final class SyncChild {
  private SyncChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    SchemaSnapshot target = SchemaSnapshot.fromJson(Files.readString(Path.of(args[2])));
    KillSwitch.Point point = KillSwitch.Point.parse(args[3]);
    String control = args[4];
    TenantSelection tenants =
        TenantSelection.ids(Arrays.copyOfRange(args, 5, args.length, String[].class));
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[1]);
    config.setMaximumPoolSize(4);
    try (HikariDataSource pool = new HikariDataSource(config);
        SchemaSync sync =
            SchemaSync.builder()
                .dataSource(KillSwitch.wrap(pool, point, System.out))
                .target(new Target.Snapshot(target))
                .build()) {
      boolean ok;
      if (mode.equals("rollout")) {
        try (Rollouts rollouts = sync.rollouts(control)) {
          RolloutReport report =
              rollouts.start(
                  RolloutOptions.of(tenants), WorkerOptions.defaults().withParallelism(1));
          ok = report.failures().isEmpty();
          System.out.println("RESULT " + report.job().state());
        }
      } else {
        SyncReport report = sync.sync(tenants);
        ok = report.results().stream().allMatch(r -> r.failure() == null);
        report
            .results()
            .forEach(r -> System.out.println("RESULT " + r.tenant() + " " + r.status()));
      }
      System.out.flush();
      System.exit(ok ? 0 : 1);
    }
  }
}
