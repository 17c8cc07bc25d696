using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Xml.Linq;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Simulators;

namespace IntegrationHub.Connectors.Tests.Simulators;

public sealed class SimulatorContractTests
{
    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir!.FullName, relative));
    }

    [Theory]
    [InlineData(SimulatedSystems.PlanningInvestment)]
    [InlineData(SimulatedSystems.Justice)]
    public async Task Served_WSDL_is_the_checked_in_contract(string system)
    {
        await using var rig = await Rig.StartAsync();
        using var http = new HttpClient();

        var served = await http.GetStringAsync(rig.Simulators.UrlOf(system) + "?wsdl");

        Assert.Equal(RepoFile($"contracts/verticals/{system}/{system}.wsdl"), served);
        Assert.Equal("definitions", XElement.Parse(served).Name.LocalName);
    }

    [Theory]
    [InlineData("<not-xml")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&e;</soap:Body></soap:Envelope>")]
    [InlineData("<Envelope/>")]
    public async Task Malformed_or_DTD_carrying_SOAP_gets_a_client_fault_and_records_nothing(string body)
    {
        await using var rig = await Rig.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(rig.Simulators.UrlOf(SimulatedSystems.Justice), new StringContent(body, Encoding.UTF8, "text/xml"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("soap:Client", text);
        Assert.DoesNotContain("root:", text);
        Assert.Equal(0, rig.Sim(SimulatedSystems.Justice).Ledger.Count);
    }

    [Fact]
    public async Task Admin_route_sets_faults_at_run_time()
    {
        await using var rig = await Rig.StartAsync();
        using var http = new HttpClient();

        var put = await http.PutAsJsonAsync(rig.Simulators.BaseUrl + "/admin/trade/faults", new { down = true });
        var outcome = await rig.Connector(VerticalSystems.Trade).DeliverAsync(TestDossiers.Message(), default);
        var bad = await http.PutAsJsonAsync(rig.Simulators.BaseUrl + "/admin/trade/faults", new { errorRate = 2.0 });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(Messages.FailureClass.Transient, outcome.FailureClass);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
