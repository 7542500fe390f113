package io.schemasync.api.change;

/**
 * Makes an extension the schema needs available ({@code CREATE EXTENSION IF NOT EXISTS}). An
 * extension belongs to the whole database, so this never fails when another tenant created it
 * first, and no sync ever drops one.
 */
public record CreateExtension(String name) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.EXTENSION, name);
  }

  @Override
  public String describe() {
    return "create extension " + name;
  }
}
