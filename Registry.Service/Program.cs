using Registry.Service.Audit;
using Registry.Service.Checks;
using Registry.Service.Consent;
using Registry.Service.Enumeration;
using Registry.Service.Identity;
using Registry.Service.Import;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using Registry.Service.Quotas;
using Registry.Service.Records;
using Registry.Service.Telemetry;

var builder = WebApplication.CreateBuilder(ContentRoot.ApplicationOptions(args));

// Hosted services start in this order: migrate, check the subject key, bootstrap the admin key, then the first
// health report (all before the server accepts calls).
builder.Services
    .AddRegistryStartupReport(builder.Environment)
    .AddRegistryTelemetry(builder.Configuration)
    .AddRegistryGrpc(builder.Environment)
    .AddRegistryDatabase(builder.Configuration)
    .AddRegistryIdentity()
    .AddRegistryAudit()
    .AddRegistryPartners()
    .AddRegistryQuotas()
    .AddRegistryEnumerationWatch()
    .AddRegistryConsent()
    .AddRegistryChecks()
    .AddRegistryRecords()
    .AddRegistryImport()
    .AddRegistryHealth();

var app = builder.Build();
app.MapRegistryGrpc();
app.MapRegistryHealth();
return await app.RunRegistryAsync();
