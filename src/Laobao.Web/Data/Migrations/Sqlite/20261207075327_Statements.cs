using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Laobao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Statements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "statements",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    id_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    holder_masked = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    pdf = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statements", x => x.code);
                });

            migrationBuilder.CreateIndex(
                name: "IX_statements_id_number_issued_at",
                table: "statements",
                columns: new[] { "id_number", "issued_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "statements");
        }
    }
}
