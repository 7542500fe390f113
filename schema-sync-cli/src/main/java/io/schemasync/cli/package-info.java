/**
 * The {@code schema-sync} command line: picocli commands over the {@link
 * io.schemasync.api.SchemaSync} facade, text and JSON reports, and exit codes. {@link
 * io.schemasync.cli.Main} is the entry point; the command-line syntax, the JSON document
 * (docs/cli-json.md) and the exit codes are the contract, the classes are not API and may change.
 */
package io.schemasync.cli;
