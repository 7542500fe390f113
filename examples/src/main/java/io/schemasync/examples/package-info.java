/**
 * Small, runnable examples of the three ways schema-sync is used: {@link
 * io.schemasync.examples.StartupSync} (sync every tenant at application startup), the {@code
 * TenantSchemaIT} test (assert a database is exactly the target, with a readable diff when not),
 * and {@link io.schemasync.examples.AdminTool} (an in-house tool publishing reports as JSON).
 */
package io.schemasync.examples;
