using PartnerApp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPartnerApp(builder.Configuration);

var app = builder.Build();
app.MapConsentEndpoints();
app.MapSafetyCheckEndpoints();
app.Run();
