using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Connectors.Configuration;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Resilience;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connectors.Systems;

/// <summary>
/// The national portal (contracts/verticals/national-portal): a message without a step syncs the dossier
/// (DongBoHoSo), a message with a step syncs that progress step (DongBoTienDo).
/// </summary>
public sealed class NationalPortalConnector(HttpClient http, IOptionsMonitor<VerticalOptions> options, VerticalPipelines pipelines)
    : IVerticalConnector
{
    public string System => VerticalSystems.NationalPortal;
    // The portal's field names are PascalCase Vietnamese (MaHoSo, NgayTiepNhan): no naming policy.
    private static readonly JsonSerializerOptions AsWritten = new();

    public Task<DeliveryOutcome> DeliverAsync(DossierMessage m, CancellationToken ct) =>
        ResilientCall.DeliverAsync(pipelines.For(System), async token =>
        {
            var o = options.Get(System);
            var (path, body) = m.Step is null ? ("/api/dongbohoso", Dossier(m)) : ("/api/dongbotiendo", Step(m, m.Step));
            using var request = new HttpRequestMessage(HttpMethod.Post, o.BaseUrl!.TrimEnd('/') + path) { Content = JsonContent.Create(body, options: AsWritten) };
            if (o.ApiKey is not null) request.Headers.Add("X-Api-Key", o.ApiKey);
            using var response = await http.SendAsync(request, token);
            var result = await ReadAsync(response, token);
            var code = result is { } r && r.TryGetProperty("error_code", out var c) ? c.ToString() : null;
            if (response.IsSuccessStatusCode && code == "0")
                return DeliveryOutcome.Delivered(null, result!.Value.TryGetProperty("duplicate", out var d) && d.ValueKind == JsonValueKind.True);
            var message = result is { } e && e.TryGetProperty("message", out var msg) ? msg.ToString() : $"HTTP {(int)response.StatusCode}";
            return DeliveryOutcome.Failed(FailureClassifier.Classify(o, code, response.StatusCode), code, message);
        }, ct);

    private static object Dossier(DossierMessage m) => new
    {
        IdempotencyKey = m.IdempotencyKey,
        MaHoSo = m.DossierCode,
        MaTTHC = m.ProcedureCode,
        MaCoQuan = m.AgencyCode,
        TenTTHC = m.ProcedureName,
        ChuHoSo = m.Applicant.Name,
        KenhThucHien = m.Channel switch { "direct" or "counter" => 1, "postal" => 3, _ => 2 },
        NgayTiepNhan = PortalDates.Format(m.ReceivedAt),
        NgayHenTra = PortalDates.Format(m.DueAt),
        NgayKetThucXuLy = PortalDates.Format(m.EndedAt),
        TrangThaiHoSo = m.NationalStatus,
    };

    private static object Step(DossierMessage m, ProgressStep s) => new
    {
        IdempotencyKey = m.IdempotencyKey,
        MaHoSo = m.DossierCode,
        BuocXuLy = s.Number,
        NguoiXuLy = s.Official,
        ChucDanh = s.Title,
        PhongBanXuLy = s.Unit,
        NoiDungXuLy = s.Action,
        ThoiDiemXuLy = PortalDates.Format(s.At),
        HanXuLy = PortalDates.Format(s.DueAt),
        TrangThai = s.Status,
    };

    private static async Task<JsonElement?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var e = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            return e.ValueKind == JsonValueKind.Object ? e : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException) { return null; }
    }
}
