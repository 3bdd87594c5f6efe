using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Service.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditIndexesForSequencedRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_PartnerId_RequestId",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_RecordedAt",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_Sequence",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_SubjectKey",
                table: "audit_entries");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_PartnerId_Sequence",
                table: "audit_entries",
                columns: new[] { "PartnerId", "Sequence" },
                filter: "\"Sequence\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Pending",
                table: "audit_entries",
                columns: new[] { "RecordedAt", "Id" },
                filter: "\"Sequence\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_RecordedAt",
                table: "audit_entries",
                column: "RecordedAt",
                filter: "\"Sequence\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Sequence",
                table: "audit_entries",
                column: "Sequence",
                unique: true,
                filter: "\"Sequence\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_SubjectKey",
                table: "audit_entries",
                column: "SubjectKey",
                filter: "\"Sequence\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_PartnerId_Sequence",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_Pending",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_RecordedAt",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_Sequence",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_SubjectKey",
                table: "audit_entries");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_PartnerId_RequestId",
                table: "audit_entries",
                columns: new[] { "PartnerId", "RequestId" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_RecordedAt",
                table: "audit_entries",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Sequence",
                table: "audit_entries",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_SubjectKey",
                table: "audit_entries",
                column: "SubjectKey");
        }
    }
}
