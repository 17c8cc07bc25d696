// Bare Kestrel: reads the whole request body and answers 201 with a small JSON, nothing else.
// The floor under benchmarks/intake's hub figures (same payload, same wrk, same machine, same minute).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
var app = builder.Build();
app.MapPost("/api/v1/dossiers", async (HttpRequest request) =>
{
    var buffer = new byte[81920];
    long read = 0;
    int n;
    while ((n = await request.Body.ReadAsync(buffer)) > 0) read += n;
    return Results.Json(new { received = read }, statusCode: 201);
});
app.Run();
