using IntegrationHub.Signatures.Augmentation;
using IntegrationHub.Signatures.Revocation;

namespace IntegrationHub.Signing;

/// <summary>
/// Long-term augmentation as configured: the engine's trust and policy, validation data fetched over HTTP (OCSP from
/// AIA, CRLs from distribution points) unless Signatures:Augmentation:FetchRevocation is false, and the TSA of
/// Signatures:TsaUrl for signature and archive timestamps. One instance per process: the OCSP and CRL answers are kept
/// until their nextUpdate across requests, and the validator's path cache serves every result check.
/// </summary>
public sealed class EngineAugmentation
{
    private readonly EngineValidation _engine;
    private readonly SignatureAugmenter _augmenter;
    private readonly ValidationDataSources _sources;
    private readonly Uri? _tsa;

    /// <summary>The TSA of Signatures:TsaUrl, or null.</summary>
    public Uri? TsaUrl => _tsa;
    private readonly IHttpClientFactory _http;

    public EngineAugmentation(EngineValidation engine, IConfiguration configuration, IHttpClientFactory http, TimeProvider time)
    {
        _engine = engine;
        _http = http;
        _augmenter = new SignatureAugmenter(time);
        var fetch = configuration.GetValue("Signatures:Augmentation:FetchRevocation", true);
        _sources = fetch ? ValidationDataSources.Online(http.CreateClient("revocation"), time, new RevocationOptions()) : new ValidationDataSources();
        _tsa = configuration["Signatures:TsaUrl"] is { Length: > 0 } url ? new Uri(url) : null;
    }

    /// <param name="timestamps">asked instead of Signatures:TsaUrl's TSA when given (a caller whose TSA circuit is open)</param>
    public Task<AugmentationResult> AugmentAsync(byte[] document, byte[]? detachedContent, AugmentationTarget target, CancellationToken ct,
        Signatures.Creation.ITimestampClient? timestamps = null)
    {
        var options = new AugmentationOptions(_engine.Options, _engine.Trust, _sources)
        {
            Timestamps = _tsa is null ? null : timestamps ?? new HttpTimestampClient(_http.CreateClient("tsa"), _tsa),
        };
        return _augmenter.AugmentAsync(document, detachedContent, target, options, ct);
    }
}
