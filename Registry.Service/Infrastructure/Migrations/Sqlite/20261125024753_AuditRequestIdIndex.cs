using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Service.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditRequestIdIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_PartnerId",
                table: "audit_entries");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_PartnerId_RequestId",
                table: "audit_entries",
                columns: new[] { "PartnerId", "RequestId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_PartnerId_RequestId",
                table: "audit_entries");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_PartnerId",
                table: "audit_entries",
                column: "PartnerId");
        }
    }
}
