package io.schemasync.api.model;

import java.util.Objects;

/**
 * A table column.
 *
 * @param type the column's type as the dialect spells it after normalization (e.g. {@code
 *     VARCHAR(255)} on SQLite, {@code character varying(255)} on PostgreSQL)
 * @param defaultValue the default as a SQL expression, null when there is none
 * @param identity how the database generates values for the column, null when it does not
 * @param generated the generation expression of a computed column, null for a plain column
 * @param collation null for the database's default collation
 * @param comment null when the column has none
 */
public record Column(
    String name,
    String type,
    boolean nullable,
    String defaultValue,
    Identity identity,
    GeneratedColumn generated,
    String collation,
    String comment) {

  public Column {
    ModelSupport.name(name, "column");
    Objects.requireNonNull(type, () -> "type of column " + name);
    if (type.isBlank()) {
      throw new IllegalArgumentException("column " + name + " has a blank type");
    }
    defaultValue = ModelSupport.blankToNull(defaultValue);
    collation = ModelSupport.blankToNull(collation);
    comment = ModelSupport.blankToNull(comment);
  }

  /** A plain column with no default, identity, generation, collation or comment. */
  public static Column of(String name, String type, boolean nullable) {
    return new Column(name, type, nullable, null, null, null, null, null);
  }

  public Column withName(String newName) {
    return new Column(
        newName, type, nullable, defaultValue, identity, generated, collation, comment);
  }

  public Column withType(String newType) {
    return new Column(
        name, newType, nullable, defaultValue, identity, generated, collation, comment);
  }

  public Column withNullable(boolean newNullable) {
    return new Column(
        name, type, newNullable, defaultValue, identity, generated, collation, comment);
  }

  public Column withDefaultValue(String newDefault) {
    return new Column(name, type, nullable, newDefault, identity, generated, collation, comment);
  }

  public Column withIdentity(Identity newIdentity) {
    return new Column(
        name, type, nullable, defaultValue, newIdentity, generated, collation, comment);
  }

  public Column withGenerated(GeneratedColumn newGenerated) {
    return new Column(
        name, type, nullable, defaultValue, identity, newGenerated, collation, comment);
  }

  public Column withCollation(String newCollation) {
    return new Column(
        name, type, nullable, defaultValue, identity, generated, newCollation, comment);
  }

  public Column withComment(String newComment) {
    return new Column(
        name, type, nullable, defaultValue, identity, generated, collation, newComment);
  }
}
