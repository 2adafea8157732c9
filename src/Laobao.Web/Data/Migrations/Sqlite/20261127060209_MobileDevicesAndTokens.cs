using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Laobao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MobileDevicesAndTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "device_link_attempts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    public_key_spki = table.Column<byte[]>(type: "BLOB", maxLength: 256, nullable: false),
                    device_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    platform = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    match_number = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    choices = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    device_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_device_link_attempts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "device_link_tickets",
                columns: table => new
                {
                    ticket_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    manual_code_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    person_id_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    consumed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_device_link_tickets", x => x.ticket_hash);
                });

            migrationBuilder.CreateTable(
                name: "linked_devices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    public_key_spki = table.Column<byte[]>(type: "BLOB", maxLength: 256, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    platform = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    linked_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    unlinked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_linked_devices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mobile_access_tokens",
                columns: table => new
                {
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    device_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mobile_access_tokens", x => x.token_hash);
                });

            migrationBuilder.CreateTable(
                name: "mobile_refresh_tokens",
                columns: table => new
                {
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    device_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mobile_refresh_tokens", x => x.token_hash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_device_link_attempts_person_id_number_created_at",
                table: "device_link_attempts",
                columns: new[] { "person_id_number", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_device_link_tickets_manual_code_hash",
                table: "device_link_tickets",
                column: "manual_code_hash");

            migrationBuilder.CreateIndex(
                name: "IX_device_link_tickets_person_id_number_expires_at",
                table: "device_link_tickets",
                columns: new[] { "person_id_number", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "IX_linked_devices_person_id_number",
                table: "linked_devices",
                column: "person_id_number");

            migrationBuilder.CreateIndex(
                name: "IX_mobile_access_tokens_device_id",
                table: "mobile_access_tokens",
                column: "device_id");

            migrationBuilder.CreateIndex(
                name: "IX_mobile_access_tokens_expires_at",
                table: "mobile_access_tokens",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_mobile_access_tokens_family_id",
                table: "mobile_access_tokens",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "IX_mobile_refresh_tokens_device_id",
                table: "mobile_refresh_tokens",
                column: "device_id");

            migrationBuilder.CreateIndex(
                name: "IX_mobile_refresh_tokens_expires_at",
                table: "mobile_refresh_tokens",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_mobile_refresh_tokens_family_id",
                table: "mobile_refresh_tokens",
                column: "family_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "device_link_attempts");

            migrationBuilder.DropTable(
                name: "device_link_tickets");

            migrationBuilder.DropTable(
                name: "linked_devices");

            migrationBuilder.DropTable(
                name: "mobile_access_tokens");

            migrationBuilder.DropTable(
                name: "mobile_refresh_tokens");
        }
    }
}
