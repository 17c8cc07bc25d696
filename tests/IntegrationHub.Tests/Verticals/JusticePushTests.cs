using IntegrationHub.Simulators;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Tests.Verticals;

/// <summary>
/// The justice system pushes civil-status changes (its codes 1–4) to the hub's SOAP service over real HTTP; the hub
/// maps them (Verticals:justice:StatusMap) and moves the dossier.
/// </summary>
public sealed class JusticePushTests(TestHub hub) : IClassFixture<TestHub>
{
    private const string Procedure = "1.001193";
    private const string Agency = "000.30.20.H47";

    private async Task<(SimulatorHost Sim, FakeTimeProvider Time)> StartJusticeAsync(string apiKey)
    {
        var time = new FakeTimeProvider(TestHub.Start);
        var sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            TickInterval = TimeSpan.Zero,
            StatusStepInterval = TimeSpan.FromMinutes(10),
            HubSoapUrl = new Uri(hub.BaseAddress, "/soap/DossierSync").ToString(),
            HubApiKey = apiKey,
        }, time);
        return (sim, time);
    }

    private async Task<string> SubmitAsync()
    {
        var code = Submissions.NextCode(Agency);
        var response = await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code, Procedure, Agency));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return code;
    }

    [Fact]
    public async Task Received_then_processing_pushed_over_SOAP_move_the_dossier_to_national_status_4()
    {
        var code = await SubmitAsync();
        var (sim, time) = await StartJusticeAsync(TestHub.JusticeKey);
        await using var _ = sim;
        var justice = sim.Runtime[SimulatedSystems.Justice];
        justice.Progress.Track(code);

        await sim.Runtime.AdvanceAsync();               // pushes 1 (received) → national 2
        time.Advance(TimeSpan.FromMinutes(10));
        await sim.Runtime.AdvanceAsync();               // pushes 2 (processing) → national 4

        Assert.Equal((2L, 0L), (justice.Progress.Pushed, justice.Progress.PushFailures));
        var dossier = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json();
        Assert.Equal(4, dossier.GetProperty("status").GetInt32());
        var history = dossier.GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, h => h.ToString().Contains($"MOJ-{code}-1"));
    }

    [Fact]
    public async Task A_push_with_a_key_of_another_role_is_refused_and_changes_nothing()
    {
        var code = await SubmitAsync();
        var (sim, _) = await StartJusticeAsync(TestHub.PortalKey);
        await using var __ = sim;
        var justice = sim.Runtime[SimulatedSystems.Justice];
        justice.Progress.Track(code);
        var before = (await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json()).GetProperty("status").GetInt32();

        await sim.Runtime.AdvanceAsync();

        Assert.Equal((0L, 1L), (justice.Progress.Pushed, justice.Progress.PushFailures));
        var after = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json();
        Assert.Equal(before, after.GetProperty("status").GetInt32());
    }
}
