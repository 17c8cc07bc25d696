using IntegrationHub.Core.Calendar;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.DueDates;
using IntegrationHub.Core.Procedures;

namespace IntegrationHub.Dossiers;

/// <summary>A dossier's due date from its procedure (online time when submitted online), its agency's hours and the calendar.</summary>
public sealed class DueDates(IWorkingCalendar calendar)
{
    public DateTimeOffset? For(Procedure procedure, Agency agency, DateTimeOffset receivedAt, SubmissionChannel channel)
    {
        var time = procedure.ProcessingTimeFor(channel == SubmissionChannel.Online);
        if (time.Value is null) return null;
        return DueDateCalculator.Compute(receivedAt.ToVietnam(), time, agency.OfficeHours, calendar);
    }
}
