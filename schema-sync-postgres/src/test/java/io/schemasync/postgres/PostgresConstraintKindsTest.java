package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantResult;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ExclusionElement;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.Safety;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Exclusion constraints and NULLS NOT DISTINCT keys converge from a schema document. */
class PostgresConstraintKindsTest {
  private static final String RELEASE_1 =
      """
      tables:
        - name: bookings
          columns:
            - {name: id, type: integer, primaryKey: true}
            - {name: room, type: integer}
            - {name: during, type: tsrange}
            - {name: guest, type: text, nullable: true}
            - {name: code, type: text, nullable: true}
          exclusions:
            - method: gist
              elements:
                - {column: during, operator: "&&"}
              where: room > 0
          uniques:
            - {columns: [guest, code], nullsNotDistinct: true}
          indexes:
            - {name: bookings_code, columns: [code], unique: true, nullsNotDistinct: true}
      """;

  /**
   * Release 1 with a second, named, deferrable exclusion (default method btree, an expression), and
   * NULLs distinct again in the index.
   */
  private static final String RELEASE_2 =
      """
      tables:
        - name: bookings
          columns:
            - {name: id, type: integer, primaryKey: true}
            - {name: room, type: integer}
            - {name: during, type: tsrange}
            - {name: guest, type: text, nullable: true}
            - {name: code, type: text, nullable: true}
          exclusions:
            - method: gist
              elements:
                - {column: during, operator: "&&"}
              where: room > 0
            - name: bookings_one_code_per_guest
              elements:
                - {expression: "coalesce(guest, '')", operator: "="}
                - {column: code, operator: "="}
              deferrable: true
          uniques:
            - {columns: [guest, code], nullsNotDistinct: true}
          indexes:
            - {name: bookings_code, columns: [code], unique: true}
      """;

  @TempDir Path dir;
  @RegisterExtension final PostgresTenantFixture db = new PostgresTenantFixture("kinds");
  private final String tenant = db.tenant();

  @Test
  void exclusionConstraintsAndNullsNotDistinctConvergeAndKeepRows() {
    Convergence.converge(db.adapter(), tenant, dir, RELEASE_1);
    Table bookings =
        db.adapter().inspector().inspect(TenantContext.of(tenant)).table("bookings").orElseThrow();
    assertThat(bookings.exclusions())
        .containsExactly(
            new ExclusionConstraint(
                "bookings_during_excl",
                "gist",
                List.of(ExclusionElement.column("during", "&&")),
                "(room > 0)",
                false));
    assertThat(bookings.uniques()).singleElement().matches(u -> u.nullsNotDistinct());
    assertThat(bookings.indexes()).singleElement().matches(i -> i.nullsNotDistinct());

    String t = PgNames.quote(tenant) + ".bookings";
    PostgresTestServer.exec(
        "INSERT INTO " + t + " VALUES (1, 1, '[2024-01-01,2024-01-03)', 'ann', NULL)",
        "INSERT INTO " + t + " VALUES (2, 1, '[2024-01-05,2024-01-07)', 'bob', 'x')");
    // the server enforces what was declared
    assertThatThrownBy(
            () ->
                PostgresTestServer.exec(
                    "INSERT INTO " + t + " VALUES (3, 2, '[2024-01-02,2024-01-04)', 'cy', 'y')"))
        .hasMessageContaining("bookings_during_excl");
    assertThatThrownBy(
            () ->
                PostgresTestServer.exec(
                    "INSERT INTO " + t + " VALUES (4, 0, '[2025-01-01,2025-01-02)', 'ann', NULL)"))
        .hasMessageContaining("bookings_guest_code_key");

    TenantResult upgrade = Convergence.converge(db.adapter(), tenant, dir, RELEASE_2);
    MigrationStep added =
        upgrade.plan().steps().stream()
            .filter(s -> s.description().contains("bookings_one_code_per_guest"))
            .findFirst()
            .orElseThrow();
    assertThat(added.safety()).isEqualTo(Safety.BREAKING);
    assertThat(added.statements().get(0))
        .contains("EXCLUDE USING \"btree\" ((COALESCE(guest, ''::text)) WITH =, \"code\" WITH =)")
        .endsWith("DEFERRABLE");
    SchemaSnapshot now = db.adapter().inspector().inspect(TenantContext.of(tenant));
    assertThat(now.table("bookings").orElseThrow().indexes())
        .singleElement()
        .matches(i -> !i.nullsNotDistinct());
    assertThat(
            PostgresTestServer.query(
                "SELECT count(*) FROM " + t + " WHERE guest IN ('ann', 'bob')"))
        .isEqualTo("2");
  }
}
