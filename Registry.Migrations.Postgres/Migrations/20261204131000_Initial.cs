using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Registry.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    treesize = table.Column<long>(type: "bigint", nullable: false),
                    roothash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    signednote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoints", x => x.treesize);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: true),
                    recordedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    partnerid = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    keyid = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    actorrole = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subjectkey = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    subjectkeyid = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    consentid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    requestid = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    leafhash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_jobs",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    sourcename = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    partnerid = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    keyid = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    startedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updatedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finishedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    batches = table.Column<long>(type: "bigint", nullable: false),
                    inserted = table.Column<long>(type: "bigint", nullable: false),
                    updated = table.Column<long>(type: "bigint", nullable: false),
                    unchanged = table.Column<long>(type: "bigint", nullable: false),
                    rejected = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "partners",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    normalizedname = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    allowedpurposes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issuspended = table.Column<bool>(type: "boolean", nullable: false),
                    quotapermitspersecond = table.Column<int>(type: "integer", nullable: true),
                    quotaburst = table.Column<int>(type: "integer", nullable: true),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partners", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sourceid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    casenumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    article = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    region = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    court = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    decisiondate = table.Column<DateOnly>(type: "date", nullable: false),
                    effectivefrom = table.Column<DateOnly>(type: "date", nullable: true),
                    expiresat = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updatedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<Guid>(type: "uuid", nullable: false),
                    correctedfrom = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "records_version",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_records_version", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sequencer_leases",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    holderid = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    expiresat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sequencer_leases", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    partnerid = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    secrethash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revokedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "FK_api_keys_partners_partnerid",
                        column: x => x.partnerid,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    partnerid = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subjectkey = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    subjectkeyid = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    grantedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expiresat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revokedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    maxuses = table.Column<int>(type: "integer", nullable: false),
                    uses = table.Column<int>(type: "integer", nullable: false),
                    lastrequestid = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    lastanswerdigest = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    lastauditentryid = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true),
                    evidencekind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    evidencereference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    evidencecapturedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consents", x => x.id);
                    table.ForeignKey(
                        name: "FK_consents_partners_partnerid",
                        column: x => x.partnerid,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "record_subjects",
                columns: table => new
                {
                    recordid = table.Column<long>(type: "bigint", nullable: false),
                    subjectkey = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    subjectkeyid = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    subjectprefix = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_record_subjects", x => new { x.recordid, x.subjectkey });
                    table.ForeignKey(
                        name: "FK_record_subjects_records_recordid",
                        column: x => x.recordid,
                        principalTable: "records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "records_version",
                columns: new[] { "id", "version" },
                values: new object[] { 1, 0L });

            migrationBuilder.InsertData(
                table: "sequencer_leases",
                columns: new[] { "name", "expiresat", "holderid" },
                values: new object[] { "audit-sequencer", new DateTime(2000, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "" });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_partnerid",
                table: "api_keys",
                column: "partnerid");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_partnerid_sequence",
                table: "audit_entries",
                columns: new[] { "partnerid", "sequence" },
                filter: "\"sequence\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Pending",
                table: "audit_entries",
                columns: new[] { "recordedat", "id" },
                filter: "\"sequence\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_recordedat",
                table: "audit_entries",
                column: "recordedat",
                filter: "\"sequence\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_sequence",
                table: "audit_entries",
                column: "sequence",
                unique: true,
                filter: "\"sequence\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_subjectkey",
                table: "audit_entries",
                column: "subjectkey",
                filter: "\"sequence\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_consents_partnerid_subjectkey",
                table: "consents",
                columns: new[] { "partnerid", "subjectkey" });

            migrationBuilder.CreateIndex(
                name: "IX_import_jobs_startedat",
                table: "import_jobs",
                column: "startedat");

            migrationBuilder.CreateIndex(
                name: "IX_partners_name",
                table: "partners",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_partners_normalizedname",
                table: "partners",
                column: "normalizedname",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_record_subjects_subjectprefix",
                table: "record_subjects",
                column: "subjectprefix");

            migrationBuilder.CreateIndex(
                name: "IX_records_sourceid_casenumber",
                table: "records",
                columns: new[] { "sourceid", "casenumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropTable(
                name: "import_jobs");

            migrationBuilder.DropTable(
                name: "record_subjects");

            migrationBuilder.DropTable(
                name: "records_version");

            migrationBuilder.DropTable(
                name: "sequencer_leases");

            migrationBuilder.DropTable(
                name: "partners");

            migrationBuilder.DropTable(
                name: "records");
        }
    }
}
