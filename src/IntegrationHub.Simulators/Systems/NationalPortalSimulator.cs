using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using IntegrationHub.Simulators.Faults;
using IntegrationHub.Simulators.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Simulators.Systems;

/// <summary>The national portal (contracts/verticals/national-portal/openapi.yaml): dossier and progress-step sync.</summary>
public static class NationalPortalSimulator
{
    public static void Map(IEndpointRouteBuilder group, SimulatorRuntime runtime)
    {
        var state = runtime[SimulatedSystems.NationalPortal];
        var known = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        group.MapGet("/openapi.yaml", () => Results.Content(ContractFiles.Read("national-portal/openapi.yaml"), "application/yaml"));
        group.MapPost("/api/dongbohoso", (HttpRequest r, CancellationToken ct) => SyncAsync(r, runtime, state, known, step: false, ct));
        group.MapPost("/api/dongbotiendo", (HttpRequest r, CancellationToken ct) => SyncAsync(r, runtime, state, known, step: true, ct));
    }

    private static async Task<IResult> SyncAsync(HttpRequest request, SimulatorRuntime runtime, SystemState state,
        ConcurrentDictionary<string, byte> known, bool step, CancellationToken ct)
    {
        if (state.Faults.BeforeRecording() == FaultDecision.Unavailable) return Results.StatusCode(503);
        if (request.Headers["X-Api-Key"] != runtime.Options.NationalPortalApiKey)
            return Results.Json(new { error_code = "-1", message = "Khóa truy cập không hợp lệ" }, statusCode: 401);
        if (await JsonBody.ReadAsync(request, ct) is not JsonElement body) return Invalid("JSON không hợp lệ");

        var key = body.Str("IdempotencyKey");
        var code = body.Str("MaHoSo");
        var problem = step ? CheckStep(body) : CheckDossier(body);
        if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(code)) problem ??= "Thiếu IdempotencyKey hoặc MaHoSo";
        if (problem is not null) return Invalid(problem);
        if (!step && state.Faults.Refuses(body.Str("MaTTHC")!)) return Invalid("Thủ tục không có trong CSDL quốc gia");
        if (step && !known.ContainsKey(code!)) return Results.Ok(new { error_code = "2", message = "Không tìm thấy hồ sơ" });

        var isNew = state.Ledger.TryRecord(
            new ReceivedMessage(key!, code!, step ? "DongBoTienDo" : "DongBoHoSo", body.GetRawText(), runtime.Time.GetUtcNow()), out _);
        if (!step) known.TryAdd(code!, 0);
        await state.Faults.DelayAnswerAsync(ct);
        return Results.Ok(new { error_code = "0", message = "Thành công", duplicate = !isNew });
    }

    private static string? CheckDossier(JsonElement b)
    {
        if (string.IsNullOrWhiteSpace(b.Str("MaTTHC")) || string.IsNullOrWhiteSpace(b.Str("MaCoQuan"))) return "Thiếu MaTTHC hoặc MaCoQuan";
        if (!IsPortalDate(b.Str("NgayTiepNhan"))) return "NgayTiepNhan phải là yyyyMMddHHmmss";
        if (b.Str("NgayHenTra") is string due && !IsPortalDate(due)) return "NgayHenTra phải là yyyyMMddHHmmss";
        return b.Int("TrangThaiHoSo") is >= 1 and <= 10 ? null : "TrangThaiHoSo phải từ 1 đến 10";
    }

    private static string? CheckStep(JsonElement b)
    {
        if (string.IsNullOrWhiteSpace(b.Str("NguoiXuLy"))) return "Thiếu NguoiXuLy";
        if (b.Int("BuocXuLy") is not >= 1) return "BuocXuLy phải là số dương";
        if (!IsPortalDate(b.Str("ThoiDiemXuLy"))) return "ThoiDiemXuLy phải là yyyyMMddHHmmss";
        if (b.Str("HanXuLy") is string due && !IsPortalDate(due)) return "HanXuLy phải là yyyyMMddHHmmss";
        return b.Int("TrangThai") is >= 1 and <= 10 ? null : "TrangThai phải từ 1 đến 10";
    }

    private static bool IsPortalDate(string? s) =>
        s is not null && DateTime.TryParseExact(s, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static IResult Invalid(string message) => Results.Ok(new { error_code = "1", message });
}
