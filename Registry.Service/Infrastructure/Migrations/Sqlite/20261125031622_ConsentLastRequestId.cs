using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Service.Infrastructure.Migrations.Sqlite
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
                type: "TEXT",
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
