using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using X509Extension = System.Security.Cryptography.X509Certificates.X509Extension;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// Revocation of a two-certificate path with CRLs and OCSP responses made here (survivors of the mutation run on
/// Signatures/Revocation): a revocation dated after the check time still counts, an OCSP answer for every certificate
/// needs no CRL, and an undetermined status names the first problem.
/// </summary>
public sealed class PathRevocationCheckerMutationTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly RSA CaKey = RSA.Create(2048);
    private static readonly X509Certificate2 Ca = MakeCa();
    private static readonly BcCertificate CaBc = DotNetUtilities.FromX509Certificate(Ca);
    private static readonly BcCertificate Leaf = IssueLeaf(null);
    private const string DeadUrl = "http://127.0.0.1:9/pki/";

    private static X509Certificate2 MakeCa()
    {
        var request = new CertificateRequest("CN=Path Revocation CA", CaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(T.AddYears(-5), T.AddYears(5));
    }

    private static BcCertificate IssueLeaf(params X509Extension[]? extensions)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Path Revocation Leaf", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        foreach (var extension in extensions ?? []) request.CertificateExtensions.Add(extension);
        using var issued = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(CaKey, RSASignaturePadding.Pkcs1),
            T.AddYears(-1), T.AddYears(1), [0x42]);
        return DotNetUtilities.FromX509Certificate(issued);
    }

    private static X509Crl Crl(DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, DateTimeOffset? revokedAt = null, int reason = CrlReason.KeyCompromise)
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(CaBc.SubjectDN);
        generator.SetThisUpdate(thisUpdate.UtcDateTime);
        generator.SetNextUpdate(nextUpdate.UtcDateTime);
        if (revokedAt is { } at) generator.AddCrlEntry(Leaf.SerialNumber, at.UtcDateTime, reason);
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", DotNetUtilities.GetRsaKeyPair(CaKey).Private));
    }

    private static byte[] GoodOcsp(BcCertificate certificate)
    {
        var generator = new BasicOcspRespGenerator(new RespID(CaBc.SubjectDN));
        var id = new CertificateID(new AlgorithmIdentifier(Org.BouncyCastle.Asn1.Oiw.OiwObjectIdentifiers.IdSha1, DerNull.Instance),
            CaBc, certificate.SerialNumber);
        generator.AddResponse(id, Org.BouncyCastle.Ocsp.CertificateStatus.Good, T.AddHours(-1).UtcDateTime, T.AddHours(1).UtcDateTime, null);
        var basic = generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", DotNetUtilities.GetRsaKeyPair(CaKey).Private), null, T.AddHours(-1).UtcDateTime);
        return new OCSPRespGenerator().Generate(OcspRespStatus.Successful, basic).GetEncoded();
    }

    private static Task<PathRevocationResult> Check(
        BcCertificate leaf, List<X509Crl> crls, IReadOnlyList<byte[]>? carriedOcsp = null, DateTimeOffset? later = null,
        HttpClient? http = null)
    {
        var options = new RevocationOptions { HttpTimeout = TimeSpan.FromSeconds(5) };
        var clock = new FakeTimeProvider(T);
        var checker = new PathRevocationChecker(options,
            http is null ? null : new OcspClient(http, clock, options), http is null ? null : new CrlDownloader(http, clock, options));
        return checker.CheckAsync([leaf, CaBc], T.UtcDateTime, (later ?? T).UtcDateTime, [], crls, carriedOcsp ?? [], CancellationToken.None);
    }

    [Fact]
    public async Task A_current_CRL_not_listing_the_certificate_makes_it_good()
    {
        var result = await Check(Leaf, [Crl(T.AddDays(-1), T.AddDays(6))]);
        Assert.Equal(RevocationVerdict.Good, result.Verdict);
        Assert.Equal(-1, result.Index);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task A_revocation_dated_after_the_check_time_still_revokes_and_says_it_was_found_after_that_time()
    {
        // Good at T by RFC 5280 (the entry is later than T and, superseded, does not reach back as a key compromise
        // would), but a time that is only claimed must not hide it.
        var result = await Check(Leaf, [Crl(T.AddDays(-1), T.AddDays(6), revokedAt: T.AddHours(1), reason: CrlReason.Superseded)]);
        Assert.Equal(RevocationVerdict.Revoked, result.Verdict);
        Assert.Equal(0, result.Index);
        Assert.Equal(T.AddHours(1), result.RevokedAt);
        Assert.Equal("superseded", result.Reason);
        // The hub's own CRL check (RFC 5280 6.3) names the revocation found after the check time.
        Assert.StartsWith("certificate revocation after", result.Message);
    }

    [Fact]
    public async Task A_later_removeFromCRL_entry_does_not_revoke()
    {
        var result = await Check(Leaf, [Crl(T.AddDays(-1), T.AddDays(6), revokedAt: T.AddHours(1), reason: CrlReason.RemoveFromCrl)]);
        Assert.Equal(RevocationVerdict.Good, result.Verdict);
        Assert.Equal(-1, result.Index);
    }

    [Fact]
    public async Task An_OCSP_answer_for_every_certificate_needs_no_CRL()
    {
        var result = await Check(Leaf, [], carriedOcsp: [GoodOcsp(Leaf)]);
        Assert.Equal(RevocationVerdict.Good, result.Verdict);
        Assert.Equal(-1, result.Index);
    }

    [Fact]
    public async Task No_source_at_all_is_undetermined_saying_so()
    {
        var result = await Check(Leaf, []);
        Assert.Equal(RevocationVerdict.Undetermined, result.Verdict);
        Assert.Equal(0, result.Index);
        Assert.Contains("revocation status unknown: no CRL or OCSP response covers it", result.Message);
    }

    [Fact]
    public async Task A_certificate_naming_no_responder_is_not_asked_about_over_OCSP()
    {
        using var http = new HttpClient();
        var result = await Check(Leaf, [Crl(T.AddDays(-1), T.AddDays(6))], http: http);
        Assert.Equal(RevocationVerdict.Good, result.Verdict);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task An_unreachable_responder_and_distribution_point_are_named_the_OCSP_problem_first()
    {
        var leaf = IssueLeaf(
            new X509AuthorityInformationAccessExtension([DeadUrl + "ocsp"], [], false),
            CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([DeadUrl + "a.crl", DeadUrl + "b.crl"]));
        using var http = new HttpClient();
        var result = await Check(leaf, [], http: http);
        Assert.Equal(RevocationVerdict.Undetermined, result.Verdict);
        Assert.Contains("revocation status unknown: OCSP: ", result.Message);
        Assert.Equal(3, result.Warnings.Count);
        Assert.Contains(result.Warnings, w => w.Contains("OCSP gave no usable answer"));
        Assert.Contains(result.Warnings, w => w.Contains($"CRL {DeadUrl}b.crl unavailable"));
    }

    [Fact]
    public async Task An_unreachable_distribution_point_is_named_when_it_is_the_only_source()
    {
        var leaf = IssueLeaf(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([DeadUrl + "a.crl", DeadUrl + "b.crl"]));
        using var http = new HttpClient();
        var result = await Check(leaf, [], http: http);
        Assert.Equal(RevocationVerdict.Undetermined, result.Verdict);
        Assert.Contains($"revocation status unknown: CRL {DeadUrl}a.crl: ", result.Message);
    }
}
