using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Service.Infrastructure.Migrations.SqlServer
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
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QuotaPermitsPerSecond",
                table: "partners",
                type: "int",
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
