namespace IntegrationHub.Signing;

/// <summary>The signing mode a document gets by its media type: PAdES for PDF, XAdES for XML, CAdES (attached) for anything else.</summary>
public static class SigningModes
{
    public static string For(string mediaType) => mediaType switch
    {
        "application/pdf" => "pades",
        "application/xml" or "text/xml" => "xades-enveloped",
        _ when mediaType.EndsWith("+xml", StringComparison.Ordinal) => "xades-enveloped",
        _ => "cades-attached",
    };
}
