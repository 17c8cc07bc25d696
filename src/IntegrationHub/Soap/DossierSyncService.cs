using System.Globalization;
using System.ServiceModel;
using IntegrationHub.Auth;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Dossiers;

namespace IntegrationHub.Soap;

/// <summary>The SOAP face of <see cref="EventIntake"/>. Refusals are SOAP faults whose code names the reason.</summary>
public sealed class DossierSyncService(IHttpContextAccessor http, EventIntake events, IDossierStore store) : IDossierSync
{
    public async Task<DossierStatusInfo> UpdateDossierStatus(string dossierCode, StatusEventData statusEvent)
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true) throw Fault("Unauthorized", "An API key is required (X-Api-Key header or ApiKey SOAP header).");
        if (!user.IsInRole(Roles.Vertical)) throw Fault("Forbidden", "Only a vertical system key may send status events.");
        if (statusEvent is null) throw Fault("Invalid", "statusEvent is required.");
        var dto = new StatusEventDto(statusEvent.EventId, statusEvent.Status, statusEvent.SystemStatus, statusEvent.At,
            statusEvent.Official is { } o ? new OfficialDto(o.Name, o.Title, o.Unit) : null, statusEvent.Note, statusEvent.StepDueAt,
            statusEvent.Apology is { } a ? new ApologyDto(a.Reason, a.NewDueAt) : null,
            statusEvent.Result is { } r ? new DocumentDto(r.Name, r.MediaType, r.Content is null ? null : Base64Bytes.FromText(r.Content), null) : null);
        var result = await events.ApplyAsync(dossierCode ?? "", dto, user.VerticalSystem(), user.Identity.Name ?? "vertical", http.HttpContext!.RequestAborted);
        return result switch
        {
            EventResult.Applied applied => Info(applied.Dossier, applied.Duplicate),
            EventResult.NotFound n => throw Fault("UnknownDossier", n.Detail),
            EventResult.Forbidden f => throw Fault("Forbidden", f.Detail),
            EventResult.Refused refused => throw Fault("ForbiddenTransition", refused.Detail),
            EventResult.TooLarge t => throw Fault("TooLarge", t.Detail),
            EventResult.Invalid i => throw Fault("Invalid", string.Join("; ", i.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}"))),
            _ => throw Fault("Server", "Unexpected result."),
        };
    }

    public async Task<DossierStatusInfo> GetDossierStatus(string dossierCode)
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true) throw Fault("Unauthorized", "An API key is required (X-Api-Key header or ApiKey SOAP header).");
        var dossier = await store.GetAsync(dossierCode ?? "", http.HttpContext!.RequestAborted)
            ?? throw Fault("UnknownDossier", $"No dossier '{dossierCode}'.");
        if (user.IsInRole(Roles.Vertical) && dossier.VerticalSystem != user.VerticalSystem())
            throw Fault("Forbidden", $"Dossier '{dossierCode}' is not routed to '{user.VerticalSystem()}'.");
        return Info(dossier, false);
    }

    private static DossierStatusInfo Info(Dossier d, bool duplicate) => new()
    {
        Code = d.Code,
        Status = (int)d.Status,
        StatusName = DossierStatusNames.Vietnamese(d.Status),
        AgencyCode = d.AgencyCode,
        ReceivedAt = Iso(d.ReceivedAt)!,
        DueAt = Iso(d.DueAt),
        OriginalDueAt = Iso(d.OriginalDueAt),
        Duplicate = duplicate,
    };

    private static string? Iso(DateTimeOffset? t) => t?.ToVietnam().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    // SOAP 1.1 refines the standard Client code with a dot: soap:Client.UnknownDossier. (SoapCore writes the
    // code in the envelope's namespace; a code in our own namespace would make it emit an invalid faultcode.)
    private static FaultException Fault(string code, string reason) =>
        new(new FaultReason(reason), new FaultCode(code == "Server" ? code : "Client." + code), "");
}
