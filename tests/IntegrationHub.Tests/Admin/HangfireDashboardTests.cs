namespace IntegrationHub.Tests.Admin;

/// <summary>The Hangfire dashboard is for admins only: never open to anonymous users, nor to other roles.</summary>
public sealed class HangfireDashboardTests(TestHub hub) : IClassFixture<TestHub>
{
    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/enqueued")]
    [InlineData("/hangfire/stats")]
    public async Task Anonymous_users_are_refused(string path)
    {
        var response = await hub.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Hangfire", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_post_to_the_dashboard_api_is_refused()
    {
        var response = await hub.Client().PostAsync("/hangfire/stats", new FormUrlEncodedContent([new("metrics[]", "enqueued:count")]));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(TestHub.AgencyKey)]
    [InlineData(TestHub.PortalKey)]
    [InlineData(TestHub.JusticeKey)]
    public async Task Other_roles_are_refused(string key)
    {
        var response = await hub.Client(key).GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Hangfire Dashboard", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admin_sees_the_dashboard()
    {
        var response = await hub.Client(TestHub.AdminKey).GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Hangfire Dashboard", html);
        // The storage connection string (a file path or PostgreSQL credentials) is not shown.
        Assert.DoesNotContain(hub.DataDir, html);
        var jobs = await hub.Client(TestHub.AdminKey).GetAsync("/hangfire/jobs/enqueued");
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
    }
}
