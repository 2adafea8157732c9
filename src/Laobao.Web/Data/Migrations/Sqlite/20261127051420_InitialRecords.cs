using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Laobao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "insured_units",
                columns: table => new
                {
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name_latin = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insured_units", x => x.unit_code);
                });

            migrationBuilder.CreateTable(
                name: "persons",
                columns: table => new
                {
                    id_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name_latin = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    nationality = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    residence = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    pension_scheme = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    pension_since = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_persons", x => x.id_number);
                });

            migrationBuilder.CreateTable(
                name: "coverage_events",
                columns: table => new
                {
                    id_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 8, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kinds = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    insured_salary = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coverage_events", x => new { x.id_number, x.unit_code, x.@event, x.date, x.kinds });
                    table.ForeignKey(
                        name: "FK_coverage_events_insured_units_unit_code",
                        column: x => x.unit_code,
                        principalTable: "insured_units",
                        principalColumn: "unit_code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_coverage_events_persons_id_number",
                        column: x => x.id_number,
                        principalTable: "persons",
                        principalColumn: "id_number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "coverage_segments",
                columns: table => new
                {
                    id_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    segment_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    segment_end = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    insured_salary = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coverage_segments", x => new { x.id_number, x.unit_code, x.kind, x.segment_start });
                    table.ForeignKey(
                        name: "FK_coverage_segments_insured_units_unit_code",
                        column: x => x.unit_code,
                        principalTable: "insured_units",
                        principalColumn: "unit_code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_coverage_segments_persons_id_number",
                        column: x => x.id_number,
                        principalTable: "persons",
                        principalColumn: "id_number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pension_contributions",
                columns: table => new
                {
                    id_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    wage = table.Column<int>(type: "INTEGER", nullable: false),
                    employer_amount = table.Column<int>(type: "INTEGER", nullable: false),
                    voluntary_amount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pension_contributions", x => new { x.id_number, x.unit_code, x.month });
                    table.ForeignKey(
                        name: "FK_pension_contributions_insured_units_unit_code",
                        column: x => x.unit_code,
                        principalTable: "insured_units",
                        principalColumn: "unit_code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pension_contributions_persons_id_number",
                        column: x => x.id_number,
                        principalTable: "persons",
                        principalColumn: "id_number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pension_earnings",
                columns: table => new
                {
                    id_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pension_earnings", x => new { x.id_number, x.year });
                    table.ForeignKey(
                        name: "FK_pension_earnings_persons_id_number",
                        column: x => x.id_number,
                        principalTable: "persons",
                        principalColumn: "id_number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_coverage_events_unit_code",
                table: "coverage_events",
                column: "unit_code");

            migrationBuilder.CreateIndex(
                name: "IX_coverage_segments_unit_code",
                table: "coverage_segments",
                column: "unit_code");

            migrationBuilder.CreateIndex(
                name: "IX_pension_contributions_unit_code",
                table: "pension_contributions",
                column: "unit_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coverage_events");

            migrationBuilder.DropTable(
                name: "coverage_segments");

            migrationBuilder.DropTable(
                name: "pension_contributions");

            migrationBuilder.DropTable(
                name: "pension_earnings");

            migrationBuilder.DropTable(
                name: "insured_units");

            migrationBuilder.DropTable(
                name: "persons");
        }
    }
}
