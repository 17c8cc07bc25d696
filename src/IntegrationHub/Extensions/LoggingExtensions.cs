using IntegrationHub.Logging;
using Serilog;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace IntegrationHub.Extensions;

/// <summary>
/// Serilog: compact JSON to DataDir/logs (one file a day), readable lines to the console. Citizen ID numbers are
/// masked twice (properties, then the formatted text). Request bodies and documents are never logged.
/// One logger per host (not the static Log.Logger), so several hosts in one process keep their own files.
/// </summary>
public static class LoggingExtensions
{
    public static void AddHubLogging(this WebApplicationBuilder builder)
    {
        var logDir = Path.Combine(builder.Configuration.DataDir(), "logs");
        Directory.CreateDirectory(logDir);
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<MaskingEnricher>()
            .WriteTo.Console(new MaskingFormatter(new MessageTemplateTextFormatter(
                "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")))
            .WriteTo.File(new MaskingFormatter(new CompactJsonFormatter()), Path.Combine(logDir, "hub-.json"),
                rollingInterval: RollingInterval.Day, shared: true)
            .CreateLogger();
        builder.Services.AddSingleton<Serilog.ILogger>(logger);
        builder.Services.AddSerilog(logger, dispose: true);
    }

    public static void UseHubLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
}
