using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Trust;

/// <summary>
/// A fast answer for the common, plain case, with .NET's certificates only (no BouncyCastle: its type loading and the
/// anchor conversion are ~60 ms of a `hub verify` process). It can only say TOTAL_PASSED, and says it only when the
/// full path (<see cref="PathBuilder"/> + <see cref="PathEvaluation"/>) would say exactly the same: one candidate path
/// at every step, every certificate valid at the time, signatures by RSA PKCS#1 v1.5 (SHA-1 or SHA-2) or ECDSA (SHA-2), no extension
/// beyond a short list that BouncyCastle's RFC 5280 run handles without any effect on a passing path (well-formed
/// certificate policies but no policy constraints, mappings or inhibitors, no name constraints, nothing unknown or critical but basic constraints and key usage), CA certificates marked as CAs
/// with key-cert-sign, no revocation data in play, and the crypto policy and the target's key usage satisfied.
/// Anything else returns null and the full path runs, so every failure keeps its full-path words.
/// Tests (ShortPathCheckTests) compare both on the sample PKI and on all of PKITS.
/// </summary>
internal static class ShortPathCheck
{
    private const int MaxDepth = 8;
    private const string BasicConstraints = "2.5.29.19", KeyUsage = "2.5.29.15", CertificatePolicies = "2.5.29.32";

    /// <summary>Extensions allowed when not critical (besides basic constraints and key usage, allowed either way).</summary>
    private static readonly HashSet<string> PlainExtensions =
    [
        "2.5.29.14", // subject key identifier
        "2.5.29.35", // authority key identifier
        "2.5.29.17", // subject alternative name
        "2.5.29.18", // issuer alternative name
        "2.5.29.37", // extended key usage
        "2.5.29.31", // CRL distribution points
        "1.3.6.1.5.5.7.1.1", // authority information access
    ];

