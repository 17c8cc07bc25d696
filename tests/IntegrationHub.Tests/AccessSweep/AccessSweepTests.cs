namespace IntegrationHub.Tests.AccessSweep;

/// <summary>
/// Issue 12: every route, page and SOAP operation × every caller. Allowed callers are not refused; anyone else gets
/// 401 (no one) or 403 (the wrong role), and staff pages send no one to /login. Each test lists every failing
/// (route, caller) pair at once rather than stopping at the first.
/// </summary>
public sealed class AccessSweepTests(SweepHub sweep) : IClassFixture<SweepHub>
{
    private static readonly string[] EveryKey =
        [TestHub.PortalKey, TestHub.AgencyKey, TestHub.OtherAgencyKey, TestHub.PlanningKey, TestHub.JusticeKey, TestHub.AdminKey,
         SweepHub.TradeKey, SweepHub.AgencyWithoutAgencyKey, SweepHub.UnknownKey];

    [Fact]
    public async Task Every_route_answers_only_the_roles_the_table_allows()
    {
        var failures = new List<string>();
        var swept = 0;
        foreach (var route in RouteAccessTable.Routes.Where(r => r.Access.Kind != "external"))
        foreach (var request in SweepRequests.For(route, sweep))
        foreach (var caller in sweep.Callers)
        {
            using var response = await sweep.Client(caller).SendAsync(request.ToMessage());
            var body = await response.Content.ReadAsStringAsync();
            swept++;
            if (route.Access == Access.NotServed)
            {
                if ((int)response.StatusCode is not (404 or 405) || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"({request}, {caller}) {route.Access}: expected a 404 or 405 problem for everyone, got {(int)response.StatusCode}");
            }
            else if (Judge(route.Access.Allows(caller.Role), caller, (int)response.StatusCode, response.Headers.Location, page: false) is { } wrong)
                failures.Add($"({request}, {caller}) {route.Access}: {wrong}");
            if (EveryKey.FirstOrDefault(body.Contains) is { } echoed)
                failures.Add($"({request}, {caller}): the answer contains an API key ({echoed[..10]}…)");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {swept} calls wrong:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_page_answers_only_the_roles_of_its_folder_and_sends_no_one_to_login()
    {
        var failures = new List<string>();
        foreach (var page in RouteInventoryTests.Pages(sweep))
        foreach (var caller in sweep.Callers)
        {
            using var response = await sweep.Client(caller).GetAsync(page);
            if (Judge(RouteAccessTable.ForPage(page).Allows(caller.Role), caller, (int)response.StatusCode, response.Headers.Location, page: true) is { } wrong)
                failures.Add($"(GET {page}, {caller}) {RouteAccessTable.ForPage(page)}: {wrong}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_SOAP_operation_answers_only_the_roles_the_table_allows()
    {
        var failures = new List<string>();
        foreach (var (operation, access) in RouteAccessTable.SoapOperations)
        foreach (var caller in sweep.Callers)
        {
            using var response = await sweep.Client(caller).SendAsync(SweepRequests.Soap(operation, sweep.PlanningDossier, eventId: $"SOAP-{caller.Name}"));
            var fault = Soap11.FaultCode(await response.Content.ReadAsStringAsync());
            var expected = access.Allows(caller.Role) ? null : caller.Authenticates ? "Forbidden" : "Unauthorized";
            if (expected is null ? fault is "Unauthorized" or "Forbidden" || (int)response.StatusCode is 401 or 403 : fault != expected)
                failures.Add($"({operation}, {caller}) {access}: expected {expected ?? "no refusal"}, got HTTP {(int)response.StatusCode} fault {fault ?? "none"}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Null when the answer is right for the caller; otherwise what is wrong with it.</summary>
    private static string? Judge(bool allowed, SweepCaller caller, int status, Uri? location, bool page)
    {
        var toLogin = status is >= 300 and < 400 && location?.OriginalString.StartsWith("/login", StringComparison.Ordinal) == true;
        if (allowed)
            return status is 401 or 403 || toLogin ? $"allowed but got {status} {location}" : page && status is not (200 or 301) ? $"page answered {status}" : null;
        if (!caller.Authenticates)
            return page ? (status == 302 && toLogin ? null : $"expected a redirect to /login, got {status} {location}")
                : status == 401 ? null : $"expected 401, got {status} {location}";
        return status == 403 ? null : $"expected 403, got {status} {location}";
    }
}
