using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Simulators.Systems;

/// <summary>The contract files of contracts/verticals/, embedded, so a simulator serves exactly what is checked in.</summary>
public static class ContractFiles
{
    public static string Read(string relativePath)
    {
        using var stream = typeof(ContractFiles).Assembly.GetManifestResourceStream("contracts/" + relativePath)
            ?? throw new FileNotFoundException("contract not embedded", relativePath);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>GET {base}?wsdl and {base}?xsd for a SOAP system.</summary>
    public static IResult ServeWsdl(HttpRequest request, string system)
    {
        if (request.Query.ContainsKey("wsdl"))
            return Results.Content(Read($"{system}/{system}.wsdl"), "text/xml; charset=utf-8");
        if (request.Query.ContainsKey("xsd"))
            return Results.Content(Read($"{system}/{system}.xsd"), "text/xml; charset=utf-8");
        return Results.NotFound();
    }
}
