using IntegrationHub.Core.Calendar;
using IntegrationHub.Dossiers;

namespace IntegrationHub.Extensions;

/// <summary>Dossier intake, status events, due dates and statistics.</summary>
public static class DossierExtensions
{
    public static void AddHubDossiers(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IWorkingCalendar, PendingCalendar>();
        builder.Services.AddSingleton<DueDates>();
        builder.Services.AddSingleton<DossierIntake>();
        builder.Services.AddSingleton<EventIntake>();
    }
}

/// <summary>Placeholder until Core's working calendar is merged: weekends only, no published years.</summary>
internal sealed class PendingCalendar : IWorkingCalendar
{
    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    public CalendarYear GetYear(int year) => throw new NotImplementedException("Core's working calendar is not merged yet.");
}
