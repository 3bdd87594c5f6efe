using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Service.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ConsentLastRequestId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastRequestId",
                table: "consents",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastRequestId",
                table: "consents");
        }
    }
}
