package io.schemasync.internal.target;

import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.PortableType;
import io.schemasync.spi.StepDraft;
import io.schemasync.spi.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A dialect for tests: portable types become their upper-case spelling ({@code varchar(255)} →
 * {@code VARCHAR(255)}), two native types are known, and normalization is a function the test
 * chooses (identity by default). Records what it normalized.
 */
final class StubDialect implements Dialect {
  static final List<String> NATIVE = List.of("citext", "tinyint");

  final List<SchemaSnapshot> normalized = new ArrayList<>();
  private final UnaryOperator<SchemaSnapshot> normalizer;

  StubDialect() {
    this(UnaryOperator.identity());
  }

  StubDialect(UnaryOperator<SchemaSnapshot> normalizer) {
    this.normalizer = normalizer;
  }

  @Override
  public String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public Optional<String> resolveType(String declaredType) {
    Optional<TypeName> parsed = TypeName.parse(declaredType);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    TypeName type = parsed.get();
    Optional<PortableType> portable = PortableType.lookup(type.base());
    if (portable.isPresent()) {
      return Optional.of(
          new TypeName(portable.get().spelling(), type.modifiers(), type.array()).format(true));
    }
    return Set.copyOf(NATIVE).contains(type.base())
        ? Optional.of(type.format(true))
        : Optional.empty();
  }

  @Override
  public List<String> nativeTypeNames() {
    return NATIVE;
  }

  @Override
  public SchemaSnapshot normalize(SchemaSnapshot snapshot) {
    normalized.add(snapshot);
    return normalizer.apply(snapshot);
  }

  @Override
  public boolean invalidatesDependentViews(SchemaChange change) {
    return false;
  }

  @Override
  public List<StepDraft> render(
      List<SchemaChange> changes, SchemaSnapshot current, SchemaSnapshot target) {
    throw new UnsupportedOperationException("target resolution renders nothing");
  }
}
