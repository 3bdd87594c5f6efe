using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Service.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartnerQuota : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "QuotaBurst",
                table: "partners",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QuotaPermitsPerSecond",
                table: "partners",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "QuotaBurst",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "QuotaPermitsPerSecond",
                table: "partners");
        }
    }
}
