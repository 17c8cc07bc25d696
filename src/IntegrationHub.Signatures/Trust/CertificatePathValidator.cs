using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Validation;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using BcCrl = Org.BouncyCastle.X509.X509Crl;

namespace IntegrationHub.Signatures.Trust;

/// <summary>
/// RFC 5280 path building and validation from a target to the trust store's anchors, with revocation by CRL
/// and OCSP, giving ETSI EN 319 102-1 words. Candidate paths come from <see cref="PathBuilder"/>; each is
/// judged by <see cref="PathEvaluation"/>; the first that passes wins, otherwise the most telling failure.
/// </summary>
public sealed class CertificatePathValidator : ICertificatePathValidator
{
    private readonly TrustStore _trust;
    private readonly TimeProvider _time;
    private readonly RevocationOptions _revocation;
    private readonly IReadOnlyList<X509Certificate2> _intermediatesDotNet;
    // BouncyCastle forms are made on first use: the short path (ShortPathCheck) never needs them.
    private readonly Lazy<IReadOnlyList<BcCertificate>> _anchors;
    private readonly Lazy<IReadOnlyList<BcCertificate>> _intermediates;
    private readonly IReadOnlyList<BcCrl> _crls;
    private readonly PathRevocationChecker _revocationChecker;
    private readonly ICertificateAlgorithmPolicy? _policy;
    private readonly IReadOnlyList<string> _loadWarnings;

    /// <param name="intermediates">Untrusted CA certificates to build paths with (--untrusted).</param>
    /// <param name="http">Used only when OCSP or CRL download is enabled in <paramref name="revocation"/>.</param>
    public CertificatePathValidator(
        TrustStore trust, RevocationOptions revocation, TimeProvider time, HttpClient? http = null,
        IEnumerable<X509Certificate2>? intermediates = null, ICertificateAlgorithmPolicy? policy = null)
    {
        _trust = trust;
        _time = time;
        _revocation = revocation;
        _policy = policy;
        _intermediatesDotNet = (intermediates ?? []).ToList();
        _anchors = new(() => trust.Anchors.Select(ToBc).ToList());
        _intermediates = new(() => _intermediatesDotNet.Select(ToBc).ToList());
        var warnings = new List<string>();
        _crls = revocation.Crls.Count == 0 ? [] : ParseCrls(revocation.Crls, "CRL file", warnings);
        _loadWarnings = warnings;
        if ((revocation.EnableOcsp || revocation.EnableCrlDownload) && http is null)
            throw new ArgumentException("OCSP or CRL download is enabled but no HttpClient was given", nameof(http));
        _revocationChecker = new PathRevocationChecker(
            revocation,
            revocation.EnableOcsp ? new OcspClient(http!, time, revocation) : null,
            revocation.EnableCrlDownload ? new CrlDownloader(http!, time, revocation) : null);
    }

    public PathValidationResult Validate(X509Certificate2 target, PathValidationRequest request) =>
        ValidateAsync(target, request).GetAwaiter().GetResult();

    public async Task<PathValidationResult> ValidateAsync(
        X509Certificate2 target, PathValidationRequest request, CancellationToken cancellationToken = default)
    {
        var warnings = new List<string>(_loadWarnings);
        if (_trust.Contains(target))
            return new(Indication.TotalPassed, null, [target], null, [], ["the certificate is itself a trust anchor"]);

        if (UseShortPath && CanTakeShortPath(request)
            && ShortPathCheck.TryPass(target, _trust.Anchors, _intermediatesDotNet.Concat(request.ExtraCertificates), request, _policy) is { } passed)
            return passed;

        var bcTarget = ToBc(target);
        var pool = _intermediates.Value.Concat(request.ExtraCertificates.Select(ToBc)).ToList();
        var candidates = new PathBuilder(_anchors.Value, pool).Build(bcTarget);
        if (candidates.Count == 0)
        {
            return new(Indication.Indeterminate, SubIndication.NoCertificateChainFound, [], null,
                [$"no path from \"{target.Subject}\" (issuer \"{target.Issuer}\") to a trust anchor"], warnings);
        }

        var crls = _crls.Concat(ParseCrls(request.CarriedCrls, "carried CRL", warnings)).ToList();
        var required = _revocation.Require ?? (crls.Count > 0 || request.CarriedOcspResponses.Count > 0
                                                || _revocation.EnableOcsp || _revocation.EnableCrlDownload);
        var known = _anchors.Value.Concat(pool).ToList();
        var evaluation = new PathEvaluation(request, known, crls, required ? _revocationChecker : null, _policy, _time.GetUtcNow());

        PathValidationResult? best = null;
        foreach (var candidate in candidates)
        {
            var chain = candidate.Select(c => c.Equals(bcTarget) ? target : ToDotNet(c)).ToList();
            var result = await evaluation.EvaluateAsync(candidate, chain, cancellationToken);
            if (result.Indication == Indication.TotalPassed)
                return result with { Warnings = [.. warnings, .. result.Warnings] };
            // A candidate whose structure held tells more than one with a broken signature or constraint.
            if (best is null || (IsStructural(best) && !IsStructural(result))) best = result;
        }
        return best! with { Warnings = [.. warnings, .. best!.Warnings] };
    }

    /// <summary>
    /// False to always run the full path (tests compare both). The short path answers only plain passing paths with
    /// no revocation data in play; see <see cref="ShortPathCheck"/>.
    /// </summary>
    internal bool UseShortPath { get; init; } = true;

    /// <summary>No revocation in play at all: nothing configured, carried, required or to be fetched, and no load warnings.</summary>
    private bool CanTakeShortPath(PathValidationRequest request) =>
        _revocation.Require != true && !_revocation.EnableOcsp && !_revocation.EnableCrlDownload && _crls.Count == 0
        && _loadWarnings.Count == 0 && request.CarriedCrls.Count == 0 && request.CarriedOcspResponses.Count == 0;

    private static bool IsStructural(PathValidationResult result) =>
        result.SubIndication is SubIndication.ChainConstraintsFailure or SubIndication.CertificateChainGeneralFailure;

    private static List<BcCrl> ParseCrls(IEnumerable<byte[]> crls, string what, List<string> warnings)
    {
        var parser = new X509CrlParser();
        var result = new List<BcCrl>();
        foreach (var der in crls)
        {
            try { result.Add(parser.ReadCrl(der) ?? throw new InvalidDataException("empty CRL")); }
            catch (Exception e) when (PathRevocationChecker.IsSourceFailure(e)) { warnings.Add($"unreadable {what} ignored: {e.Message}"); }
        }
        return result;
    }

    // Certificates from CertificateCache are shared instances, so their BouncyCastle form is kept beside each one (and
    // goes with it): parsing it again for every path was 7 % of a XAdES B-LTA augmentation.
    private static readonly ConditionalWeakTable<X509Certificate2, BcCertificate> BcForms = new();

    internal static BcCertificate ToBc(X509Certificate2 certificate) =>
        BcForms.GetValue(certificate, c => new X509CertificateParser().ReadCertificate(c.RawData));

    // Shared from the cache: the same CA and TSA certificates are on every path (OpenSSL 3 takes ~0.1 ms to decode one).
    internal static X509Certificate2 ToDotNet(BcCertificate certificate) => CertificateCache.Get(certificate.GetEncoded());
}
