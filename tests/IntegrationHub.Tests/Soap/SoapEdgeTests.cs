using System.Text;
using System.Xml.Linq;
using IntegrationHub.Soap;

namespace IntegrationHub.Tests.Soap;

/// <summary>Issue 12: SoapCore's extra routes and its lenient SOAPAction matching, closed in front of it.</summary>
public sealed class SoapEdgeTests(TestHub hub) : IClassFixture<TestHub>
{
    private const string Service = "/soap/DossierSync";

    [Theory]
    [InlineData("GET", "/$metadata")]
    [InlineData("GET", "/mex")]
    [InlineData("GET", "/mex?wsdl")]
    [InlineData("GET", "/GetDossierStatus?dossierCode=000.30.20.H47-261130-0001")]
    [InlineData("POST", "/UpdateDossierStatus")]
    [InlineData("DELETE", "/x")]
    public async Task SoapCore_extra_routes_are_a_404_problem(string method, string path)
    {
        var response = await hub.Client(TestHub.JusticeKey).SendAsync(new HttpRequestMessage(new HttpMethod(method), Service + path));
        var problem = await response.AssertProblem(404);
        Assert.Contains("?wsdl", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Methods_other_than_get_and_post_on_the_service_are_a_405_problem(string method)
    {
        var response = await hub.Client(TestHub.JusticeKey).SendAsync(new HttpRequestMessage(new HttpMethod(method), Service));
        await response.AssertProblem(405);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task The_wsdl_is_still_served_and_names_exactly_the_actions_the_guard_accepts()
    {
        var response = await hub.Client().GetAsync(Service + "?wsdl");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var wsdl = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var served = wsdl.Descendants().Where(e => e.Name.LocalName == "operation" && e.Attribute("soapAction") is not null)
            .Select(e => e.Attribute("soapAction")!.Value).Distinct().Order();
        Assert.Equal(DossierSyncActions.All.Order(), served);
        // And the published contract says the same.
        var contract = XDocument.Load(Path.Combine(ContractTests.RepositoryRoot(), "contracts", "soap", "DossierSync.wsdl"));
        Assert.Equal(DossierSyncActions.All.Order(), contract.Descendants().Select(e => e.Attribute("soapAction")?.Value).OfType<string>().Distinct().Order());
    }

    [Theory]
    [InlineData("urn:evil:v1/OtherService/UpdateDossierStatus")]
    [InlineData("urn:integrationhub:dossiersync:v1/OtherService/UpdateDossierStatus")]
    [InlineData("UpdateDossierStatus")]
    [InlineData("URN:INTEGRATIONHUB:DOSSIERSYNC:V1/DOSSIERSYNC/UPDATEDOSSIERSTATUS")]
    public async Task A_soapaction_that_is_not_one_of_the_contract_is_a_client_fault_and_changes_nothing(string action)
    {
        var code = Submissions.NextCode("000.30.20.H47");
        (await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code, "1.000894", "000.30.20.H47"))).EnsureSuccessStatusCode();
        var envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" +
                       $"<UpdateDossierStatus xmlns=\"{DossierSyncNamespace.Value}\"><dossierCode>{code}</dossierCode>" +
                       "<statusEvent><EventId>FOREIGN-1</EventId><Status>2</Status><At>2026-11-30T10:00:00+07:00</At></statusEvent>" +
                       "</UpdateDossierStatus></soap:Body></soap:Envelope>";
        var request = new HttpRequestMessage(HttpMethod.Post, Service) { Content = new StringContent(envelope, Encoding.UTF8, "text/xml") };
        request.Headers.Add("SOAPAction", $"\"{action}\"");
        var response = await hub.Client(TestHub.JusticeKey).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fault = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants().Single(e => e.Name.LocalName == "Fault");
        Assert.Equal("s:Client.Invalid", fault.Element("faultcode")!.Value);
        Assert.Contains("is not an operation of this service", fault.Element("faultstring")!.Value);
        var view = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json();
        Assert.Equal(1, view.GetProperty("status").GetInt32());
    }
}