    /// <summary>Certificate signature algorithms taken here (the AlgorithmIdentifier DER must match one exactly).</summary>
    private static readonly (byte[] Der, SignatureAlgorithm Algorithm, HashAlgorithmName Digest)[] Algorithms =
    [
        // SHA-1 as BouncyCastle takes it (the crypto policy, when given, is what refuses it; then the full path runs).
        (AlgorithmDer("1.2.840.113549.1.1.5", withNull: true), SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.5"), HashAlgorithmName.SHA1),
        (AlgorithmDer("1.2.840.113549.1.1.11", withNull: true), SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.11"), HashAlgorithmName.SHA256),
        (AlgorithmDer("1.2.840.113549.1.1.12", withNull: true), SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.12"), HashAlgorithmName.SHA384),
        (AlgorithmDer("1.2.840.113549.1.1.13", withNull: true), SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.13"), HashAlgorithmName.SHA512),
        (AlgorithmDer("1.2.840.10045.4.3.2", withNull: false), SignatureAlgorithm.Ecdsa("1.2.840.10045.4.3.2"), HashAlgorithmName.SHA256),
        (AlgorithmDer("1.2.840.10045.4.3.3", withNull: false), SignatureAlgorithm.Ecdsa("1.2.840.10045.4.3.3"), HashAlgorithmName.SHA384),
        (AlgorithmDer("1.2.840.10045.4.3.4", withNull: false), SignatureAlgorithm.Ecdsa("1.2.840.10045.4.3.4"), HashAlgorithmName.SHA512),
    ];

    private static readonly HashSet<string> KeyAlgorithms = ["1.2.840.113549.1.1.1", "1.2.840.10045.2.1"];

    /// <summary>
    /// The passing result, or null when the full path must decide. <paramref name="anchors"/> and <paramref name="pool"/>
    /// are the validator's anchors and its untrusted certificates plus the request's extra ones.
    /// </summary>
    public static PathValidationResult? TryPass(
        X509Certificate2 target, IReadOnlyList<X509Certificate2> anchors, IEnumerable<X509Certificate2> pool,
        PathValidationRequest request, ICertificateAlgorithmPolicy? policy)
    {
        try { return Run(target, anchors, pool, request, policy); }
        catch (Exception e) when (e is CryptographicException or AsnContentException or FormatException or ArgumentException)
        {
            return null; // Something unusual in a certificate: the full path has the words for it.
        }
    }

    private static PathValidationResult? Run(
        X509Certificate2 target, IReadOnlyList<X509Certificate2> anchors, IEnumerable<X509Certificate2> pool,
        PathValidationRequest request, ICertificateAlgorithmPolicy? policy)
    {
        // As PathBuilder: an anchor that also sits in the pool is only an anchor; the same certificate twice is one.
        var intermediates = new List<X509Certificate2>();
        foreach (var c in pool)
            if (!anchors.Any(a => SameDer(a, c)) && !intermediates.Any(i => SameDer(i, c))) intermediates.Add(c);

        var at = request.At.UtcDateTime;
        var chain = new List<X509Certificate2> { target };
        while (true)
        {
            if (chain.Count > MaxDepth) return null;
            var child = chain[^1];
            // Exactly one possible issuer among anchors and pool, by a loose name match (looser than PathBuilder's, so
            // whenever it found two candidates this finds them too), and that one must match byte for byte.
            var issuerName = LooseName(child.IssuerName);
            X509Certificate2? issuer = null;
            var isAnchor = false;
            foreach (var (candidate, anchor) in anchors.Select(a => (a, true)).Concat(intermediates.Select(i => (i, false))))
            {
                if (LooseName(candidate.SubjectName) != issuerName) continue;
                if (issuer is not null) return null;
                (issuer, isAnchor) = (candidate, anchor);
            }
            if (issuer is null || !issuer.SubjectName.RawData.AsSpan().SequenceEqual(child.IssuerName.RawData)) return null;
            if (!isAnchor && chain.Any(c => SameDer(c, issuer))) return null;
            if (!Plain(child, at) || !SignedBy(child, issuer)) return null;
            chain.Add(issuer);
            if (isAnchor) break;
        }

        // The anchor: held to more than RFC 5280 asks (valid now, a CA that may sign certificates); never less.
        var root = chain[^1];
        if (!HasOnlyPlainExtensions(root) || !ValidAt(root, at) || !IsCa(root, out var rootPathLength) || !MaySignCertificates(root)) return null;
        if (rootPathLength is { } rootLimit && chain.Count - 2 > rootLimit) return null;

        // The CA certificates between target and anchor: CAs allowed to sign certificates, path length respected.
        for (var i = 1; i < chain.Count - 1; i++)
        {
            if (!IsCa(chain[i], out var pathLength) || !MaySignCertificates(chain[i])) return null;
            // CA certificates below this one (self-issued ones do not count, and none is self-issued here: names chain).
            if (pathLength is { } limit && i - 1 > limit) return null;
        }

        for (var i = 0; i < chain.Count - 1 && policy is not null; i++)
            if (policy.Check(chain[i], i, request.At) is not null) return null;
        if (request.RequiredKeyUsage is { } wanted && target.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
            && (usage.KeyUsages & wanted) == 0)
            return null;

        return new PathValidationResult(Indication.TotalPassed, null, chain, null, [],
            ["revocation not checked: no CRL given or carried, and OCSP / CRL download not enabled"]);
    }

    /// <summary>A version 3 certificate, valid at the time, with only the plain extensions.</summary>
    private static bool Plain(X509Certificate2 certificate, DateTime at) =>
        certificate.Version == 3 && ValidAt(certificate, at) && HasOnlyPlainExtensions(certificate);

    private static bool ValidAt(X509Certificate2 certificate, DateTime at) =>
        at >= certificate.NotBefore.ToUniversalTime() && at <= certificate.NotAfter.ToUniversalTime();

    private static bool HasOnlyPlainExtensions(X509Certificate2 certificate)
    {
        var seen = new HashSet<string>();
        foreach (var extension in certificate.Extensions)
        {
            var oid = extension.Oid?.Value;
            if (oid is null || !seen.Add(oid)) return false;
            if (oid is BasicConstraints or KeyUsage) continue;
            if (extension.Critical) return false;
            // With `hub`'s policy inputs (any policy, no explicit policy required, and no policy constraints, mappings or
            // inhibitors on the path) well-formed policies cannot fail a path.
            if (oid == CertificatePolicies) { if (!WellFormedPolicies(extension.RawData)) return false; }
            else if (!PlainExtensions.Contains(oid)) return false;
        }
        return true;
    }

    /// <summary>certificatePolicies: SEQUENCE OF PolicyInformation { OID, SEQUENCE OF { OID, ANY } OPTIONAL }, each OID once.</summary>
    private static bool WellFormedPolicies(byte[] der)
    {
        var policies = new AsnReader(der, AsnEncodingRules.DER);
        var list = policies.ReadSequence();
        policies.ThrowIfNotEmpty();
        var seen = new HashSet<string>();
        if (!list.HasData) return false;
        while (list.HasData)
        {
            var information = list.ReadSequence();
            if (!seen.Add(information.ReadObjectIdentifier())) return false;
            if (information.HasData)
            {
                var qualifiers = information.ReadSequence();
                if (!qualifiers.HasData) return false;
                while (qualifiers.HasData)
                {
                    var qualifier = qualifiers.ReadSequence();
                    qualifier.ReadObjectIdentifier();
                    qualifier.ReadEncodedValue();
                    qualifier.ThrowIfNotEmpty();
                }
            }
            information.ThrowIfNotEmpty();
        }
        return true;
    }

    private static bool IsCa(X509Certificate2 certificate, out int? pathLength)
    {
        pathLength = null;
        if (certificate.Extensions[BasicConstraints] is not X509BasicConstraintsExtension constraints || !constraints.CertificateAuthority) return false;
        if (constraints.HasPathLengthConstraint) pathLength = constraints.PathLengthConstraint;
        return true;
    }

    private static bool MaySignCertificates(X509Certificate2 certificate) =>
        certificate.Extensions[KeyUsage] is not X509KeyUsageExtension usage || (usage.KeyUsages & X509KeyUsageFlags.KeyCertSign) != 0;

    /// <summary>The certificate's signature verifies with the issuer's key (same AlgorithmIdentifier inside and outside).</summary>
    private static bool SignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        if (!KeyAlgorithms.Contains(issuer.PublicKey.Oid.Value ?? "")) return false;
        var reader = new AsnReader(certificate.RawDataMemory, AsnEncodingRules.DER);
        var outer = reader.ReadSequence();
        var tbs = outer.ReadEncodedValue();
        var algorithm = outer.ReadEncodedValue();
        var signature = outer.ReadBitString(out var unusedBits);
        outer.ThrowIfNotEmpty();
        reader.ThrowIfNotEmpty();
        if (unusedBits != 0) return false;

        var tbsReader = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
        if (tbsReader.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0))) tbsReader.ReadEncodedValue(); // version
        tbsReader.ReadEncodedValue(); // serial number
        if (!tbsReader.ReadEncodedValue().Span.SequenceEqual(algorithm.Span)) return false;

        foreach (var (der, signatureAlgorithm, digest) in Algorithms)
        {
            if (!algorithm.Span.SequenceEqual(der)) continue;
            return PublicKeys.Verify(issuer, signatureAlgorithm, digest, Cms.CmsOids.Hash(digest, tbs.Span), signature);
        }
        return false;
    }

    private static bool SameDer(X509Certificate2 a, X509Certificate2 b) => a.RawDataMemory.Span.SequenceEqual(b.RawDataMemory.Span);

    /// <summary>The name without case or any white space: two names PathBuilder takes as one are equal here too.</summary>
    private static string LooseName(X500DistinguishedName name) =>
        string.Concat(name.Decode(X500DistinguishedNameFlags.None).Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    private static byte[] AlgorithmDer(string oid, bool withNull)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (withNull) writer.WriteNull();
        }
        return writer.Encode();
    }
}
