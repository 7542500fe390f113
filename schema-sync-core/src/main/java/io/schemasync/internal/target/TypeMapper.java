package io.schemasync.internal.target;

import static io.schemasync.internal.target.IdentifierRules.show;

import io.schemasync.api.SourceLocation;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.PortableType;
import io.schemasync.spi.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps every declared column and domain type to the engine's spelling through {@link
 * Dialect#resolveType}; a type the engine does not know is a problem at the column's line.
 */
final class TypeMapper {
  private final Dialect dialect;
  private final String engine;
  private final DeclaredTypes types;
  private final SourceMap sources;
  private final Problems problems;

  private TypeMapper(Dialect dialect, String engine, DeclaredSchema declared, Problems problems) {
    this.dialect = dialect;
    this.engine = engine;
    this.types = new DeclaredTypes(declared.snapshot());
    this.sources = declared.sourceMap();
    this.problems = problems;
  }

  /** The schema with resolved types; types that failed are left as written (problem recorded). */
  static SchemaSnapshot map(
      DeclaredSchema declared, Dialect dialect, String engine, Problems problems) {
    return new TypeMapper(dialect, engine, declared, problems).map(declared.snapshot());
  }

  private SchemaSnapshot map(SchemaSnapshot schema) {
    List<Table> tables = new ArrayList<>();
    for (Table table : schema.tables()) {
      List<Column> columns = new ArrayList<>();
      for (Column column : table.columns()) {
        String what = "column " + show(table.name() + "." + column.name());
        columns.add(
            column.withType(
                resolve(
                    column.type(),
                    what,
                    sources.at("tables", table.name(), "columns", column.name(), "type"))));
      }
      tables.add(table.withColumns(columns));
    }
    List<DomainType> domains = new ArrayList<>();
    for (DomainType domain : schema.domains()) {
      String base =
          resolve(
              domain.baseType(),
              "domain " + show(domain.name()),
              sources.at("domains", domain.name(), "type"));
      domains.add(
          new DomainType(
              domain.name(), base, domain.notNull(), domain.defaultValue(), domain.checks()));
    }
    return new SchemaSnapshot(
        tables,
        schema.views(),
        schema.routines(),
        schema.enums(),
        domains,
        schema.sequences(),
        schema.extensions());
  }

  private String resolve(String declared, String what, SourceLocation at) {
    // The schema's own enums and domains are not the engine's; malformed types were reported
    // already.
    if (types.isUserType(declared) || types.problem(declared).isPresent()) {
      return declared;
    }
    Optional<String> resolved = dialect.resolveType(declared);
    if (resolved.isPresent()) {
      return resolved.get();
    }
    problems.add(
        at,
        "unknown type '"
            + show(declared)
            + "' for "
            + what
            + suggestion(declared)
            + "; use a portable type ("
            + String.join(", ", PortableType.spellings())
            + ") or a native "
            + engine
            + " type ("
            + String.join(", ", dialect.nativeTypeNames())
            + ")");
    return declared;
  }

  /** "did you mean" for a near miss such as {@code strnig} or {@code bigitn}. */
  private String suggestion(String declared) {
    String word =
        TypeName.parse(declared)
            .map(TypeName::base)
            .orElse(declared.strip().toLowerCase(Locale.ROOT));
    if (word.length() <= 3) {
      return "";
    }
    List<String> candidates = new ArrayList<>(PortableType.spellings());
    candidates.addAll(dialect.nativeTypeNames());
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      int distance = distance(word, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  /** Optimal string alignment distance: a swapped pair of letters counts as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
