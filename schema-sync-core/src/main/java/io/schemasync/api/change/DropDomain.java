package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Drops a domain type. */
public record DropDomain(DomainType domain) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.DOMAIN, domain.name());
  }

  @Override
  public String describe() {
    return "drop domain " + domain.name();
  }
}
