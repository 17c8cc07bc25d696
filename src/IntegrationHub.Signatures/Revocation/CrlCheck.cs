using IntegrationHub.Signatures.Trust;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using BcCrl = Org.BouncyCastle.X509.X509Crl;

namespace IntegrationHub.Signatures.Revocation;

/// <summary>What the CRLs say about one certificate at one time.</summary>
internal sealed record CrlStatus(RevocationVerdict Verdict, DateTimeOffset? RevokedAt, string? Reason, string? Message)
{
    public static readonly CrlStatus Good = new(RevocationVerdict.Good, null, null, null);
}

/// <summary>
/// RFC 5280 section 6.3 CRL processing for one certificate of a path, done here rather than by BouncyCastle's PKIX
/// validator because that one refuses any validation time after the machine's clock ("Validation time is in future"),
/// and a long-term engine validates at the time its TimeProvider gives. Covered: distribution points and issuing
/// distribution points (names, only-user/only-CA/only-attribute, reason partitions), indirect CRLs (cRLIssuer and
/// certificateIssuer entries), delta CRLs, critical extensions, a CRL issuer with its own certificate (its path is
/// validated to the same anchor, revocation included), and currency (thisUpdate &lt;= time &lt; nextUpdate).
/// Every listed entry counts whatever its date; the caller weighs the revocation date against the validation time.
/// </summary>
internal sealed class CrlCheck(IReadOnlyList<BcCertificate> known, IReadOnlyList<BcCrl> crls)
{
    private const int MaxDepth = 4;

    private static readonly int AllReasons =
        ReasonFlags.Unused | ReasonFlags.KeyCompromise | ReasonFlags.CACompromise | ReasonFlags.AffiliationChanged
        | ReasonFlags.Superseded | ReasonFlags.CessationOfOperation | ReasonFlags.CertificateHold
        | ReasonFlags.PrivilegeWithdrawn | ReasonFlags.AACompromise;

    private static readonly HashSet<string> KnownCrlExtensions =
    [
        X509Extensions.AuthorityKeyIdentifier.Id, X509Extensions.IssuerAlternativeName.Id, X509Extensions.CrlNumber.Id,
        X509Extensions.DeltaCrlIndicator.Id, X509Extensions.IssuingDistributionPoint.Id, X509Extensions.FreshestCrl.Id,
        X509Extensions.AuthorityInfoAccess.Id,
    ];

    private static readonly HashSet<string> KnownEntryExtensions =
    [
        X509Extensions.ReasonCode.Id, X509Extensions.InvalidityDate.Id, X509Extensions.CertificateIssuer.Id,
        X509Extensions.InstructionCode.Id,
    ];

    /// <param name="path">Target first, the anchor's certificate last.</param>
    /// <param name="index">The certificate of <paramref name="path"/> to check; its issuer is the next one.</param>
    public CrlStatus Check(IReadOnlyList<BcCertificate> path, int index, DateTime atUtc) =>
        PkixPathCheck.WithoutMillerRabin(() => Check(path, index, atUtc, 0));

    private CrlStatus Check(IReadOnlyList<BcCertificate> path, int index, DateTime at, int depth)
    {
        var certificate = path[index];
        var issuer = path[index + 1];
        var reasons = 0;
        var problems = new List<string>();
        foreach (var point in DistributionPoints(certificate))
        {
            foreach (var crl in crls)
            {
                if ((reasons & AllReasons) == AllReasons) break;
                if (IsDelta(crl)) continue;
                var problem = Usable(crl, point, certificate, at);
                if (problem is not null) { problems.Add(problem); continue; }
                var interim = Reasons(point.Reasons) & Reasons(IssuingPoint(crl)?.OnlySomeReasons);
                if ((interim & ~reasons & AllReasons) == 0) continue;
                var key = SignerKey(crl, path, issuer, at, depth);
                if (key is null) { problems.Add($"CRL of \"{crl.IssuerDN}\" ({Utc(crl.ThisUpdate):O}): no valid CRL signing certificate"); continue; }
                var delta = Delta(crl, key, at);

                // RFC 5280 6.3.3 (i)-(k): the delta speaks first, and its removeFromCRL lifts a hold the complete CRL lists.
                var entry = (delta is null ? null : Entry(delta, certificate)) ?? Entry(crl, certificate);
                if (entry is not null && Reason(entry) == "removeFromCRL") entry = null;
                if (entry is not null)
                    return new(RevocationVerdict.Revoked, Utc(entry.RevocationDate), Reason(entry),
                        $"certificate revocation after {Utc(entry.RevocationDate):O}, reason: {Reason(entry) ?? "unspecified"}");
                reasons |= interim;
            }
        }
        if ((reasons & AllReasons) == AllReasons) return CrlStatus.Good;
        var why = problems.Count > 0 ? string.Join("; ", problems.Distinct()) : "no CRL of its issuer";
        return new(RevocationVerdict.Undetermined, null, null,
            reasons == 0 ? $"no valid CRL found: {why}" : $"the CRLs found do not cover every revocation reason: {why}");
    }

