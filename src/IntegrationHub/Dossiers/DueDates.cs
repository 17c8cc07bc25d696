using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.DueDates;

namespace IntegrationHub.Dossiers;

/// <summary>A dossier's due date from its procedure (online time when submitted online), its agency's hours and the calendar.</summary>
public sealed class DueDates(IWorkingCalendar calendar)
{
    public DateTimeOffset? For(Procedure procedure, Agency agency, DateTimeOffset receivedAt, string channel)
    {
        var time = channel == "online" && procedure.OnlineProcessingTime is { } online ? online : procedure.ProcessingTime;
        if (time.Value is null) return null;
        return DueDateCalculator.Compute(receivedAt.ToVietnam(), time, agency.OfficeHours, calendar);
    }

    public IWorkingCalendar Calendar => calendar;
}
