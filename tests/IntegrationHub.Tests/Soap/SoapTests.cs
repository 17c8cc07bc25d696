using System.Diagnostics;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text;
using System.Text.Json;

namespace IntegrationHub.Tests.Soap;

/// <summary>Status sync over SOAP: a WCF client (System.ServiceModel.Http) and node's soap package, both from the WSDL.</summary>
public sealed class SoapTests(TestHub hub) : IClassFixture<TestHub>
{
    /// <summary>A justice dossier (1.000894 at the ward 000.30.20.H47), routed to the justice system.</summary>
    private async Task<string> NewJusticeDossier()
    {
        var code = Submissions.NextCode("000.30.20.H47");
        var response = await hub.Client(TestHub.PortalKey).Submit(Submissions.Valid(code, "1.000894", "000.30.20.H47"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return code;
    }

    private ChannelFactory<IDossierSyncClient> Factory() =>
        new(new BasicHttpBinding(), new EndpointAddress(new Uri(hub.BaseAddress, "/soap/DossierSync")));

    /// <summary>Runs <paramref name="call"/> with the key in the X-Api-Key HTTP header.</summary>
    private static async Task<T> WithHttpKey<T>(IDossierSyncClient channel, string key, Func<Task<T>> call)
    {
        using var scope = new OperationContextScope((IContextChannel)channel);
        var http = new HttpRequestMessageProperty();
        http.Headers["X-Api-Key"] = key;
        OperationContext.Current.OutgoingMessageProperties[HttpRequestMessageProperty.Name] = http;
        return await call();
    }

    [Fact]
    public async Task Wcf_client_updates_and_reads_the_status_with_the_key_in_the_http_header()
    {
        var code = await NewJusticeDossier();
        using var factory = Factory();
        var channel = factory.CreateChannel();
        var updated = await WithHttpKey(channel, TestHub.JusticeKey, () => channel.UpdateDossierStatusAsync(code, new EventData
        {
            EventId = "HT-1", Status = 2, At = "2026-11-30T10:00:00+07:00",
            Official = new OfficialInfo { Name = "Nguyễn Thị Bình", Title = "Công chức tư pháp - hộ tịch", Unit = "UBND phường" },
        }));
        Assert.Equal(code, updated.Code);
        Assert.Equal(2, updated.Status);
        Assert.False(updated.Duplicate);
        var read = await WithHttpKey(channel, TestHub.JusticeKey, () => channel.GetDossierStatusAsync(code));
        Assert.Equal(2, read.Status);
        Assert.Equal("000.30.20.H47", read.AgencyCode);
        Assert.NotNull(read.DueAt);

        // The REST view shows the SOAP event with its official.
        var view = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json();
        var step = view.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("eventId").GetString() == "HT-1");
        Assert.Equal("Nguyễn Thị Bình", step.GetProperty("official").GetProperty("name").GetString());
        ((IClientChannel)channel).Close();
    }

    [Fact]
    public async Task Wcf_client_may_carry_the_key_as_a_soap_header_and_system_codes_are_mapped()
    {
        var code = await NewJusticeDossier();
        using var factory = Factory();
        var channel = factory.CreateChannel();
        using (new OperationContextScope((IContextChannel)channel))
        {
            OperationContext.Current.OutgoingMessageHeaders.Add(MessageHeader.CreateHeader("ApiKey", Wsdl.Namespace, TestHub.JusticeKey));
            // Justice speaks its own codes: "1" maps to 2 (received) in Verticals:justice:StatusMap.
            var updated = await channel.UpdateDossierStatusAsync(code, new EventData { EventId = "HT-2", SystemStatus = "1", At = "2026-11-30T10:00:00+07:00" });
            Assert.Equal(2, updated.Status);
        }
        ((IClientChannel)channel).Close();
    }

    [Fact]
    public async Task Duplicate_event_over_soap_is_accepted_once()
    {
        var code = await NewJusticeDossier();
        using var factory = Factory();
        var channel = factory.CreateChannel();
        var e = new EventData { EventId = "HT-3", Status = 2, At = "2026-11-30T10:00:00+07:00" };
        var first = await WithHttpKey(channel, TestHub.JusticeKey, () => channel.UpdateDossierStatusAsync(code, e));
        var again = await WithHttpKey(channel, TestHub.JusticeKey, () => channel.UpdateDossierStatusAsync(code, e));
        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        ((IClientChannel)channel).Close();
    }

    [Fact]
    public async Task Forbidden_transition_unknown_dossier_missing_key_and_other_system_are_soap_faults()
    {
        var code = await NewJusticeDossier();
        using var factory = Factory();
        var channel = factory.CreateChannel();
        var resolveFirst = new EventData { EventId = "HT-4", Status = 10, At = "2026-11-30T10:00:00+07:00" };
        var forbidden = await Assert.ThrowsAsync<FaultException>(() => WithHttpKey(channel, TestHub.JusticeKey, () => channel.UpdateDossierStatusAsync(code, resolveFirst)));
        Assert.Equal("Client.ForbiddenTransition", forbidden.Code.Name);
        var unknown = await Assert.ThrowsAsync<FaultException>(() => WithHttpKey(channel, TestHub.JusticeKey, () => channel.GetDossierStatusAsync("000.30.20.H47-261130-9999")));
        Assert.Equal("Client.UnknownDossier", unknown.Code.Name);
        var noKey = await Assert.ThrowsAsync<FaultException>(() => channel.GetDossierStatusAsync(code));
        Assert.Equal("Client.Unauthorized", noKey.Code.Name);
        var otherSystem = await Assert.ThrowsAsync<FaultException>(() => WithHttpKey(channel, TestHub.PlanningKey, () => channel.UpdateDossierStatusAsync(code,
            new EventData { EventId = "PI-9", Status = 2, At = "2026-11-30T10:00:00+07:00" })));
        Assert.Equal("Client.Forbidden", otherSystem.Code.Name);
        // Nothing changed.
        var view = await (await hub.Client(TestHub.AdminKey).GetAsync($"/api/v1/dossiers/{code}")).Json();
        Assert.Equal(1, view.GetProperty("status").GetInt32());
        ((IClientChannel)channel).Abort();
    }

    [Fact]
    public async Task Malformed_envelope_gets_a_fault_and_the_service_keeps_answering()
    {
        using var client = hub.Client(TestHub.JusticeKey);
        var request = new HttpRequestMessage(HttpMethod.Post, "/soap/DossierSync")
        {
            Content = new StringContent("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><Update", Encoding.UTF8, "text/xml"),
        };
        request.Headers.Add("SOAPAction", $"\"{Wsdl.Namespace}/DossierSync/UpdateDossierStatus\"");
        var response = await client.SendAsync(request);
        Assert.True((int)response.StatusCode is >= 400 and < 600);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client().GetAsync("/soap/DossierSync?wsdl")).StatusCode);
    }

    [RequiresNodeSoapFact]
    public async Task Node_soap_client_built_from_the_served_wsdl_updates_the_status()
    {
        var script = RequiresNodeSoapFactAttribute.Folder;
        var code = await NewJusticeDossier();
        var wsdl = new Uri(hub.BaseAddress, "/soap/DossierSync?wsdl").ToString();
        var output = await RunNode(script, wsdl, TestHub.JusticeKey, code, "N-1", "2", "2026-11-30T10:00:00+07:00");
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, result.GetProperty("update").GetProperty("Status").GetInt32());
        Assert.Equal(code, result.GetProperty("get").GetProperty("Code").GetString());

        // A forbidden transition comes back to node as a fault.
        var fault = JsonDocument.Parse(await RunNode(script, wsdl, TestHub.JusticeKey, code, "N-2", "10", "2026-11-30T11:00:00+07:00")).RootElement;
        Assert.Contains("ForbiddenTransition", fault.GetProperty("code").GetString());
    }

    private static async Task<string> RunNode(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("update-status.js");
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {await stderr}");
        return (await stdout).Trim();
    }
}
