namespace IntegrationHub.Tests;

public sealed class RateLimitTests : IClassFixture<RateLimitTests.TightHub>
{
    public sealed class TightHub : IAsyncLifetime
    {
        public TestHub Hub { get; } = new();
        public Task InitializeAsync()
        {
            Hub.ExtraSettings.AddRange(["--RateLimiting:PublicPermitLimit=5", "--RateLimiting:PublicWindowSeconds=3600"]);
            return Hub.InitializeAsync();
        }
        public Task DisposeAsync() => Hub.DisposeAsync();
    }

    private readonly TestHub hub;
    public RateLimitTests(TightHub fixture) => hub = fixture.Hub;

    [Fact]
    public async Task Public_routes_answer_429_problem_beyond_the_limit_per_ip_and_authenticated_routes_are_not_limited()
    {
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await hub.Client().GetAsync("/api/v1/public/procedures")).StatusCode);
        await (await hub.Client().GetAsync("/api/v1/public/procedures")).AssertProblem(429);
        await (await hub.Client().GetAsync("/api/v1/public/calendar/2026")).AssertProblem(429);
        Assert.Equal(HttpStatusCode.Created, (await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(Submissions.NextCode()))).StatusCode);
    }
}
