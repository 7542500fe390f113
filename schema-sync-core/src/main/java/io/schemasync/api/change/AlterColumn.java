package io.schemasync.api.change;

import io.schemasync.api.model.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Changes a column's definition in place: type, nullability, default, identity, etc. */
public record AlterColumn(String tableName, Column from, Column to) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.in(ObjectKind.COLUMN, tableName, to.name());
  }

  @Override
  public String describe() {
    return "alter column "
        + tableName
        + "."
        + to.name()
        + " ("
        + String.join(", ", aspects())
        + ")";
  }

  public boolean typeChanged() {
    return !from.type().equals(to.type());
  }

  public boolean nullabilityChanged() {
    return from.nullable() != to.nullable();
  }

  public boolean defaultChanged() {
    return !Objects.equals(from.defaultValue(), to.defaultValue());
  }

  public boolean identityChanged() {
    return from.identity() != to.identity();
  }

  public boolean generatedChanged() {
    return !Objects.equals(from.generated(), to.generated());
  }

  public boolean collationChanged() {
    return !Objects.equals(from.collation(), to.collation());
  }

  public boolean commentChanged() {
    return !Objects.equals(from.comment(), to.comment());
  }

  /** What changed, in words: {@code type VARCHAR(50) -> TEXT}, {@code not null}, ... */
  public List<String> aspects() {
    List<String> aspects = new ArrayList<>();
    if (typeChanged()) {
      aspects.add("type " + from.type() + " -> " + to.type());
    }
    if (nullabilityChanged()) {
      aspects.add(to.nullable() ? "drop not null" : "set not null");
    }
    if (defaultChanged()) {
      aspects.add("default " + from.defaultValue() + " -> " + to.defaultValue());
    }
    if (identityChanged()) {
      aspects.add("identity " + from.identity() + " -> " + to.identity());
    }
    if (generatedChanged()) {
      aspects.add("generation expression");
    }
    if (collationChanged()) {
      aspects.add("collation " + from.collation() + " -> " + to.collation());
    }
    if (commentChanged()) {
      aspects.add("comment");
    }
    return aspects;
  }
}
