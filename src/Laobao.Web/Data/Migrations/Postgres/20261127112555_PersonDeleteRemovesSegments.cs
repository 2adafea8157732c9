using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Laobao.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonDeleteRemovesSegments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Deleting a person removes their derived segments, as the ON DELETE CASCADE that DerivedSegmentsWithoutForeignKeys dropped did.
            migrationBuilder.Sql(
                """
                CREATE FUNCTION delete_coverage_segments_of_person() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM coverage_segments WHERE id_number = OLD.id_number;
                    RETURN OLD;
                END
                $$;
                CREATE TRIGGER persons_delete_coverage_segments AFTER DELETE ON persons
                    FOR EACH ROW EXECUTE FUNCTION delete_coverage_segments_of_person();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER persons_delete_coverage_segments ON persons; DROP FUNCTION delete_coverage_segments_of_person();");
        }
    }
}
