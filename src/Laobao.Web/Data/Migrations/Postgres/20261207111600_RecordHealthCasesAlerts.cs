using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Laobao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecordHealthCasesAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_preferences",
                columns: table => new
                {
                    id_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    mail_alerts = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_preferences", x => x.id_number);
                });

            migrationBuilder.CreateTable(
                name: "record_alerts",
                columns: table => new
                {
                    id_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    changes = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    mailed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_record_alerts", x => new { x.id_number, x.day });
                });

            migrationBuilder.CreateTable(
                name: "record_cases",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    person_id_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    topic = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    from_month = table.Column<DateOnly>(type: "date", nullable: true),
                    to_month = table.Column<DateOnly>(type: "date", nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_record_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_members",
                columns: table => new
                {
                    id_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    granted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_members", x => x.id_number);
                });

            migrationBuilder.CreateTable(
                name: "record_case_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    staff_id_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_record_case_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_record_case_events_record_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "record_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_record_alerts_mailed_at_updated_at",
                table: "record_alerts",
                columns: new[] { "mailed_at", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "IX_record_case_events_case_id",
                table: "record_case_events",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "IX_record_cases_number",
                table: "record_cases",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_record_cases_person_id_number",
                table: "record_cases",
                column: "person_id_number");

            migrationBuilder.CreateIndex(
                name: "IX_record_cases_status_created_at",
                table: "record_cases",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_preferences");

            migrationBuilder.DropTable(
                name: "record_alerts");

            migrationBuilder.DropTable(
                name: "record_case_events");

            migrationBuilder.DropTable(
                name: "staff_members");

            migrationBuilder.DropTable(
                name: "record_cases");
        }
    }
}
