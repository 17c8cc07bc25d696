using System.Reflection;
using System.ServiceModel;
using System.Text.Json;
using IntegrationHub.Soap;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace IntegrationHub.Tests.AccessSweep;

/// <summary>
/// Every route the hub serves is in <see cref="RouteAccessTable"/>: read from the app's endpoints, from the served
/// OpenAPI document, from the SOAP contract and from the pages on disk. A new route fails here until it is swept.
/// </summary>
public sealed class RouteInventoryTests(SweepHub sweep) : IClassFixture<SweepHub>
{
    /// <summary>Every RouteEndpoint with its methods ("*" when it takes any), as the app registered them.</summary>
    public static IReadOnlyList<(string Method, string Pattern)> Endpoints(SweepHub sweep) =>
        sweep.Hub.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (m, RoutePatterns.Normalize(e.RoutePattern.RawText ?? ""))))
            .Distinct().ToList();

    /// <summary>Every file under wwwroot as the URL it is served at, plus the folders' default pages.</summary>
    public static IReadOnlyList<string> Pages(SweepHub sweep)
    {
        var root = sweep.Hub.Service<IWebHostEnvironment>().WebRootFileProvider;
        var pages = new List<string> { "/", "/admin", "/admin/", "/leaders", "/leaders/" };
        void Walk(string folder)
        {
            foreach (var entry in root.GetDirectoryContents(folder))
            {
                var path = folder.TrimEnd('/') + "/" + entry.Name;
                if (entry.IsDirectory) Walk(path);
                else pages.Add(path);
            }
        }
        Walk("/");
        return pages.Distinct().ToList();
    }

    [Fact]
    public void Every_endpoint_of_the_app_is_in_the_access_table()
    {
        var endpoints = Endpoints(sweep);
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found: is the sweep reading the right data source?");
        var missing = endpoints.Where(e => RouteAccessTable.Find(e.Method, e.Pattern) is null).Select(e => $"{e.Method} {e.Pattern}").ToList();
        Assert.True(missing.Count == 0, "Not in RouteAccessTable (say who may call them):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_entry_of_the_access_table_is_still_served()
    {
        var endpoints = Endpoints(sweep);
        var stale = RouteAccessTable.Routes
            .Where(r => !endpoints.Any(e => e.Pattern == r.Pattern && (r.Method == "*" ? e.Method == "*" : e.Method == r.Method)))
            .Select(r => r.Key).ToList();
        Assert.True(stale.Count == 0, "In RouteAccessTable but not served (remove or rename):\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task Every_operation_of_the_served_OpenAPI_document_is_in_the_access_table()
    {
        var document = JsonDocument.Parse(await sweep.Hub.Client().GetStringAsync("/openapi/v1.json")).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Method: o.Name.ToUpperInvariant(), Pattern: RoutePatterns.Normalize(p.Name))))
            .ToList();
        Assert.True(operations.Count >= 25, $"only {operations.Count} operations in the document");
        var missing = operations.Where(o => RouteAccessTable.Find(o.Method, o.Pattern) is null).Select(o => $"{o.Method} {o.Pattern}").ToList();
        Assert.True(missing.Count == 0, "In the OpenAPI document but not in RouteAccessTable:\n" + string.Join("\n", missing));
        // A documented route must be a served one (the document is read from the same endpoints).
        var endpoints = Endpoints(sweep);
        Assert.All(operations, o => Assert.Contains(endpoints, e => e.Pattern == o.Pattern && (e.Method == o.Method || e.Method == "*")));
    }

    [Fact]
    public void Every_SOAP_operation_is_in_the_access_table()
    {
        var operations = typeof(IDossierSync).GetMethods()
            .Select(m => m.GetCustomAttribute<OperationContractAttribute>()?.Name ?? m.Name).ToList();
        Assert.Equal(operations.Order(), RouteAccessTable.SoapOperations.Keys.Order());
    }

    [Fact]
    public void Pages_on_disk_include_both_staff_folders_and_the_public_page()
    {
        var pages = Pages(sweep);
        Assert.Contains("/index.html", pages);
        Assert.Contains("/admin/index.html", pages);
        Assert.Contains("/leaders/index.html", pages);
        Assert.Equal("admin", RouteAccessTable.ForPage("/admin/dead-letters.html").ToString());
        Assert.Equal("agency|admin", RouteAccessTable.ForPage("/leaders/dossier.html").ToString());
    }

    [Theory]
    [InlineData("/api/v1/dossiers/", "/api/v1/dossiers")]
    [InlineData("/api/v1/admin/deliveries/{id:long}/retry", "/api/v1/admin/deliveries/{id}/retry")]
    [InlineData("/scalar/{documentName?}", "/scalar/{documentName}")]
    [InlineData("/hangfire/{**path}", "/hangfire/{**path}")]
    [InlineData("/", "/")]
    public void Route_patterns_are_compared_without_constraints_or_trailing_slash(string raw, string normalized) =>
        Assert.Equal(normalized, RoutePatterns.Normalize(raw));
}
