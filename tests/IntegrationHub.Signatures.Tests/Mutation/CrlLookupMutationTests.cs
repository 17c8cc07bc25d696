using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// CRL lookups on CRLs built here (survivors of the mutation run on Signatures/Revocation): only CRLs of the
/// certificate's issuer, signed by it, count; the earliest revocation wins; the reason code is named.
/// </summary>
public sealed class CrlLookupMutationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly RSA CaKey = RSA.Create(2048);
    private static readonly RSA ImpostorKey = RSA.Create(2048);
    private static readonly BcCertificate Ca = SelfSigned("CN=CRL Test CA", CaKey);
    private static readonly BcCertificate Leaf = IssueLeaf();

    private static BcCertificate SelfSigned(string name, RSA key)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return DotNetUtilities.FromX509Certificate(request.CreateSelfSigned(Now.AddYears(-5), Now.AddYears(5)));
    }

    private static BcCertificate IssueLeaf()
    {
        var request = new CertificateRequest("CN=CRL Leaf", RSA.Create(2048), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var issued = request.Create(new X500DistinguishedName("CN=CRL Test CA"),
            X509SignatureGenerator.CreateForRSA(CaKey, RSASignaturePadding.Pkcs1), Now.AddYears(-1), Now.AddYears(1), [0x21]);
        return DotNetUtilities.FromX509Certificate(issued);
    }

    private static X509Crl Crl(string issuer, RSA key, params (BigInteger Serial, DateTimeOffset At, int Reason)[] entries)
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(new X509Name(issuer));
        generator.SetThisUpdate(Now.AddDays(-1).UtcDateTime);
        generator.SetNextUpdate(Now.AddDays(6).UtcDateTime);
        foreach (var (serial, at, reason) in entries) generator.AddCrlEntry(serial, at.UtcDateTime, reason);
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", DotNetUtilities.GetRsaKeyPair(key).Private));
    }

    [Fact]
    public void The_earliest_revocation_among_the_issuers_CRLs_wins_with_its_reason()
    {
        var later = Crl("CN=CRL Test CA", CaKey, (Leaf.SerialNumber, Now.AddDays(-2), CrlReason.Superseded));
        var earlier = Crl("CN=CRL Test CA", CaKey, (Leaf.SerialNumber, Now.AddDays(-5), CrlReason.KeyCompromise));
        var found = CrlLookup.Find(Leaf, Ca, [later, earlier, later]);
        Assert.Equal((Now.AddDays(-5), "keyCompromise"), found);
    }

    [Fact]
    public void An_entry_without_reason_code_has_no_reason()
    {
        var crl = Crl("CN=CRL Test CA", CaKey, (Leaf.SerialNumber, Now.AddDays(-2), 0));
        Assert.Equal((Now.AddDays(-2), (string?)null), CrlLookup.Find(Leaf, Ca, [crl]));
    }

    [Fact]
    public void CRLs_of_another_issuer_or_not_signed_by_the_issuer_are_ignored()
    {
        var forged = Crl("CN=CRL Test CA", ImpostorKey, (Leaf.SerialNumber, Now.AddDays(-2), CrlReason.KeyCompromise));
        var otherIssuer = Crl("CN=Someone Else", CaKey, (Leaf.SerialNumber, Now.AddDays(-2), CrlReason.KeyCompromise));
        Assert.Null(CrlLookup.Find(Leaf, Ca, [forged, otherIssuer]));
        Assert.False(CrlLookup.SignedBy(forged, Ca));
        Assert.True(CrlLookup.SignedBy(otherIssuer, Ca));
    }

    [Fact]
    public void A_CRL_listing_other_serials_does_not_revoke()
    {
        var crl = Crl("CN=CRL Test CA", CaKey, (BigInteger.ValueOf(0x99), Now.AddDays(-2), CrlReason.KeyCompromise));
        Assert.Null(CrlLookup.Find(Leaf, Ca, [crl]));
    }

    [Fact]
    public void A_reason_code_that_is_not_an_enumeration_gives_no_reason_but_still_the_revocation()
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(new X509Name("CN=CRL Test CA"));
        generator.SetThisUpdate(Now.AddDays(-1).UtcDateTime);
        generator.SetNextUpdate(Now.AddDays(6).UtcDateTime);
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.ReasonCode, false, DerInteger.ValueOf(1));
        generator.AddCrlEntry(Leaf.SerialNumber, Now.AddDays(-2).UtcDateTime, extensions.Generate());
        var crl = generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", DotNetUtilities.GetRsaKeyPair(CaKey).Private));
        Assert.Equal((Now.AddDays(-2), (string?)null), CrlLookup.Find(Leaf, Ca, [crl]));
    }
}
