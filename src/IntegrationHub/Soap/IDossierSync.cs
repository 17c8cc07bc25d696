using System.ServiceModel;
using System.Xml.Serialization;

namespace IntegrationHub.Soap;

/// <summary>
/// The SOAP service for ministry systems (/soap/DossierSync): the same status event as the REST route.
/// Served with the XmlSerializer so that clients generated from the WSDL see every field.
/// </summary>
[ServiceContract(Namespace = DossierSyncNamespace.Value, Name = "DossierSync")]
[XmlSerializerFormat]
public interface IDossierSync
{
    [OperationContract(Name = "UpdateDossierStatus")]
    Task<DossierStatusInfo> UpdateDossierStatus(string dossierCode, StatusEventData statusEvent);

    [OperationContract(Name = "GetDossierStatus")]
    Task<DossierStatusInfo> GetDossierStatus(string dossierCode);
}

public static class DossierSyncNamespace
{
    public const string Value = "urn:integrationhub:dossiersync:v1";
}

/// <summary>The SOAPAction of each operation, as the WSDL has them: namespace/service/operation unless the contract names one.</summary>
public static class DossierSyncActions
{
    public static readonly IReadOnlySet<string> All = Read();

    private static HashSet<string> Read()
    {
        var service = typeof(IDossierSync).GetCustomAttributes(typeof(ServiceContractAttribute), false).Cast<ServiceContractAttribute>().Single();
        return typeof(IDossierSync).GetMethods()
            .SelectMany(m => m.GetCustomAttributes(typeof(OperationContractAttribute), false).Cast<OperationContractAttribute>()
                .Select(o => o.Action ?? $"{service.Namespace}/{service.Name}/{o.Name ?? m.Name}"))
            .ToHashSet(StringComparer.Ordinal);
    }
}

/// <summary>A status event: times are ISO-8601 with offset, status the national code 1–10 or systemStatus the system's own.</summary>
[XmlType(Namespace = DossierSyncNamespace.Value)]
public sealed class StatusEventData
{
    public string? EventId { get; set; }
    public int? Status { get; set; }
    public string? SystemStatus { get; set; }
    public string? At { get; set; }
    public OfficialData? Official { get; set; }
    public string? Note { get; set; }
    public string? StepDueAt { get; set; }
    public ApologyData? Apology { get; set; }
    public DocumentData? Result { get; set; }
}

[XmlType(Namespace = DossierSyncNamespace.Value)]
public sealed class OfficialData
{
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? Unit { get; set; }
}

[XmlType(Namespace = DossierSyncNamespace.Value)]
public sealed class ApologyData
{
    public string? Reason { get; set; }
    public string? NewDueAt { get; set; }
}

/// <summary>A document: Content is base64.</summary>
[XmlType(Namespace = DossierSyncNamespace.Value)]
public sealed class DocumentData
{
    public string? Name { get; set; }
    public string? MediaType { get; set; }
    public string? Content { get; set; }
}

/// <summary>Where a dossier stands. No personal data.</summary>
[XmlType(Namespace = DossierSyncNamespace.Value)]
public sealed class DossierStatusInfo
{
    public string Code { get; set; } = "";
    public int Status { get; set; }
    public string StatusName { get; set; } = "";
    public string AgencyCode { get; set; } = "";
    public string ReceivedAt { get; set; } = "";
    public string? DueAt { get; set; }
    public string? OriginalDueAt { get; set; }
    public bool Duplicate { get; set; }
}
