using IntegrationHub.Signing;

namespace IntegrationHub.Extensions;

/// <summary>The signature engine behind the API: validation, the agency seal, two-step signing sessions.</summary>
public static class SignatureExtensions
{
    public static void AddHubSignatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EngineValidation>();
        builder.Services.AddSingleton<IDocumentValidation>(sp => sp.GetRequiredService<EngineValidation>());
        // The anchors the engine trusts, for the admin console's list.
        builder.Services.AddSingleton(sp => sp.GetRequiredService<EngineValidation>().Trust);
        builder.Services.AddSingleton<EngineAugmentation>();
        builder.Services.AddSingleton<SigningSessions>();
        builder.Services.AddSingleton<SealKey>();
        // The circuits of the TSA, OCSP and CRL hosts, shared by sealing, augmentation and the long-term jobs.
        builder.Services.AddSingleton<ServiceCircuits>();
        builder.Services.AddHttpClient("tsa", client => client.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddHttpClient("revocation", client => client.Timeout = TimeSpan.FromSeconds(15));
    }
}
