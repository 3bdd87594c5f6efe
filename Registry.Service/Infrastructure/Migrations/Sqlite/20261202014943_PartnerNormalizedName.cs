using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Service.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartnerNormalizedName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NormalizedName",
                table: "partners",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Existing partners get their key before the unique index is built (see PartnerNames).
            migrationBuilder.Sql(Partners.PartnerNames.SqliteBackfill);

            migrationBuilder.CreateIndex(
                name: "IX_partners_NormalizedName",
                table: "partners",
                column: "NormalizedName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_partners_NormalizedName",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "NormalizedName",
                table: "partners");
        }
    }
}
