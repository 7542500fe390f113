package io.schemasync.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.model.Column;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.testsupport.gen.SchemaArbitraries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The snapshot hash is a function of the schema, not of catalog order or column order. */
class SnapshotHashPropertyTest {

  @Property(tries = 200)
  void catalogOrderChangesNeitherEqualityNorHash(
      @ForAll("schemas") SchemaSnapshot schema, @ForAll Random random) {
    SchemaSnapshot reordered = SchemaArbitraries.reorder(schema, random);

    assertThat(reordered).isEqualTo(schema);
    assertThat(reordered.hash()).isEqualTo(schema.hash());
    assertThat(reordered.toJson()).isEqualTo(schema.toJson());
  }

  @Property(tries = 200)
  void columnOrderDoesNotChangeTheHash(
      @ForAll("quotedSchemas") SchemaSnapshot schema, @ForAll Random random) {
    SchemaSnapshot shuffled = SchemaArbitraries.reorder(schema, random, true);

    assertThat(shuffled.hash()).isEqualTo(schema.hash());
    assertThat(shuffled.canonical()).isEqualTo(schema.canonical());
  }

  @Property(tries = 200)
  void jsonRoundTripKeepsEqualityAndHash(@ForAll("quotedSchemas") SchemaSnapshot schema) {
    String json = schema.toJson();
    SchemaSnapshot read = SchemaSnapshot.fromJson(json);

    assertThat(read).isEqualTo(schema);
    assertThat(read.hash()).isEqualTo(schema.hash());
    assertThat(read.toJson()).isEqualTo(json);
  }

  @Property(tries = 200)
  void renamingAColumnChangesTheHash(
      @ForAll("schemas") SchemaSnapshot schema, @ForAll Random random) {
    Table table = schema.tables().get(random.nextInt(schema.tables().size()));
    Column column = table.columns().get(random.nextInt(table.columns().size()));
    Column renamed = column.withName(column.name() + "_renamed");

    SchemaSnapshot changed = replaceColumn(schema, table, column, renamed);

    assertThat(changed.hash()).isNotEqualTo(schema.hash());
  }

  @Property(tries = 200)
  void flippingNullabilityChangesTheHash(
      @ForAll("schemas") SchemaSnapshot schema, @ForAll Random random) {
    Table table = schema.tables().get(random.nextInt(schema.tables().size()));
    Column column = table.columns().get(random.nextInt(table.columns().size()));

    SchemaSnapshot changed =
        replaceColumn(schema, table, column, column.withNullable(!column.nullable()));

    assertThat(changed.hash()).isNotEqualTo(schema.hash());
  }

  @Property(tries = 100)
  void changingTypeDefaultOrTableNameChangesTheHash(
      @ForAll("schemas") SchemaSnapshot schema, @ForAll Random random) {
    Table table = schema.tables().get(random.nextInt(schema.tables().size()));
    Column column = table.columns().get(random.nextInt(table.columns().size()));

    assertThat(replaceColumn(schema, table, column, column.withType(column.type() + "X")).hash())
        .isNotEqualTo(schema.hash());
    assertThat(replaceColumn(schema, table, column, column.withDefaultValue("'changed'")).hash())
        .isNotEqualTo(schema.hash());
    List<Table> tables = new ArrayList<>(schema.tables());
    tables.set(tables.indexOf(table), table.withName(table.name() + "_2"));
    assertThat(schema.withTables(tables).hash()).isNotEqualTo(schema.hash());
  }

  @Property(tries = 200)
  void hashesAreEqualExactlyWhenCanonicalFormsAre(
      @ForAll("schemas") SchemaSnapshot a, @ForAll("schemas") SchemaSnapshot b) {
    assertThat(a.hash().equals(b.hash())).isEqualTo(a.canonical().equals(b.canonical()));
  }

  private static SchemaSnapshot replaceColumn(
      SchemaSnapshot schema, Table table, Column column, Column replacement) {
    List<Column> columns = new ArrayList<>(table.columns());
    columns.set(columns.indexOf(column), replacement);
    List<Table> tables = new ArrayList<>(schema.tables());
    tables.set(tables.indexOf(table), table.withColumns(columns));
    return schema.withTables(tables);
  }

  @Provide
  Arbitrary<SchemaSnapshot> schemas() {
    return SchemaArbitraries.defaults().schemas();
  }

  @Provide
  Arbitrary<SchemaSnapshot> quotedSchemas() {
    return SchemaArbitraries.defaults().withQuotedNames(true).schemas();
  }
}
