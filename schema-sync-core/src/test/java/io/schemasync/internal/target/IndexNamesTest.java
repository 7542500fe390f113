package io.schemasync.internal.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.model.IndexPart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexNamesTest {
  @Test
  void nameIsTableAndColumns() {
    assertThat(
            IndexNames.generate(
                "users", List.of(IndexPart.column("last_name"), IndexPart.column("first_name"))))
        .isEqualTo("idx_users_last_name_first_name");
  }

  @Test
  void expressionsContributeTheirWords() {
    assertThat(IndexNames.generate("users", List.of(IndexPart.expression("lower(email)"))))
        .isEqualTo("idx_users_lower_email");
    assertThat(IndexNames.generate("users", List.of(IndexPart.expression("(a + b)"))))
        .isEqualTo("idx_users_a_b");
  }

  @Test
  void sortOrderDoesNotChangeTheName() {
    assertThat(IndexNames.generate("t", List.of(new IndexPart("a", null, true))))
        .isEqualTo(IndexNames.generate("t", List.of(IndexPart.column("a"))));
  }

  @Test
  void longNamesAreCutTo63BytesWithAStableHash() {
    List<IndexPart> parts =
        List.of(
            IndexPart.column("customer_identifier_for_billing"),
            IndexPart.column("created_at_timestamp_utc"));

    String name = IndexNames.generate("customer_invoices_archive", parts);

    assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    assertThat(name)
        .startsWith("idx_customer_invoices_archive_customer_identifier_for")
        .matches(".*[^_]_[0-9a-f]{8}");
    assertThat(IndexNames.generate("customer_invoices_archive", parts)).isEqualTo(name);
  }

  @Test
  void longNamesSharingAPrefixStayDistinct() {
    String a = IndexNames.generate("t".repeat(60), List.of(IndexPart.column("alpha")));
    String b = IndexNames.generate("t".repeat(60), List.of(IndexPart.column("beta")));

    assertThat(a).isNotEqualTo(b);
    assertThat(a.substring(0, 54)).isEqualTo(b.substring(0, 54));
  }

  @Test
  void multiByteNamesAreCutOnCharacterBoundaries() {
    String name = IndexNames.generate("ü".repeat(40), List.of(IndexPart.column("ö")));

    assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    assertThat(new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo(name);
    assertThat(name).doesNotContain("\uFFFD");
  }

  @Test
  void knownNameDoesNotChangeBetweenReleases() {
    // Index names are part of tenants' schemas; a change here would rebuild every generated index.
    assertThat(
            IndexNames.generate(
                "customer_invoices_archive",
                List.of(
                    IndexPart.column("customer_identifier_for_billing"),
                    IndexPart.column("created_at_timestamp_utc"))))
        .isEqualTo("idx_customer_invoices_archive_customer_identifier_for_c0650c3c");
  }
}
