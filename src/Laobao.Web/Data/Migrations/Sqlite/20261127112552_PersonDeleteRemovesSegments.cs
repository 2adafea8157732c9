using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Laobao.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonDeleteRemovesSegments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Deleting a person removes their derived segments, as the ON DELETE CASCADE that DerivedSegmentsWithoutForeignKeys dropped did.
            // SQLite checks triggers when a table is renamed: a later migration that rebuilds coverage_segments or persons
            // on SQLite must drop this trigger before and create it again after.
            migrationBuilder.Sql(
                """
                CREATE TRIGGER persons_delete_coverage_segments AFTER DELETE ON persons
                BEGIN
                    DELETE FROM coverage_segments WHERE id_number = OLD.id_number;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER persons_delete_coverage_segments;");
        }
    }
}
