using System.Xml.Linq;
using IntegrationHub.Simulators.Faults;
using IntegrationHub.Simulators.Recording;
using IntegrationHub.Simulators.Soap;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Simulators.Systems;

/// <summary>Business registration (contracts/verticals/planning-investment): SOAP 1.1, statuses pulled by the hub.</summary>
public static class PlanningInvestmentSimulator
{
    public static readonly XNamespace Ns = "urn:vn:mpi:dkkd:dossier:v1";
    public static readonly IReadOnlyList<string> Schedule = ["TIEP_NHAN", "DANG_XU_LY", "DA_XU_LY", "TRA_KET_QUA"];

    public static void Map(IEndpointRouteBuilder group, SimulatorRuntime runtime)
    {
        var state = runtime[SimulatedSystems.PlanningInvestment];
        group.MapGet("/", (HttpRequest r) => ContractFiles.ServeWsdl(r, SimulatedSystems.PlanningInvestment));
        group.MapPost("/", (HttpRequest r, CancellationToken ct) => HandleAsync(r, runtime, state, ct));
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, SimulatorRuntime runtime, SystemState state, CancellationToken ct)
    {
        if (state.Faults.BeforeRecording() == FaultDecision.Unavailable)
            return Fault(503, false, "SYS-001", "Hệ thống đang bận, vui lòng thử lại");
        var envelope = await SoapXml.ReadEnvelopeAsync(request, ct);
        if (envelope is null) return Fault(500, true, "VAL-000", "Malformed SOAP envelope");
        if (runtime.Options.SoapUser is not null && SoapXml.UsernameToken(envelope) != (runtime.Options.SoapUser, runtime.Options.SoapPassword))
            return Fault(500, true, "AUTH-001", "Invalid credentials");

        var body = SoapXml.BodyContent(envelope);
        if (body?.Name == Ns + "ReceiveDossier") return await ReceiveAsync(body, runtime, state, ct);
        if (body?.Name == Ns + "GetDossierStatus") return Status(body, state);
        return Fault(500, true, "VAL-000", "Unknown operation");
    }

    private static async Task<IResult> ReceiveAsync(XElement body, SimulatorRuntime runtime, SystemState state, CancellationToken ct)
    {
        string? F(string n) => body.Element(Ns + n)?.Value;
        var key = F("IdempotencyKey");
        var code = F("DossierCode");
        var procedure = F("ProcedureCode");
        if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(procedure)
            || string.IsNullOrWhiteSpace(F("MessageId")) || string.IsNullOrWhiteSpace(F("ApplicantName")))
            return Fault(500, true, "VAL-001", "Thiếu trường bắt buộc");
        if (state.Faults.Refuses(procedure))
            return Fault(500, true, "VAL-002", $"Thủ tục {procedure} không được tiếp nhận");

        var isNew = state.Ledger.TryRecord(
            new ReceivedMessage(key, code, "ReceiveDossier", body.ToString(), runtime.Time.GetUtcNow()), out _);
        if (isNew) state.Progress.Track(code);
        await state.Faults.DelayAnswerAsync(ct);
        return SoapXml.Ok(new XElement(Ns + "ReceiveDossierResponse",
            new XElement(Ns + "ReceiptNumber", Receipt.For("DKKD", key)),
            new XElement(Ns + "Duplicate", isNew ? "false" : "true")));
    }

    private static IResult Status(XElement body, SystemState state)
    {
        var code = body.Element(Ns + "DossierCode")?.Value ?? "";
        var current = state.Progress.Current(code);
        if (current is null) return Fault(500, true, "NF-001", "Không tìm thấy hồ sơ");
        return SoapXml.Ok(new XElement(Ns + "GetDossierStatusResponse",
            new XElement(Ns + "DossierCode", code),
            new XElement(Ns + "Status", current.SystemStatus),
            new XElement(Ns + "ChangedAt", current.At.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:sszzz")),
            new XElement(Ns + "OfficialName", current.OfficialName),
            new XElement(Ns + "OfficialTitle", current.OfficialTitle),
            new XElement(Ns + "Unit", current.Unit)));
    }

    private static IResult Fault(int http, bool client, string code, string message) =>
        SoapXml.Fault(http, client, message, new XElement(Ns + "ServiceError",
            new XElement(Ns + "Code", code), new XElement(Ns + "Message", message)));
}
