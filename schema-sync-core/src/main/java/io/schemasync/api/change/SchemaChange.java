package io.schemasync.api.change;

/**
 * One difference between two snapshots, as a change that turns the first into the second. The
 * closed set of changes the model can express; each dialect renders every one of them.
 */
public sealed interface SchemaChange
    permits CreateExtension,
        CreateTable,
        DropTable,
        RenameTable,
        AlterTableComment,
        AlterTableOptions,
        AttachPartition,
        DetachPartition,
        AlterPartitioning,
        AddColumn,
        DropColumn,
        RenameColumn,
        AlterColumn,
        AddConstraint,
        DropConstraint,
        CreateIndex,
        DropIndex,
        AlterIndexVisibility,
        CreateTrigger,
        DropTrigger,
        CreateView,
        DropView,
        CreateRoutine,
        DropRoutine,
        CreateEnum,
        DropEnum,
        AddEnumValues,
        CreateDomain,
        DropDomain,
        CreateSequence,
        DropSequence,
        AlterSequence {

  /** The object this change creates, drops or alters. */
  ObjectRef subject();

  /** A one-line human description, e.g. {@code add column users.email}. */
  String describe();

  /** The table this change creates, drops or belongs to; null for other schema-level objects. */
  default String table() {
    ObjectRef subject = subject();
    return subject.kind() == ObjectKind.TABLE ? subject.name() : subject.table();
  }
}
