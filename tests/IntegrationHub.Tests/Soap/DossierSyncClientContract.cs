using System.ServiceModel;
using System.Xml.Serialization;

namespace IntegrationHub.Tests.Soap;

// The client side of /soap/DossierSync written from contracts/soap/DossierSync.wsdl (not from the server's
// types): names, namespace and soapAction as the WSDL gives them.

[ServiceContract(Namespace = Wsdl.Namespace, Name = "DossierSync")]
[XmlSerializerFormat]
public interface IDossierSyncClient
{
    [OperationContract(Action = Wsdl.Namespace + "/DossierSync/UpdateDossierStatus", ReplyAction = "*")]
    Task<StatusInfo> UpdateDossierStatusAsync(string dossierCode, EventData statusEvent);

    [OperationContract(Action = Wsdl.Namespace + "/DossierSync/GetDossierStatus", ReplyAction = "*")]
    Task<StatusInfo> GetDossierStatusAsync(string dossierCode);
}

public static class Wsdl
{
    public const string Namespace = "urn:integrationhub:dossiersync:v1";
}

[XmlType("StatusEventData", Namespace = Wsdl.Namespace)]
public sealed class EventData
{
    public string? EventId { get; set; }
    [XmlElement(IsNullable = true)] public int? Status { get; set; }
    public string? SystemStatus { get; set; }
    public string? At { get; set; }
    public OfficialInfo? Official { get; set; }
    public string? Note { get; set; }
    public string? StepDueAt { get; set; }
    public ApologyInfo? Apology { get; set; }
}

[XmlType("OfficialData", Namespace = Wsdl.Namespace)]
public sealed class OfficialInfo
{
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? Unit { get; set; }
}

[XmlType("ApologyData", Namespace = Wsdl.Namespace)]
public sealed class ApologyInfo
{
    public string? Reason { get; set; }
    public string? NewDueAt { get; set; }
}

[XmlType("DossierStatusInfo", Namespace = Wsdl.Namespace)]
public sealed class StatusInfo
{
    public string? Code { get; set; }
    public int Status { get; set; }
    public string? StatusName { get; set; }
    public string? AgencyCode { get; set; }
    public string? ReceivedAt { get; set; }
    public string? DueAt { get; set; }
    public string? OriginalDueAt { get; set; }
    public bool Duplicate { get; set; }
}
