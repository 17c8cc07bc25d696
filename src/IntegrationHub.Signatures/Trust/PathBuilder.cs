using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace IntegrationHub.Signatures.Trust;

/// <summary>
/// Finds candidate certification paths from a target to a trust anchor by walking issuer names
/// (RFC 5280 name chaining, compared the way X.500 compares names: case and spacing do not matter).
/// It only builds; <see cref="PkixPathCheck"/> judges each candidate. Several candidates exist when a CA
/// re-keyed or is cross-certified, so the caller tries them in order and keeps the first that passes.
/// </summary>
internal sealed class PathBuilder
{
    private const int MaxDepth = 12;
    private const int MaxPaths = 16;

    private readonly IReadOnlyList<BcCertificate> _anchors;
    private readonly IReadOnlyList<BcCertificate> _pool;

    public PathBuilder(IReadOnlyList<BcCertificate> anchors, IReadOnlyList<BcCertificate> pool)
    {
        _anchors = anchors;
        // An anchor that also sits in the pool is used as an anchor, never as an intermediate.
        _pool = pool.Where(c => !anchors.Any(a => a.Equals(c))).ToList();
    }

    /// <summary>Candidate paths, each target first and ending with the anchor's certificate.</summary>
    public IReadOnlyList<IReadOnlyList<BcCertificate>> Build(BcCertificate target)
    {
        var results = new List<IReadOnlyList<BcCertificate>>();
        Walk([target], results);
        return results;
    }

    private void Walk(List<BcCertificate> path, List<IReadOnlyList<BcCertificate>> results)
    {
        if (results.Count >= MaxPaths) return;
        var last = path[^1];
        foreach (var anchor in Rank(last, _anchors))
        {
            results.Add([.. path, anchor]);
        }
        if (path.Count >= MaxDepth) return;
        foreach (var issuer in Rank(last, _pool))
        {
            if (path.Any(p => p.Equals(issuer))) continue;
            path.Add(issuer);
            Walk(path, results);
            path.RemoveAt(path.Count - 1);
            if (results.Count >= MaxPaths) return;
        }
    }

    /// <summary>Certificates named as the issuer of <paramref name="child"/>, those whose key id matches first.</summary>
    private static IEnumerable<BcCertificate> Rank(BcCertificate child, IEnumerable<BcCertificate> candidates)
    {
        var wantedKeyId = AuthorityKeyId(child);
        return candidates
            .Where(c => c.SubjectDN.Equivalent(child.IssuerDN, true))
            .OrderBy(c => wantedKeyId is not null && SubjectKeyId(c) is { } id && id.SequenceEqual(wantedKeyId) ? 0 : 1);
    }

    private static byte[]? AuthorityKeyId(BcCertificate certificate)
    {
        var value = certificate.GetExtensionValue(X509Extensions.AuthorityKeyIdentifier);
        if (value is null) return null;
        try { return AuthorityKeyIdentifier.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).KeyIdentifier?.GetOctets(); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException) { return null; }
    }

    private static byte[]? SubjectKeyId(BcCertificate certificate)
    {
        var value = certificate.GetExtensionValue(X509Extensions.SubjectKeyIdentifier);
        if (value is null) return null;
        try { return Asn1OctetString.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).GetOctets(); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException) { return null; }
    }
}
