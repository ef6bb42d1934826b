using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Moderation.Data.Migrations
{
    /// <inheritdoc />
    public partial class FindingStatisticsPerKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_stats_findings_daily",
                table: "stats_findings_daily");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "stats_findings_daily",
                type: "varchar(48)",
                maxLength: 48,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "varchar(32)",
                oldMaxLength: 32)
                .Annotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "key_id",
                table: "stats_findings_daily",
                type: "varchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddPrimaryKey(
                name: "PK_stats_findings_daily",
                table: "stats_findings_daily",
                columns: new[] { "day", "key_id", "kind", "name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_stats_findings_daily",
                table: "stats_findings_daily");

            migrationBuilder.DropColumn(
                name: "key_id",
                table: "stats_findings_daily");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "stats_findings_daily",
                type: "varchar(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "varchar(48)",
                oldMaxLength: 48)
                .Annotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddPrimaryKey(
                name: "PK_stats_findings_daily",
                table: "stats_findings_daily",
                columns: new[] { "day", "kind", "name" });
        }
    }
}
