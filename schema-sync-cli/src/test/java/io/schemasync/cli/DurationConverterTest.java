package io.schemasync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Durations on the command line, read and printed back. */
class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsDurationsAsPeopleWriteThem() {
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("12 h")).isEqualTo(Duration.ofHours(12));
    assertThat(converter.convert("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(converter.convert("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    assertThatThrownBy(() -> converter.convert("soon"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("500ms, 30s, 2m, 1h or 30d");
    assertThatThrownBy(() -> converter.convert("-PT1H"))
        .isInstanceOf(TypeConversionException.class);
  }

  @Test
  void printsADurationInItsLargestWholeUnit() {
    assertThat(DurationConverter.format(Duration.ofDays(30))).isEqualTo("30d");
    assertThat(DurationConverter.format(Duration.ofHours(36))).isEqualTo("36h");
    assertThat(DurationConverter.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(DurationConverter.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(DurationConverter.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    for (String written : new String[] {"30d", "36h", "90m", "45s", "1500ms"}) {
      assertThat(DurationConverter.format(new DurationConverter().convert(written)))
          .isEqualTo(written);
    }
  }
}
