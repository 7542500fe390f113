/**
 * Fleet rollouts: bring many tenants to a target as one resumable job with a dry-run gate, canary
 * waves, per-tenant tasks recorded atomically with each tenant's change, and several workers. Start
 * from {@link io.schemasync.api.SchemaSync#rollouts(String)}.
 */
package io.schemasync.api.rollout;
