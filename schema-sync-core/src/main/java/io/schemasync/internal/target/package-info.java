/**
 * Loading, validating and resolving targets: the YAML/JSON schema format (see {@code
 * docs/schema-format.md}), SQL and reference-tenant targets. Internal: free to change between
 * releases; use {@link io.schemasync.api.Target} instead.
 */
package io.schemasync.internal.target;
