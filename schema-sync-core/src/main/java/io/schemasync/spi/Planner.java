package io.schemasync.spi;

import io.schemasync.api.TenantContext;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.PlanPolicy;

/**
 * Turns a diff into an ordered, rendered, classified plan and applies the policy. Pure: it reads no
 * database.
 */
public interface Planner {
  MigrationPlan plan(
      TenantContext tenant,
      SchemaSnapshot current,
      SchemaSnapshot target,
      SchemaDiff diff,
      Dialect dialect,
      PlanPolicy policy);
}
