package io.schemasync.spi;

import io.schemasync.api.TenantContext;
import io.schemasync.api.model.SchemaSnapshot;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads schemas from the catalog; never writes. Output is normalized so that it compares equal to a
 * target normalized by the same dialect.
 */
public interface SchemaInspector {
  /** Every tenant at the adapter's location, sorted by id. */
  List<TenantContext> listTenants();

  boolean exists(TenantContext tenant);

  /**
   * The tenant's schema now.
   *
   * @throws io.schemasync.api.UnableToInspectSchemaException when the catalog cannot be read
   * @throws io.schemasync.api.InvalidTenantException when the tenant does not exist
   */
  SchemaSnapshot inspect(TenantContext tenant);

  /**
   * Several tenants at once. Engines that can read many schemas in one catalog pass override this;
   * the default inspects one by one.
   */
  default Map<TenantContext, SchemaSnapshot> inspectAll(Collection<TenantContext> tenants) {
    Map<TenantContext, SchemaSnapshot> result = new LinkedHashMap<>();
    for (TenantContext tenant : tenants) {
      result.put(tenant, inspect(tenant));
    }
    return result;
  }

  /**
   * {@link #inspectAll} of the tenants that exist; the others are absent from the result rather
   * than an error. The default checks each tenant first.
   */
  default Map<TenantContext, SchemaSnapshot> inspectExisting(Collection<TenantContext> tenants) {
    return inspectAll(tenants.stream().filter(this::exists).toList());
  }
}
