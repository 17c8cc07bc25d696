using IntegrationHub.Core.Calendar;
using IntegrationHub.Dossiers;

namespace IntegrationHub.Extensions;

/// <summary>Dossier intake, status events, due dates and statistics.</summary>
public static class DossierExtensions
{
    public static void AddHubDossiers(this WebApplicationBuilder builder)
    {
        // Calendar:OverridesFile: the yearly notices an admin updates without a release (the shipped ones otherwise).
        builder.Services.AddSingleton<IWorkingCalendar>(_ => VietnamWorkingCalendar.FromOverridesFile(builder.Configuration["Calendar:OverridesFile"]));
        builder.Services.AddSingleton<DueDates>();
        builder.Services.AddSingleton<DossierIntake>();
        builder.Services.AddSingleton<EventIntake>();
    }
}
