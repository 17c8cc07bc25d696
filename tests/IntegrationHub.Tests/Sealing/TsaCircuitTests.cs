using System.Text.Json;

namespace IntegrationHub.Tests.Sealing;

/// <summary>The circuit in front of a TSA: after failures it opens, seals are held without asking the TSA, and it closes when the TSA is back.</summary>
public sealed class TsaCircuitTests : IClassFixture<TsaCircuitTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public SealingHub Sealing { get; } = new();

        public Task InitializeAsync()
        {
            Sealing.Settings.AddRange(["--Sealing:Circuit:MinimumThroughput=2", "--Sealing:Circuit:FailureRatio=0.5"]);
            return Sealing.InitializeAsync();
        }

        public Task DisposeAsync() => Sealing.DisposeAsync();
    }

    private readonly SealingHub s;

    public TsaCircuitTests(Fixture fixture) => s = fixture.Sealing;

    private async Task<string> Circuit()
    {
        var circuits = await (await s.Hub.Client(TestHub.AdminKey).GetAsync("/api/v1/admin/held-seals/circuits")).Json();
        return circuits.GetProperty($"timestamp@{s.Tsa.Url.Authority}").GetString()!;
    }

    [Fact]
    public async Task Circuit_opens_after_failures_holds_seals_without_calling_the_TSA_and_closes_when_it_is_back()
    {
        s.Tsa.Stop();
        Assert.Equal(HttpStatusCode.Accepted, (await s.Seal("một")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await s.Seal("hai")).StatusCode);
        Assert.Equal("Open", await Circuit());

        s.Tsa.Start();   // back, but the circuit is still open: the hub does not ask
        var requests = s.Tsa.Requests;
        var third = await s.Seal("ba");
        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
        Assert.Contains("circuit", (await third.Json()).GetProperty("lastError").GetString());
        Assert.Equal(requests, s.Tsa.Requests);

        // After the break the job's first call is the probe; it succeeds, the circuit closes and every held seal is finished.
        Assert.Equal(3, await s.RetryAfter(TimeSpan.FromMinutes(1)));
        Assert.Equal("Closed", await Circuit());
        Assert.Equal(HttpStatusCode.OK, (await s.Seal("bốn")).StatusCode);
    }
}
