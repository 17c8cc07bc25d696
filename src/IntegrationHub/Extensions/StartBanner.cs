using System.Text;
using IntegrationHub.Auth;

namespace IntegrationHub.Extensions;

/// <summary>
/// What a newcomer needs once the hub listens, in one block: where the pages are, the development keys (printed only
/// here, never logged), and whether the demo feed and the simulated ministries run.
/// </summary>
public static class StartBanner
{
    public static string Text(WebApplication app)
    {
        var url = (app.Urls.FirstOrDefault() ?? "http://127.0.0.1:5000").TrimEnd('/');
        var keys = app.Services.GetRequiredService<DevelopmentKeys>().Generated;
        var config = app.Configuration;
        var line = new string('=', 96);
        var b = new StringBuilder().AppendLine().AppendLine(line)
            .AppendLine($" IntegrationHub ({app.Environment.EnvironmentName}) listening on {url}")
            .AppendLine($"   {url}/              public page: dossiers received, on time and late per agency; lookup by code")
            .AppendLine($"   {url}/leaders/      leaders' page: late and overdue dossiers (agency or admin key)")
            .AppendLine($"   {url}/admin/        admin console: deliveries, dead letters, replay, signature check")
            .AppendLine($"   {url}/login         sign in with an API key below or a configured account")
            .AppendLine($"   {url}/hangfire      Hangfire dashboard (admin)")
            .AppendLine($"   {url}/openapi/v1.json   the REST API (browse it at {url}/scalar)");
        if (keys.Count > 0)
        {
            b.AppendLine(" Development API keys (header X-Api-Key; admin and agency also sign in at /login), new at every start:");
            foreach (var (role, key) in keys.OrderBy(k => k.Role == Roles.Admin ? 0 : k.Role == Roles.Portal ? 1 : 2))
                b.AppendLine($"   {role,-7} {key}{(role == Roles.Agency ? $"   (agency {AuthExtensions.DevelopmentAgency})" : "")}");
        }
        var demo = app.Services.GetService<Demo.DemoOptions>();
        if (demo is { Enabled: true })
            b.AppendLine($" Demo feed: on. A history of {demo.HistoryDossiers} past dossiers (written once), and a new signed dossier every {demo.FeedInterval.TotalSeconds:0.#} s.")
             .AppendLine("   Turn it off with Demo__Enabled=false, or: dotnet run --project src/IntegrationHub -- --no-demo");
        else
            b.AppendLine(" Demo feed: off (Demo:Enabled=false).");
        b.AppendLine(config.GetValue<bool>("Simulators:Enabled")
            ? $" Simulated ministries: on, under {url}{DeliveryExtensions.SimulatorPrefix}/ (planning-investment, trade, justice, national-portal)."
            : " Simulated ministries: off (Simulators:Enabled=false).");
        b.AppendLine($" Data: {config.DataDir()}").AppendLine(line);
        return b.ToString();
    }
}
