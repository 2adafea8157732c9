using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Laobao.Web.Data.Migrations.Postgres
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
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    id_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    holder_masked = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    issued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false)
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