    /// <summary>The certificate's distribution points; without the extension, one naming its issuer (as BouncyCastle does).</summary>
    private static IEnumerable<DistributionPoint> DistributionPoints(BcCertificate certificate)
    {
        var value = certificate.GetExtensionValue(X509Extensions.CrlDistributionPoints);
        if (value is not null) return CrlDistPoint.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).GetDistributionPoints();
        var issuerName = new GeneralNames(new GeneralName(certificate.IssuerDN));
        return [new DistributionPoint(new DistributionPointName(DistributionPointName.FullName, issuerName), null, null)];
    }

    /// <summary>Null when the complete CRL may answer for the certificate through this distribution point, else why not.</summary>
    private static string? Usable(BcCrl crl, DistributionPoint point, BcCertificate certificate, DateTime at)
    {
        var name = $"CRL of \"{crl.IssuerDN}\" ({Utc(crl.ThisUpdate):O})";
        if (!Current(crl, at)) return $"{name} is not current at {Utc(at):O}";
        // A CRL issued after the certificate expired need not list it any more.
        if (crl.ThisUpdate > certificate.NotAfter) return $"{name} was issued after the certificate expired";
        if (UnknownCritical(crl.GetCriticalExtensionOids(), KnownCrlExtensions) is { } oid) return $"{name} has an unknown critical extension {oid}";
        foreach (var entry in crl.GetRevokedCertificates() ?? Enumerable.Empty<Org.BouncyCastle.X509.X509CrlEntry>())
            if (UnknownCritical(entry.GetCriticalExtensionOids(), KnownEntryExtensions) is { } entryOid)
                return $"{name} has an entry with an unknown critical extension {entryOid}";

        var idp = IssuingPoint(crl);
        if (point.CrlIssuer is { } crlIssuers)
        {
            if (idp is null || !idp.IsIndirectCrl) return $"{name} is not an indirect CRL, but the distribution point names a CRL issuer";
            if (!crlIssuers.GetNames().Any(n => n.TagNo == GeneralName.DirectoryName && X509Name.GetInstance(n.Name).Equivalent(crl.IssuerDN, true)))
                return $"{name}: its issuer is not the distribution point's CRL issuer";
        }
        else if (!crl.IssuerDN.Equivalent(certificate.IssuerDN, true))
            return $"{name}: not issued by the certificate's issuer";

        if (idp is null) return null;
        if (idp.DistributionPoint is { } idpName)
        {
            var idpNames = FullNames(idpName, [new GeneralName(crl.IssuerDN)]);
            var pointNames = point.DistributionPointName is { } pointName
                ? FullNames(pointName, point.CrlIssuer?.GetNames() ?? [new GeneralName(certificate.IssuerDN)])
                : point.CrlIssuer?.GetNames() ?? [];
            if (!idpNames.Any(a => pointNames.Any(b => SameName(a, b))))
                return $"{name}: its issuing distribution point does not match the certificate's distribution point";
        }
        var isCa = certificate.GetBasicConstraints() >= 0;
        if (idp.OnlyContainsUserCerts && isCa) return $"{name} covers only end-entity certificates";
        if (idp.OnlyContainsCACerts && !isCa) return $"{name} covers only CA certificates";
        if (idp.OnlyContainsAttributeCerts) return $"{name} covers only attribute certificates";
        return null;
    }

    /// <summary>
    /// The key that signed the CRL, when it belongs to a certificate allowed to sign CRLs for this path: one of the path's
    /// own certificates (validated with it), or one whose own path to the same anchor validates, revocation included.
    /// </summary>
    private Org.BouncyCastle.Crypto.AsymmetricKeyParameter? SignerKey(
        BcCrl crl, IReadOnlyList<BcCertificate> path, BcCertificate issuer, DateTime at, int depth)
    {
        var candidates = new List<BcCertificate> { issuer };
        candidates.AddRange(path.Concat(known).Where(c => !candidates.Contains(c)));
        foreach (var candidate in candidates)
        {
            if (!candidate.SubjectDN.Equivalent(crl.IssuerDN, true) || !MaySignCrls(candidate)) continue;
            var candidatePath = path.Contains(candidate)
                ? path.Skip(path.ToList().IndexOf(candidate)).ToList()
                : depth < MaxDepth ? ValidPath(candidate, path[^1], at, depth + 1) : null;
            if (candidatePath is null) continue;
            var key = WorkingKey(candidatePath);
            if (Verifies(crl, key)) return key;
        }
        return null;
    }

    /// <summary>A path from the signer to the anchor that validates, revocation included; null when none does.</summary>
    private IReadOnlyList<BcCertificate>? ValidPath(BcCertificate signer, BcCertificate anchor, DateTime at, int depth)
    {
        foreach (var candidate in new PathBuilder([anchor], known).Build(signer))
        {
            if (!PkixPathCheck.Run(candidate, at, known).Passed) continue;
            var allGood = true;
            for (var i = 0; i < candidate.Count - 1 && allGood; i++)
                allGood = Check(candidate, i, at, depth).Verdict == RevocationVerdict.Good;
            if (allGood) return candidate;
        }
        return null;
    }

    /// <summary>The first certificate's key, with DSA parameters inherited from up the path when it has none (RFC 5280 6.1.4 (f)).</summary>
    private static Org.BouncyCastle.Crypto.AsymmetricKeyParameter WorkingKey(IReadOnlyList<BcCertificate> path)
    {
        var key = path[0].GetPublicKey();
        if (key is not Org.BouncyCastle.Crypto.Parameters.DsaPublicKeyParameters { Parameters: null } dsa) return key;
        foreach (var above in path.Skip(1))
            if (above.GetPublicKey() is Org.BouncyCastle.Crypto.Parameters.DsaPublicKeyParameters { Parameters: { } inherited })
                return new Org.BouncyCastle.Crypto.Parameters.DsaPublicKeyParameters(dsa.Y, inherited);
        return key;
    }

    private static bool Verifies(BcCrl crl, Org.BouncyCastle.Crypto.AsymmetricKeyParameter key)
    {
        try { crl.Verify(key); return true; }
        catch (Exception e) when (e is Org.BouncyCastle.Security.GeneralSecurityException or ArgumentException
                                      or InvalidOperationException or Org.BouncyCastle.Crypto.CryptoException) { return false; }
    }

    /// <summary>The newest current delta CRL for this complete CRL: same issuer, key and scope, based on it or an earlier one.</summary>
    private BcCrl? Delta(BcCrl complete, Org.BouncyCastle.Crypto.AsymmetricKeyParameter key, DateTime at)
    {
        var completeNumber = Number(complete, X509Extensions.CrlNumber);
        if (completeNumber is null) return null;
        var scope = complete.GetExtensionValue(X509Extensions.IssuingDistributionPoint)?.GetOctets();
        BcCrl? best = null;
        foreach (var crl in crls)
        {
            if (Number(crl, X509Extensions.DeltaCrlIndicator) is not { } baseNumber || baseNumber.CompareTo(completeNumber) > 0) continue;
            if (Number(crl, X509Extensions.CrlNumber) is not { } number || number.CompareTo(completeNumber) <= 0) continue;
            if (!crl.IssuerDN.Equivalent(complete.IssuerDN, true) || !Current(crl, at)) continue;
            if (UnknownCritical(crl.GetCriticalExtensionOids(), KnownCrlExtensions) is not null) continue;
            var deltaScope = crl.GetExtensionValue(X509Extensions.IssuingDistributionPoint)?.GetOctets();
            if (!(scope ?? []).AsSpan().SequenceEqual(deltaScope ?? [])) continue;
            if (!Verifies(crl, key)) continue;
            if (best is null || number.CompareTo(Number(best, X509Extensions.CrlNumber)) > 0) best = crl;
        }
        return best;
    }

    /// <summary>The certificate's entry, with an indirect CRL's certificateIssuer taken into account.</summary>
    private static Org.BouncyCastle.X509.X509CrlEntry? Entry(BcCrl crl, BcCertificate certificate)
    {
        foreach (var entry in crl.GetRevokedCertificates() ?? Enumerable.Empty<Org.BouncyCastle.X509.X509CrlEntry>())
        {
            if (!entry.SerialNumber.Equals(certificate.SerialNumber)) continue;
            var entryIssuer = entry.GetCertificateIssuer() ?? crl.IssuerDN;
            if (entryIssuer.Equivalent(certificate.IssuerDN, true)) return entry;
        }
        return null;
    }

    private static bool IsDelta(BcCrl crl) => crl.GetExtensionValue(X509Extensions.DeltaCrlIndicator) is not null;

    private static bool Current(BcCrl crl, DateTime at) =>
        crl.ThisUpdate <= at && crl.NextUpdate is { } next && at < next;

    private static bool MaySignCrls(BcCertificate certificate) => certificate.GetKeyUsage() is not { } usage || (usage.Length > 6 && usage[6]);

    private static string? UnknownCritical(IEnumerable<string>? critical, HashSet<string> knownOids) =>
        critical?.FirstOrDefault(oid => !knownOids.Contains(oid));

    private static IssuingDistributionPoint? IssuingPoint(BcCrl crl) =>
        crl.GetExtensionValue(X509Extensions.IssuingDistributionPoint) is { } value
            ? IssuingDistributionPoint.GetInstance(Asn1Object.FromByteArray(value.GetOctets()))
            : null;

    private static int Reasons(ReasonFlags? flags) => flags is null ? AllReasons : flags.IntValue;

    private static BigInteger? Number(BcCrl crl, DerObjectIdentifier oid) =>
        crl.GetExtensionValue(oid) is { } value ? DerInteger.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).Value : null;

    /// <summary>A distribution point name as full names; a name relative to the CRL issuer is appended to each issuer name.</summary>
    private static GeneralName[] FullNames(DistributionPointName name, GeneralName[] issuers)
    {
        if (name.Type == DistributionPointName.FullName) return GeneralNames.GetInstance(name.Name).GetNames();
        return issuers.Where(i => i.TagNo == GeneralName.DirectoryName).Select(i =>
        {
            var rdns = Asn1Sequence.GetInstance(X509Name.GetInstance(i.Name).ToAsn1Object());
            var vector = new Asn1EncodableVector();
            foreach (var rdn in rdns) vector.Add(rdn);
            vector.Add(name.Name);
            return new GeneralName(X509Name.GetInstance(new DerSequence(vector)));
        }).ToArray();
    }

    private static bool SameName(GeneralName a, GeneralName b)
    {
        if (a.TagNo != b.TagNo) return false;
        if (a.TagNo == GeneralName.DirectoryName) return X509Name.GetInstance(a.Name).Equivalent(X509Name.GetInstance(b.Name), true);
        return a.Name.ToAsn1Object().Equals(b.Name.ToAsn1Object());
    }

    private static string? Reason(Org.BouncyCastle.X509.X509CrlEntry entry) => CrlLookup.Reason(entry);

    private static DateTimeOffset Utc(DateTime value) => OcspResponseChecker.Utc(value);
}
