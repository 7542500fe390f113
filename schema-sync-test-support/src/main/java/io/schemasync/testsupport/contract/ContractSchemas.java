package io.schemasync.testsupport.contract;

/**
 * The YAML targets the contract suite syncs; portable types only, so every engine can hold them.
 */
final class ContractSchemas {
  private ContractSchemas() {}

  static final String RELEASE_1 =
      """
      tables:
        - name: accounts
          columns:
            - {name: id, type: integer, primaryKey: true}
            - {name: email, type: varchar(100), unique: true}
            - {name: balance, type: "numeric(10,2)", default: 0}
            - {name: note, type: varchar(20), nullable: true}
          checks:
            - {name: ck_accounts_balance, expression: "balance >= 0"}
          indexes:
            - {name: ix_accounts_note, columns: [note]}
        - name: entries
          columns:
            - {name: id, type: integer, primaryKey: true}
            - name: account_id
              type: integer
              references: {table: accounts, column: id, onDelete: cascade}
            - {name: amount, type: "numeric(10,2)"}
          indexes:
            - {name: ix_entries_account, columns: [account_id]}
      views:
        - name: rich_accounts
          definition: SELECT id, email FROM accounts WHERE balance > 100
      """;

  /** Release 1 plus additions, a widened column and a declared column rename: loses nothing. */
  static final String RELEASE_2 =
      """
      tables:
        - name: accounts
          columns:
            - {name: id, type: integer, primaryKey: true}
            - {name: email_address, type: varchar(100), unique: true, renamedFrom: email}
            - {name: balance, type: "numeric(10,2)", default: 0}
            - {name: note, type: varchar(200), nullable: true}
            - {name: status, type: varchar(10), default: "'open'"}
            - {name: closed_at, type: timestamp, nullable: true}
          checks:
            - {name: ck_accounts_balance, expression: "balance >= 0"}
          indexes:
            - {name: ix_accounts_note, columns: [note]}
            - {name: ix_accounts_status, columns: [status, balance]}
        - name: entries
          columns:
            - {name: id, type: integer, primaryKey: true}
            - name: account_id
              type: integer
              references: {table: accounts, column: id, onDelete: cascade}
            - {name: amount, type: "numeric(10,2)"}
            - {name: memo, type: text, nullable: true}
          indexes:
            - {name: ix_entries_account, columns: [account_id]}
      views:
        - name: rich_accounts
          definition: SELECT id, email_address FROM accounts WHERE balance > 100
      """;

  /** Release 1 without the column note: a destructive change. */
  static final String WITHOUT_NOTE =
      replace(
          replace(RELEASE_1, "      - {name: note, type: varchar(20), nullable: true}\n", ""),
          "    indexes:\n      - {name: ix_accounts_note, columns: [note]}\n",
          "");

  static final String PARTIAL_AND_EXPRESSION_INDEXES =
      replace(
          RELEASE_1,
          "      - {name: ix_accounts_note, columns: [note]}\n",
          "      - {name: ix_accounts_note, columns: [note], where: note IS NOT NULL}\n"
              + "      - name: ux_accounts_email_lower\n"
              + "        unique: true\n"
              + "        columns: [{expression: lower(email)}]\n");

  private static String replace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalStateException("contract schema does not contain: " + from);
    }
    return text.replace(from, to);
  }

  static final String HOSTILE_NAMES =
      """
      identifiers: quoted
      tables:
        - name: "x\\"; DROP TABLE accounts; --"
          columns:
            - {name: id, type: integer, primaryKey: true}
            - {name: "naïve column ✓", type: varchar(50), nullable: true}
            - {name: "semi;colon 'quoted'", type: integer, default: 1}
          indexes:
            - {name: "idx \\"q\\" ;", columns: ["naïve column ✓"]}
      """;

  static final String EXCLUSION =
      """
      tables:
        - name: accounts
          columns:
            - {name: id, type: integer, primaryKey: true}
            - {name: email, type: varchar(100)}
          exclusions:
            - name: accounts_email_excl
              elements: [{column: email, operator: "="}]
      """;

  static final String NULLS_NOT_DISTINCT =
      """
      tables:
        - name: accounts
          columns:
            - {name: id, type: integer, primaryKey: true}
            - {name: email, type: varchar(100), nullable: true}
          uniques:
            - {name: accounts_email_key, columns: [email], nullsNotDistinct: true}
      """;

  static final String PARTITIONED =
      """
      tables:
        - name: events
          columns:
            - {name: id, type: integer}
            - {name: created, type: date}
          partitionBy: {strategy: range, key: [created]}
        - name: events_2024
          partitionOf: {table: events, bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"}
      """;
}
