package io.schemasync.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an engine stores a table, for engines that choose per table (the MySQL family): its storage
 * engine, default character set and default collation. Each part is optional. In a target, an
 * absent part means "whatever the tenant has": it is never compared, and never changed. Inspectors
 * of engines that choose per table report every part.
 *
 * @param engine the storage engine ({@code InnoDB}), null when not declared
 * @param charset the default character set of the table's text columns ({@code utf8mb4}), null when
 *     not declared
 * @param collation the default collation of the table's text columns, null when not declared
 */
public record TableOptions(String engine, String charset, String collation) {
  public TableOptions {
    engine = ModelSupport.blankToNull(engine);
    charset = ModelSupport.blankToNull(charset);
    collation = ModelSupport.blankToNull(collation);
  }

  /** Whether no part is declared. */
  @JsonIgnore
  public boolean isEmpty() {
    return engine == null && charset == null && collation == null;
  }

  /**
   * Whether a table with {@code actual} options already has every part declared here (an absent
   * part is satisfied by anything).
   */
  public boolean satisfiedBy(TableOptions actual) {
    TableOptions a = actual == null ? new TableOptions(null, null, null) : actual;
    return (engine == null || engine.equals(a.engine))
        && (charset == null || charset.equals(a.charset))
        && (collation == null || collation.equals(a.collation));
  }

  /** The options a table with {@code current} options has once the declared parts are applied. */
  public TableOptions appliedTo(TableOptions current) {
    TableOptions c = current == null ? new TableOptions(null, null, null) : current;
    // A new character set without a collation takes the set's default collation, not the old one.
    String newCollation =
        collation != null
            ? collation
            : charset != null && !charset.equals(c.charset) ? null : c.collation;
    return new TableOptions(
        engine != null ? engine : c.engine, charset != null ? charset : c.charset, newCollation);
  }

  /**
   * These options cut down to the parts {@code declared} has: how a table with them reads to a
   * target that declares {@code declared} (null when it declares none).
   */
  public TableOptions restrictedTo(TableOptions declared) {
    if (declared == null) {
      return null;
    }
    return new TableOptions(
        declared.engine == null ? null : engine,
        declared.charset == null ? null : charset,
        declared.collation == null ? null : collation);
  }

  /** The parts that differ between two option sets, e.g. {@code engine MyISAM -> InnoDB}. */
  public static List<String> differences(TableOptions from, TableOptions to) {
    TableOptions a = from == null ? new TableOptions(null, null, null) : from;
    TableOptions b = to == null ? new TableOptions(null, null, null) : to;
    List<String> out = new ArrayList<>();
    part(out, "engine", a.engine, b.engine);
    part(out, "charset", a.charset, b.charset);
    part(out, "collation", a.collation, b.collation);
    return out;
  }

  private static void part(List<String> out, String what, String from, String to) {
    if (!Objects.equals(from, to) && to != null) {
      out.add(what + " " + (from == null ? "default" : from) + " -> " + to);
    }
  }
}
