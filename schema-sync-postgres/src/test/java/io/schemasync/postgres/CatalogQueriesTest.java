package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogQueriesTest {
  @Test
  void everyQueryOfTablesTypesAndRoutinesReachesItsRowsThroughPgDependWhenFewSchemasAreRead() {
    for (String sql : CatalogQueries.all()) {
      String few = CatalogQueries.forFewSchemas(sql);
      // the schema list is read through pg_namespace's own index; extensions are found from
      // pg_extension's members, whose number does not grow with the catalog
      if (sql.equals(CatalogQueries.SCHEMAS) || sql.equals(CatalogQueries.EXTENSIONS)) {
        assertThat(few).isEqualTo(sql);
      } else {
        assertThat(few).as(sql).isNotEqualTo(sql).contains("JOIN pg_depend nd ON");
      }
    }
  }
}
