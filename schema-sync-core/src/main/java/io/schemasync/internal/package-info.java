/**
 * Implementation of the engine: free to change between releases, not an API. Use {@code
 * io.schemasync.api} and {@code io.schemasync.spi} instead.
 */
package io.schemasync.internal;
