namespace IntegrationHub.Tests.Hostile;

/// <summary>What a hostile request must get back.</summary>
public enum Expect
{
    /// <summary>A 4xx application/problem+json whose title and detail (or field errors) say why.</summary>
    Problem,

    /// <summary>A SOAP Fault naming a client error (Client.* in SOAP 1.1, Sender in SOAP 1.2).</summary>
    SoapFault,

    /// <summary>
    /// A forged or broken signed document sent to validate: the route's answer is its report (200) and the report
    /// must not pass, with a sub-indication or an error saying why; a 4xx problem is accepted too.
    /// </summary>
    FailedReport,

    /// <summary>
    /// A request line Kestrel itself refuses (a NUL decoded in the path) before any middleware runs: a bare 400, which
    /// no application code can shape into problem+json.
    /// </summary>
    ServerRefusal,
}

/// <summary>One hostile request, named by its family and what it tries.</summary>
public sealed record HostileCase(
    string Family, string Name, HttpMethod Method, string Path, string? ApiKey, string? ContentType, byte[]? Body, Expect Expect,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public override string ToString() => $"{Family}: {Name} ({Method} {Path})";
}

/// <summary>What the corpus needs from the running hub: seeded dossiers, signed documents, the configured limits.</summary>
public sealed record HostileContext(
    string OpenDossier, string EndedDossier, long MaxDocumentBytes, long MaxRequestBytes,
    byte[] SignedXml, byte[] SignedPdf, byte[] UnsignedPdf, string CitizenCertificate, string OtherCertificate);
