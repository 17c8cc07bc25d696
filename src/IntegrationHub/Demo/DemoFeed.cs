using System.Globalization;
using IntegrationHub.Core.Dossiers;
using IntegrationHub.Core.Ports;
using IntegrationHub.Dossiers;

namespace IntegrationHub.Demo;

/// <summary>
/// The demo running: writes the history once (in the background), and every Demo:FeedInterval submits a new dossier
/// with two signed documents through the real intake, so it is validated, stored, delivered to the simulated
/// ministry and moved along by its status callbacks like any other.
/// </summary>
public sealed class DemoFeed(
    DemoHistory history, DossierIntake intake, IDossierStore store, IReferenceDataStore reference, DemoSigner signer,
    DemoOptions options, TimeProvider time, ILogger<DemoFeed> log) : BackgroundService
{
    private readonly DemoCodes codes = new(store);
    private readonly Random random = new();

    /// <summary>Dossiers this feed had accepted (201).</summary>
    public int Submitted => submitted;
    private int submitted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seeding = Task.Run(() => SeedAsync(stoppingToken), stoppingToken);
        if (options.FeedInterval > TimeSpan.Zero)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await SubmitOneAsync(stoppingToken); }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
                catch (Exception ex) { log.LogWarning(ex, "Demo feed: a submission failed; the next one follows"); }
                try { await Task.Delay(options.FeedInterval, time, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
        try { await seeding; } catch (OperationCanceledException) { }
    }

    private async Task SeedAsync(CancellationToken ct)
    {
        try { await history.WriteAsync(ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception ex) { log.LogError(ex, "Demo history: writing stopped; the next start resumes it"); }
    }

    /// <summary>One new dossier now (its code from <see cref="DemoCodes"/>); null when no code was left for today.</summary>
    public async Task<IntakeResult?> SubmitOneAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().ToVietnam();
        var today = DateOnly.FromDateTime(now.DateTime);
        var agencies = (await reference.GetAgenciesAsync(today, ct)).Select(a => a.Code).ToHashSet();
        var procedures = (await reference.GetProceduresAsync(today, ct))
            .Where(p => agencies.Contains(p.AgencyCode) && !codes.IsExhausted(p.AgencyCode, today)).ToList();
        if (procedures.Count == 0) return null;
        var procedure = DemoCast.Pick(procedures, random);
        var code = await codes.NextAsync(procedure.AgencyCode, today, ct);
        if (code is null)
        {
            log.LogWarning("Demo feed: no dossier code left for {Agency} on {Day}; that agency pauses until tomorrow", procedure.AgencyCode, today);
            return null;
        }

        var which = random.Next();
        var applicant = new ApplicantDto(signer.CitizenName, "054090001234", $"09{random.Next(10_000_000, 99_999_999)}", null);
        var lines = new[] { "CONG HOA XA HOI CHU NGHIA VIET NAM", "Doc lap - Tu do - Hanh phuc", "", $"DON DE NGHI - thu tuc {procedure.Code}",
            $"Ma ho so: {code}", $"Nguoi nop: {applicant.Name}", $"Ngay: {now:dd/MM/yyyy HH:mm}" };
        var pdf = await signer.SignPdfAsync(MiniPdf.Page(lines), which, ct);
        var xml = await signer.SignXmlAsync(System.Text.Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><ToKhai xmlns=\"urn:integrationhub:demo:tokhai\"><MaHoSo>{code}</MaHoSo>" +
            $"<ThuTuc>{DemoSigner.Xml(procedure.Code)}</ThuTuc><TenThuTuc>{DemoSigner.Xml(procedure.Name)}</TenThuTuc>" +
            $"<NguoiNop>{DemoSigner.Xml(applicant.Name)}</NguoiNop><NgayNop>{now:yyyy-MM-ddTHH:mm:sszzz}</NgayNop></ToKhai>"), which, ct);
        var submission = new DossierSubmission(code, procedure.Code, procedure.AgencyCode,
            now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), "online", applicant,
            [
                new DocumentDto("don-de-nghi.pdf", "application/pdf", Base64Bytes.Of(pdf), null),
                new DocumentDto("to-khai.xml", "application/xml", Base64Bytes.Of(xml), null),
            ]);
        var result = await intake.SubmitAsync(submission, "demo-feed", ct);
        if (result is IntakeResult.Created) Interlocked.Increment(ref submitted);
        else log.LogWarning("Demo feed: dossier {Code} not accepted: {Result}", code, result.GetType().Name);
        return result;
    }
}
