var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/", () => "hello from ASP.NET Core");
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

app.Run();
