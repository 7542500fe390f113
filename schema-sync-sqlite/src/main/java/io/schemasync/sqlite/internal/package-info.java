/**
 * Implementation of the SQLite adapter: parsing of SQLite's stored DDL, rendering, table rebuilds,
 * tenant files and locks. Free to change between releases, not an API.
 */
package io.schemasync.sqlite.internal;
