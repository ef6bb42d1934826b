using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Moderation.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "processed_events",
                columns: table => new
                {
                    event_id = table.Column<byte[]>(type: "binary(16)", nullable: false),
                    processed_at = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_events", x => x.event_id);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "stats_abuse_by_key",
                columns: table => new
                {
                    key_id = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    last_at = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stats_abuse_by_key", x => x.key_id);
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "stats_languages_daily",
                columns: table => new
                {
                    day = table.Column<DateTime>(type: "date", nullable: false),
                    lang = table.Column<string>(type: "varchar(8)", maxLength: 8, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    requests = table.Column<long>(type: "bigint", nullable: false),
                    abusive = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stats_languages_daily", x => new { x.day, x.lang });
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "stats_requests_hourly",
                columns: table => new
                {
                    key_id = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    hour = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    endpoint = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    mode = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    requests = table.Column<long>(type: "bigint", nullable: false),
                    abusive = table.Column<long>(type: "bigint", nullable: false),
                    detections = table.Column<long>(type: "bigint", nullable: false),
                    latency_sum_ms = table.Column<double>(type: "double", nullable: false),
                    le1_ms = table.Column<long>(type: "bigint", nullable: false),
                    le5_ms = table.Column<long>(type: "bigint", nullable: false),
                    le10_ms = table.Column<long>(type: "bigint", nullable: false),
                    le25_ms = table.Column<long>(type: "bigint", nullable: false),
                    le50_ms = table.Column<long>(type: "bigint", nullable: false),
                    le100_ms = table.Column<long>(type: "bigint", nullable: false),
                    le250_ms = table.Column<long>(type: "bigint", nullable: false),
                    le500_ms = table.Column<long>(type: "bigint", nullable: false),
                    le1000_ms = table.Column<long>(type: "bigint", nullable: false),
                    over1000_ms = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stats_requests_hourly", x => new { x.key_id, x.hour, x.endpoint, x.mode });
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "stats_words_daily",
                columns: table => new
                {
                    day = table.Column<DateTime>(type: "date", nullable: false),
                    lang = table.Column<string>(type: "varchar(8)", maxLength: 8, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    word = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: false, collation: "utf8mb4_bin")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    category = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stats_words_daily", x => new { x.day, x.lang, x.word, x.category });
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "IX_processed_events_processed_at",
                table: "processed_events",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "IX_stats_requests_hourly_hour",
                table: "stats_requests_hourly",
                column: "hour");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "processed_events");

            migrationBuilder.DropTable(
                name: "stats_abuse_by_key");

            migrationBuilder.DropTable(
                name: "stats_languages_daily");

            migrationBuilder.DropTable(
                name: "stats_requests_hourly");

            migrationBuilder.DropTable(
                name: "stats_words_daily");
        }
    }
}
