using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;

namespace IntegrationHub.Signatures.Augmentation;

/// <summary>
/// Where validation data may come from, in the order it is tried: what the caller supplies (files, the store's known
/// CRLs and OCSP responses), then the network when a client is given (OCSP responders named in AIA, CRL distribution
/// points). The clients keep their answers until nextUpdate, so one signer's data is fetched once per period.
/// </summary>
public sealed record ValidationDataSources
{
    /// <summary>CA certificates to build paths with besides those carried in the signature (--untrusted).</summary>
    public IReadOnlyList<X509Certificate2> Certificates { get; init; } = [];
    public IReadOnlyList<byte[]> Crls { get; init; } = [];
    public IReadOnlyList<byte[]> OcspResponses { get; init; } = [];
    public OcspClient? Ocsp { get; init; }
    public CrlDownloader? CrlDownloads { get; init; }

    /// <summary>Freshness rules and limits for what is read (the same as path validation's).</summary>
    public RevocationOptions Options { get; init; } = new();

    /// <summary>
    /// Answers already decided, per certificate and issuer, until the answer's nextUpdate: the same CA and TSA recur in
    /// every file, and checking a CRL's signature again for each one would cost more than the rest of augmentation.
    /// </summary>
    public RevocationAnswerCache Answers { get; init; } = new();

    /// <summary>Both network sources on one HttpClient, with the limits of <paramref name="options"/>.</summary>
    public static ValidationDataSources Online(HttpClient http, TimeProvider time, RevocationOptions? options = null)
    {
        var limits = options ?? new RevocationOptions();
        return new() { Ocsp = new OcspClient(http, time, limits), CrlDownloads = new CrlDownloader(http, time, limits), Options = limits };
    }
}

/// <summary>A certificate whose path or revocation status could not be established: augmentation refuses rather than write a half B-LT.</summary>
public sealed class ValidationDataException(string message, bool revoked = false) : Exception(message)
{
    /// <summary>True when a certificate was found revoked (rather than its status unknown).</summary>
    public bool Revoked { get; } = revoked;
}
