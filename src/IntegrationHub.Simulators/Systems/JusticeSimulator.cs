using System.Xml.Linq;
using IntegrationHub.Simulators.Faults;
using IntegrationHub.Simulators.Recording;
using IntegrationHub.Simulators.Soap;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Simulators.Systems;

/// <summary>Civil status (contracts/verticals/justice): SOAP 1.1 with an XML payload; statuses 1–4 pushed to the hub.</summary>
public static class JusticeSimulator
{
    public static readonly XNamespace Ns = "urn:vn:moj:hotich:v1";
    /// <summary>1 received, 2 processing, 3 resolved, 4 result returned.</summary>
    public static readonly IReadOnlyList<string> Schedule = ["1", "2", "3", "4"];

    public static void Map(IEndpointRouteBuilder group, SimulatorRuntime runtime)
    {
        var state = runtime[SimulatedSystems.Justice];
        group.MapGet("/", (HttpRequest r) => ContractFiles.ServeWsdl(r, SimulatedSystems.Justice));
        group.MapPost("/", (HttpRequest r, CancellationToken ct) => HandleAsync(r, runtime, state, ct));
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, SimulatorRuntime runtime, SystemState state, CancellationToken ct)
    {
        if (state.Faults.BeforeRecording() == FaultDecision.Unavailable)
            return Fault(503, false, "503", "Service unavailable");
        var envelope = await SoapXml.ReadEnvelopeAsync(request, ct);
        if (envelope is null) return Fault(500, true, "422", "Malformed SOAP envelope");
        if (runtime.Options.SoapUser is not null && SoapXml.UsernameToken(envelope) != (runtime.Options.SoapUser, runtime.Options.SoapPassword))
            return Fault(500, true, "401", "Unauthenticated");

        var body = SoapXml.BodyContent(envelope);
        if (body?.Name != Ns + "RegisterDossier") return Fault(500, true, "422", "Unknown operation");
        string? F(string n) => body.Element(Ns + n)?.Value;
        var key = F("IdempotencyKey");
        var code = F("DossierCode");
        var procedure = F("ProcedureCode");
        var payload = body.Element(Ns + "Payload")?.Elements().ToList() ?? [];
        if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(procedure)
            || string.IsNullOrWhiteSpace(F("MessageId")) || payload.Count != 1)
            return Fault(500, true, "422", "RegisterDossier needs the key, the codes and one payload element");
        if (state.Faults.Refuses(procedure)) return Fault(500, true, "422", $"Procedure {procedure} refused");

        var isNew = state.Ledger.TryRecord(
            new ReceivedMessage(key, code, "RegisterDossier", body.ToString(), runtime.Time.GetUtcNow()), out _);
        if (isNew) state.Progress.Track(code);
        await state.Faults.DelayAnswerAsync(ct);
        return SoapXml.Ok(new XElement(Ns + "RegisterDossierResponse",
            new XElement(Ns + "RegistrationNumber", Receipt.For("HT", key)),
            new XElement(Ns + "Duplicate", isNew ? "false" : "true")));
    }

    private static IResult Fault(int http, bool client, string code, string message) =>
        SoapXml.Fault(http, client, message, new XElement(Ns + "JusticeFault",
            new XElement(Ns + "ErrorCode", code), new XElement(Ns + "ErrorMessage", message)));
}
