using IntegrationHub.Logging;
using Serilog;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace IntegrationHub.Extensions;

/// <summary>
/// Serilog: compact JSON to DataDir/logs (one file a day), readable lines to the console. Citizen ID numbers are
/// masked twice (properties, then the formatted text). Request bodies and documents are never logged.
/// </summary>
public static class LoggingExtensions
{
    public static void AddHubLogging(this WebApplicationBuilder builder)
    {
        var logDir = Path.Combine(builder.Configuration.DataDir(), "logs");
        Directory.CreateDirectory(logDir);
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<MaskingEnricher>()
            .WriteTo.Console(new MaskingFormatter(new MessageTemplateTextFormatter(
                "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")))
            .WriteTo.File(new MaskingFormatter(new CompactJsonFormatter()), Path.Combine(logDir, "hub-.json"),
                rollingInterval: RollingInterval.Day, shared: true, flushToDiskInterval: TimeSpan.FromSeconds(1)),
            preserveStaticLogger: true);
    }

    public static void UseHubLogging(this WebApplication app) => app.UseSerilogRequestLogging();
}
