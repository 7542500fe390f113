package io.schemasync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.plan.PlanPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column moved to numeric affinity by a table rebuild: a value the copy would change fails the
 * step; values that only change storage class pass.
 */
class SqliteTypeChangeTest {
  @TempDir Path dir;

  private static SchemaSnapshot z(String codeType, String amountType) {
    return SchemaSnapshot.ofTables(
        List.of(
            Table.of(
                "z",
                List.of(
                    Column.of("id", "INTEGER", false),
                    Column.of("code", codeType, true),
                    Column.of("amount", amountType, true)),
                new PrimaryKey(null, List.of("id")))));
  }

  private TenantResult sync(SchemaSnapshot target, boolean dryRun) {
    try (SchemaSync sync =
        SchemaSync.builder()
            .url("jdbc:sqlite:" + dir)
            .target(new Target.Snapshot(target))
            .policy(new PlanPolicy(false, PlanPolicy.BreakingPolicy.WARN))
            .build()) {
      return dryRun ? sync.plan(TenantSelection.ids("acme")).results().get(0) : sync.sync("acme");
    }
  }

  @Test
  void aValueTheNewAffinityWouldChangeFailsTheStepAndTheRowsStay() {
    SqliteFixture fixture = new SqliteFixture(dir);
    fixture.execute(
        "acme",
        "CREATE TABLE z (id INTEGER PRIMARY KEY NOT NULL, code TEXT, amount REAL);"
            + " INSERT INTO z VALUES (1, '007', 1.0), (2, '12a', 2.5), (3, '7', 3.0), (4, NULL, NULL);");
    SchemaSnapshot codeAsInteger = z("INTEGER", "REAL");
    for (boolean dryRun : new boolean[] {true, false}) {
      TenantResult result = sync(codeAsInteger, dryRun);
      assertThat(result.status()).isEqualTo(TenantStatus.FAILED);
      assertThat(result.failure())
          .hasMessageContaining("values of z.code would change under type INTEGER");
    }
    assertThat(fixture.rows("acme", "SELECT code, typeof(code) FROM z WHERE id = 1"))
        .containsExactly(List.of("007", "text"));

    // '7' becoming 7 and '12a' staying text change no value: the step goes through
    fixture.execute("acme", "UPDATE z SET code = '7' WHERE id = 1;");
    assertThat(sync(codeAsInteger, false).status()).isEqualTo(TenantStatus.APPLIED);
    assertThat(fixture.rows("acme", "SELECT code, typeof(code) FROM z ORDER BY id"))
        .containsExactly(
            List.of(7, "integer"),
            List.of("12a", "text"),
            List.of(7, "integer"),
            java.util.Arrays.asList(null, "null"));

    // 1.0 becoming 1 is the same number
    assertThat(sync(z("INTEGER", "INTEGER"), false).status()).isEqualTo(TenantStatus.APPLIED);
    assertThat(fixture.rows("acme", "SELECT amount FROM z ORDER BY id"))
        .containsExactly(
            List.of(1), List.of(2.5), List.of(3), java.util.Collections.singletonList(null));
  }
}
