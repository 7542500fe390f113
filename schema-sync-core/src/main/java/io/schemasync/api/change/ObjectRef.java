package io.schemasync.api.change;

import java.util.Objects;

/**
 * Names one schema object: its kind, the table it belongs to (null for schema-level objects) and
 * its name.
 */
public record ObjectRef(ObjectKind kind, String table, String name) {
  public ObjectRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static ObjectRef of(ObjectKind kind, String name) {
    return new ObjectRef(kind, null, name);
  }

  public static ObjectRef in(ObjectKind kind, String table, String name) {
    return new ObjectRef(kind, table, name);
  }

  /** {@code kind table.name}, as used in messages. */
  @Override
  public String toString() {
    return kind.label()
        + " "
        + (table == null || kind == ObjectKind.TABLE ? "" : table + ".")
        + name;
  }
}
