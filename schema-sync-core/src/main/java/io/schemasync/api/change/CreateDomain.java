package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Creates a domain type. */
public record CreateDomain(DomainType domain) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.DOMAIN, domain.name());
  }

  @Override
  public String describe() {
    return "create domain " + domain.name();
  }
}
