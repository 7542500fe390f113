package io.schemasync.internal.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.model.IndexPart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class IndexNamesPropertyTest {
  @Property
  void generatedNamesFitPostgresAndAreStable(
      @ForAll @NotBlank @StringLength(max = 128) String table,
      @ForAll @Size(min = 1, max = 5) List<@NotBlank @StringLength(max = 128) String> columns) {
    // jqwik's shrinker can hand in a blank element despite @NotBlank on the type argument
    Assume.that(columns.stream().noneMatch(String::isBlank));
    List<IndexPart> parts = columns.stream().map(IndexPart::column).toList();

    String name = IndexNames.generate(table, parts);

    assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    assertThat(name).startsWith("idx_").doesNotContain("\uFFFD");
    assertThat(name.codePoints()).allMatch(cp -> Character.isLetterOrDigit(cp) || cp == '_');
    assertThat(IndexNames.generate(table, List.copyOf(parts))).isEqualTo(name);
  }
}
