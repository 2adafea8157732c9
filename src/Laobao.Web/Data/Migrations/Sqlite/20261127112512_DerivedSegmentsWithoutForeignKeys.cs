using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Laobao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DerivedSegmentsWithoutForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_coverage_segments_insured_units_unit_code",
                table: "coverage_segments");

            migrationBuilder.DropForeignKey(
                name: "FK_coverage_segments_persons_id_number",
                table: "coverage_segments");

            migrationBuilder.DropIndex(
                name: "IX_coverage_segments_unit_code",
                table: "coverage_segments");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_coverage_segments_unit_code",
                table: "coverage_segments",
                column: "unit_code");

            migrationBuilder.AddForeignKey(
                name: "FK_coverage_segments_insured_units_unit_code",
                table: "coverage_segments",
                column: "unit_code",
                principalTable: "insured_units",
                principalColumn: "unit_code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_coverage_segments_persons_id_number",
                table: "coverage_segments",
                column: "id_number",
                principalTable: "persons",
                principalColumn: "id_number",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
