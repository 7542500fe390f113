package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogQueriesTest {
  @Test
  void forFewSchemasEveryQueryReachesItsRowsThroughAnIndex() {
    for (String sql : CatalogQueries.all()) {
      String few = CatalogQueries.variant(sql, true, 15);
      if (sql.equals(CatalogQueries.SCHEMAS) || sql.equals(CatalogQueries.EXTENSIONS)) {
        // the schema list is read through pg_namespace's own index; extensions are found from
        // pg_extension's members, whose number does not grow with the catalog
        assertThat(few).isEqualTo(CatalogQueries.variant(sql, false, 15));
      } else if (CatalogQueries.perTable(sql)) {
        // the parts of tables already found: by their oids, through pg_class's index
        assertThat(few)
            .as(sql)
            .contains("c.oid = ANY(?::oid[])")
            .doesNotContain("JOIN pg_depend nd ON")
            .doesNotContain("pg_namespace n");
        assertThat(CatalogQueries.parameter(sql, true, 15))
            .isEqualTo(CatalogQueries.Parameter.TABLE_OIDS);
      } else {
        assertThat(few).as(sql).contains("JOIN pg_depend nd ON");
      }
    }
  }

  @Test
  void theTablesQueryFindsTheTablesAndFourQueriesReadTheirParts() {
    assertThat(CatalogQueries.perTable(CatalogQueries.TABLES)).isFalse();
    assertThat(CatalogQueries.all().stream().filter(CatalogQueries::perTable))
        .containsExactly(
            CatalogQueries.COLUMNS,
            CatalogQueries.CONSTRAINTS,
            CatalogQueries.INDEXES,
            CatalogQueries.TRIGGERS);
  }

  @Test
  void scanningTheQueriesForTablesPartsFilterTheSchemasOidsWhereTheServerHashesThem() {
    for (String sql : CatalogQueries.all()) {
      if (!CatalogQueries.perTable(sql)) {
        assertThat(CatalogQueries.parameter(sql, false, 15))
            .isEqualTo(CatalogQueries.Parameter.SCHEMA_NAMES);
        continue;
      }
      // no join to pg_namespace for the planner to misjudge
      assertThat(CatalogQueries.variant(sql, false, 15))
          .as(sql)
          .contains("c.relnamespace = ANY(?::oid[])")
          .doesNotContain("pg_namespace n");
      assertThat(CatalogQueries.parameter(sql, false, 14))
          .isEqualTo(CatalogQueries.Parameter.SCHEMA_OIDS);
      // before 14 a long array is searched element by element: names through pg_namespace
      assertThat(CatalogQueries.variant(sql, false, 13)).contains("n.nspname = ANY(?::name[])");
      assertThat(CatalogQueries.parameter(sql, false, 13))
          .isEqualTo(CatalogQueries.Parameter.SCHEMA_NAMES);
    }
  }
}
