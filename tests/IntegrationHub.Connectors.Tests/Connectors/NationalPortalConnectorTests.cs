using System.Text.Json;
using IntegrationHub.Connectors.Messages;
using IntegrationHub.Connectors.Systems;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Simulators;

namespace IntegrationHub.Connectors.Tests.Connectors;

public sealed class NationalPortalConnectorTests
{
    [Fact]
    public async Task Dossier_is_synced_with_portal_dates_in_Vietnam_time()
    {
        await using var rig = await Rig.StartAsync();
        var message = TestDossiers.Message() with { ReceivedAt = new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero) };

        var outcome = await rig.Connector(VerticalSystems.NationalPortal).DeliverAsync(message, default);

        Assert.Equal(DeliveryResult.Delivered, outcome.Result);
        var body = JsonDocument.Parse(Assert.Single(rig.Sim(SimulatedSystems.NationalPortal).Ledger.Messages).Body).RootElement;
        Assert.Equal(message.DossierCode, body.GetProperty("MaHoSo").GetString());
        Assert.Equal("1.001612", body.GetProperty("MaTTHC").GetString());
        Assert.Equal("20261128093000", body.GetProperty("NgayTiepNhan").GetString());
        Assert.Equal("20261203170000", body.GetProperty("NgayHenTra").GetString());
        Assert.Equal(2, body.GetProperty("TrangThaiHoSo").GetInt32());
    }

    [Fact]
    public async Task Progress_step_is_synced_with_official_title_unit_and_step_deadline()
    {
        await using var rig = await Rig.StartAsync();
        var connector = rig.Connector(VerticalSystems.NationalPortal);
        var dossier = TestDossiers.Message();
        await connector.DeliverAsync(dossier, default);
        var step = new ProgressStep(1, "Lê Văn An", "Chuyên viên", "Phòng Đăng ký kinh doanh", "Thẩm định hồ sơ",
            new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.FromHours(7)), 4);

        var outcome = await connector.DeliverAsync(dossier with { MessageId = "step-1", Step = step }, default);

        Assert.Equal(DeliveryResult.Delivered, outcome.Result);
        var sent = rig.Sim(SimulatedSystems.NationalPortal).Ledger.Messages.Single(m => m.Operation == "DongBoTienDo");
        var body = JsonDocument.Parse(sent.Body).RootElement;
        Assert.Equal(("Lê Văn An", "Chuyên viên", "Phòng Đăng ký kinh doanh"),
            (body.GetProperty("NguoiXuLy").GetString(), body.GetProperty("ChucDanh").GetString(), body.GetProperty("PhongBanXuLy").GetString()));
        Assert.Equal("20261202170000", body.GetProperty("HanXuLy").GetString());
        Assert.Equal($"{dossier.DossierCode}:step-1", sent.IdempotencyKey);
    }

    [Fact]
    public async Task A_step_of_a_dossier_the_portal_does_not_know_is_not_found()
    {
        await using var rig = await Rig.StartAsync();
        var step = new ProgressStep(1, "Lê Văn An", null, null, null, DateTimeOffset.UnixEpoch, null, 4);

        var outcome = await rig.Connector(VerticalSystems.NationalPortal).DeliverAsync(TestDossiers.Message() with { MessageId = "step-1", Step = step }, default);

        Assert.Equal(FailureClass.NotFound, outcome.FailureClass);
        Assert.True(outcome.IsPermanent);
    }

    [Fact]
    public async Task Wrong_api_key_is_an_authentication_failure()
    {
        await using var rig = await Rig.StartAsync(settings: new Dictionary<string, string?> { ["Verticals:national-portal:ApiKey"] = "bad" });

        var outcome = await rig.Connector(VerticalSystems.NationalPortal).DeliverAsync(TestDossiers.Message(), default);

        Assert.Equal(FailureClass.Authentication, outcome.FailureClass);
    }

    [Fact]
    public void Portal_dates_round_trip_in_Asia_Ho_Chi_Minh()
    {
        var at = new DateTimeOffset(2026, 12, 31, 20, 15, 9, TimeSpan.Zero);

        Assert.Equal("20270101031509", PortalDates.Format(at));
        Assert.Equal(at, PortalDates.Parse("20270101031509"));
    }
}
