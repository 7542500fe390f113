package io.schemasync.cli;

/** Small schema documents the command-line tests sync, diff and break. */
final class Schemas {
  private Schemas() {}

  /** Two tables with a foreign key, a unique index and a nullable column. */
  static final String V1 =
      """
      tables:
        - name: accounts
          columns:
            - name: id
              type: integer
              primaryKey: true
            - name: email
              type: varchar(200)
            - name: nickname
              type: text
              nullable: true
          indexes:
            - name: ix_accounts_email
              columns: [email]
              unique: true
        - name: notes
          columns:
            - name: id
              type: integer
              primaryKey: true
            - name: account_id
              type: integer
              references:
                table: accounts
                column: id
                onDelete: cascade
            - name: body
              type: text
      """;

  /** V1 plus a nullable column and an index: an additive upgrade. */
  static final String V2 =
      """
      tables:
        - name: accounts
          columns:
            - name: id
              type: integer
              primaryKey: true
            - name: email
              type: varchar(200)
            - name: nickname
              type: text
              nullable: true
          indexes:
            - name: ix_accounts_email
              columns: [email]
              unique: true
        - name: notes
          columns:
            - name: id
              type: integer
              primaryKey: true
            - name: account_id
              type: integer
              references:
                table: accounts
                column: id
                onDelete: cascade
            - name: body
              type: text
            - name: created_at
              type: timestamp
              nullable: true
          indexes:
            - name: ix_notes_account
              columns: [account_id]
      """;

  /** V1 without {@code accounts.nickname}: applying it drops a column. */
  static final String WITHOUT_NICKNAME =
      """
      tables:
        - name: accounts
          columns:
            - name: id
              type: integer
              primaryKey: true
            - name: email
              type: varchar(200)
          indexes:
            - name: ix_accounts_email
              columns: [email]
              unique: true
        - name: notes
          columns:
            - name: id
              type: integer
              primaryKey: true
            - name: account_id
              type: integer
              references:
                table: accounts
                column: id
                onDelete: cascade
            - name: body
              type: text
      """;
}
