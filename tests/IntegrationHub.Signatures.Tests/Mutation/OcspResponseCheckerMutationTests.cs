using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using BcStatus = Org.BouncyCastle.Ocsp.CertificateStatus;
using HubStatus = IntegrationHub.Signatures.Revocation.CertificateStatus;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// OCSP response rules checked on responses built here with BouncyCastle (survivors of the mutation run on
/// Signatures/Revocation): who may sign, freshness bounds with clock skew, nonce echo, statuses and reasons.
/// </summary>
public sealed class OcspResponseCheckerMutationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly RevocationOptions Options = new();
    private static readonly byte[] Nonce = [1, 2, 3, 4, 5, 6, 7, 8];

    private sealed record Party(X509Certificate2 Dotnet, RSA Key)
    {
        public BcCertificate Bc { get; } = DotNetUtilities.FromX509Certificate(Dotnet);
    }

    private static readonly Party Ca = MakeCa("CN=OCSP Test CA");
    private static readonly Party OtherCa = MakeCa("CN=OCSP Test CA");
    private static readonly Party Leaf = Issue(Ca, "CN=Leaf", 0x10, ocspSigning: false, Now.AddYears(-1), Now.AddYears(1));
    private static readonly Party Delegated = Issue(Ca, "CN=Delegated Responder", 0x11, ocspSigning: true, Now.AddDays(-10), Now.AddDays(10));
    private static readonly Party NotDelegated = Issue(Ca, "CN=Plain Responder", 0x12, ocspSigning: false, Now.AddDays(-10), Now.AddDays(10));
    private static readonly Party ExpiredDelegate = Issue(Ca, "CN=Old Responder", 0x13, ocspSigning: true, Now.AddDays(-30), Now.AddDays(-20));
    private static readonly Party ForeignDelegate = Issue(OtherCa, "CN=Foreign Responder", 0x14, ocspSigning: true, Now.AddDays(-10), Now.AddDays(10));
    private static readonly Party BroadDelegate = Issue(Ca, "CN=Broad Responder", 0x15, ocspSigning: true, Now.AddDays(-10), Now.AddDays(10), alsoServerAuth: true);

    private static Party MakeCa(string name)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return new Party(request.CreateSelfSigned(Now.AddYears(-5), Now.AddYears(5)), key);
    }

    private static Party Issue(Party ca, string name, byte serial, bool ocspSigning, DateTimeOffset from, DateTimeOffset to,
        bool alsoServerAuth = false)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (ocspSigning)
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                alsoServerAuth ? [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.9")] : [new Oid("1.3.6.1.5.5.7.3.9")], false));
        var issued = request.Create(ca.Dotnet.SubjectName, X509SignatureGenerator.CreateForRSA(ca.Key, RSASignaturePadding.Pkcs1),
            from, to, [serial]);
        return new Party(issued, key);
    }

    private sealed record Reply
    {
        public Party Signer { get; init; } = Ca;
        public Party[] Certs { get; init; } = [];
        public BcCertificate Subject { get; init; } = Leaf.Bc;
        public BcStatus? Status { get; init; } = BcStatus.Good;
        public DateTimeOffset ThisUpdate { get; init; } = Now.AddHours(-1);
        public DateTimeOffset? NextUpdate { get; init; } = Now.AddHours(1);
        public DateTimeOffset ProducedAt { get; init; } = Now.AddHours(-1);
        public Asn1Encodable? NonceValue { get; init; } = new DerOctetString(Nonce);
        public byte[]? RawNonce { get; init; }
    }

    private static byte[] Build(Reply r)
    {
        var generator = new BasicOcspRespGenerator(new RespID(r.Signer.Bc.SubjectDN));
        var id = new CertificateID(new AlgorithmIdentifier(Org.BouncyCastle.Asn1.Oiw.OiwObjectIdentifiers.IdSha1, DerNull.Instance),
            Ca.Bc, r.Subject.SerialNumber);
        generator.AddResponse(id, r.Status, r.ThisUpdate.UtcDateTime, r.NextUpdate?.UtcDateTime, null);
        if (r.NonceValue is not null)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, r.NonceValue);
            generator.SetResponseExtensions(extensions.Generate());
        }
        else if (r.RawNonce is not null)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, r.RawNonce);
            generator.SetResponseExtensions(extensions.Generate());
        }
        var signer = new Asn1SignatureFactory("SHA256WITHRSA", DotNetUtilities.GetRsaKeyPair(r.Signer.Key).Private);
        var basic = generator.Generate(signer, r.Certs.Select(c => c.Bc).ToArray(), r.ProducedAt.UtcDateTime);
        return new OCSPRespGenerator().Generate(OcspRespStatus.Successful, basic).GetEncoded();
    }

    private static RevocationStatus Check(Reply r, DateTimeOffset? now = null, byte[]? nonce = null, RevocationOptions? options = null) =>
        OcspResponseChecker.Check(Build(r), Leaf.Bc, Ca.Bc, now ?? Now, options ?? Options, nonce ?? Nonce, "OCSP test");

    private static string Refused(Reply r, DateTimeOffset? now = null, byte[]? nonce = null, RevocationOptions? options = null) =>
        Assert.Throws<InvalidDataException>(() => Check(r, now, nonce, options)).Message;

    [Fact]
    public void A_good_answer_signed_by_the_CA_keeps_its_times_and_source()
    {
        var status = Check(new Reply());
        Assert.Equal(HubStatus.Good, status.Status);
        Assert.Equal("OCSP test", status.Source);
        Assert.Equal(Now.AddHours(-1), status.ThisUpdate);
        Assert.Equal(Now.AddHours(1), status.NextUpdate);
        Assert.Null(status.RevokedAt);
    }

    [Fact]
    public void A_revoked_answer_carries_the_revocation_time_and_reason_name()
    {
        var revokedAt = Now.AddDays(-3);
        var status = Check(new Reply { Status = new RevokedStatus(revokedAt.UtcDateTime, CrlReason.Superseded) });
        Assert.Equal(HubStatus.Revoked, status.Status);
        Assert.Equal(revokedAt, status.RevokedAt);
        Assert.Equal("superseded", status.Reason);
    }

    [Fact]
    public void A_revoked_answer_without_reason_has_no_reason()
    {
        var status = Check(new Reply { Status = new RevokedStatus(new RevokedInfo(new Asn1GeneralizedTime(Now.AddDays(-3).UtcDateTime), null)) });
        Assert.Equal(HubStatus.Revoked, status.Status);
        Assert.Null(status.Reason);
    }

    [Fact]
    public void An_unknown_answer_is_unknown()
    {
        Assert.Equal(HubStatus.Unknown, Check(new Reply { Status = new UnknownStatus() }).Status);
    }

    [Fact]
    public void Reason_codes_have_their_RFC_5280_names()
    {
        string[] names = ["unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded",
            "cessationOfOperation", "certificateHold", "reason 7", "removeFromCRL", "privilegeWithdrawn", "aACompromise", "reason 11"];
        Assert.Equal(names, Enumerable.Range(0, 12).Select(OcspResponseChecker.ReasonName));
    }

    [Fact]
    public void A_delegated_responder_with_OCSPSigning_issued_by_the_CA_is_believed()
    {
        Assert.Equal(HubStatus.Good, Check(new Reply { Signer = Delegated, Certs = [Delegated] }).Status);
    }

    [Fact]
    public void A_responder_without_OCSPSigning_is_not_believed()
    {
        Assert.Contains("not signed by the issuing CA", Refused(new Reply { Signer = NotDelegated, Certs = [NotDelegated] }));
    }

    [Fact]
    public void A_responder_delegated_by_another_CA_of_the_same_name_is_not_believed()
    {
        Assert.Contains("not signed by the issuing CA", Refused(new Reply { Signer = ForeignDelegate, Certs = [ForeignDelegate] }));
    }

    [Fact]
    public void A_delegated_responder_outside_its_validity_is_refused()
    {
        Assert.Contains("outside its validity", Refused(new Reply { Signer = ExpiredDelegate, Certs = [ExpiredDelegate] }));
    }

    [Fact]
    public void An_embedded_response_judges_the_responder_at_producedAt()
    {
        // now = null (embedded in a signature): the expired responder was valid when it produced the answer.
        var r = new Reply { Signer = ExpiredDelegate, Certs = [ExpiredDelegate], ProducedAt = Now.AddDays(-25) };
        var status = OcspResponseChecker.Check(Build(r), Leaf.Bc, Ca.Bc, null, Options, null, "embedded");
        Assert.Equal(HubStatus.Good, status.Status);
        Assert.Contains("outside its validity",
            Assert.Throws<InvalidDataException>(() => OcspResponseChecker.Check(Build(r with { ProducedAt = Now }), Leaf.Bc, Ca.Bc, null, Options, null, "embedded")).Message);
    }

    [Fact]
    public void A_delegated_certificate_listed_after_a_useless_one_still_counts()
    {
        Assert.Equal(HubStatus.Good, Check(new Reply { Signer = Delegated, Certs = [NotDelegated, Delegated] }).Status);
    }

    [Fact]
    public void ThisUpdate_in_the_future_beyond_the_skew_is_refused_and_within_it_accepted()
    {
        var skew = Options.ClockSkew;
        Assert.Contains("in the future", Refused(new Reply { ThisUpdate = Now + skew + TimeSpan.FromSeconds(2), NextUpdate = Now.AddHours(2) }));
        Assert.Equal(HubStatus.Good, Check(new Reply { ThisUpdate = Now + skew - TimeSpan.FromSeconds(2), NextUpdate = Now.AddHours(2) }).Status);
    }

    [Fact]
    public void NextUpdate_passed_beyond_the_skew_is_stale_and_within_it_accepted()
    {
        var skew = Options.ClockSkew;
        var r = new Reply { ThisUpdate = Now.AddHours(-2), NextUpdate = Now.AddHours(-1) };
        Assert.Contains("stale", Refused(r, now: Now.AddHours(-1) + skew + TimeSpan.FromSeconds(2)));
        Assert.Equal(HubStatus.Good, Check(r, now: Now.AddHours(-1) + skew - TimeSpan.FromSeconds(2)).Status);
    }

    [Fact]
    public void Without_nextUpdate_the_answer_lives_OcspMaxAge_after_thisUpdate()
    {
        var options = new RevocationOptions { OcspMaxAge = TimeSpan.FromHours(3), ClockSkew = TimeSpan.Zero };
        var r = new Reply { ThisUpdate = Now.AddHours(-1), NextUpdate = null };
        var status = Check(r, now: Now.AddHours(2) - TimeSpan.FromSeconds(1), options: options);
        Assert.Null(status.NextUpdate);
        Assert.Contains("stale", Refused(r, now: Now.AddHours(2) + TimeSpan.FromSeconds(1), options: options));
    }

    [Fact]
    public void Without_a_clock_freshness_is_not_checked()
    {
        var r = new Reply { ThisUpdate = Now.AddDays(-30), NextUpdate = Now.AddDays(-29), ProducedAt = Now.AddDays(-30) };
        Assert.Equal(HubStatus.Good, OcspResponseChecker.Check(Build(r), Leaf.Bc, Ca.Bc, null, Options, null, "embedded").Status);
    }

    [Fact]
    public void A_missing_or_different_nonce_is_refused_and_no_expected_nonce_skips_the_check()
    {
        Assert.Contains("does not echo", Refused(new Reply { NonceValue = null }));
        Assert.Contains("does not match", Refused(new Reply(), nonce: [9, 9, 9]));
        var status = OcspResponseChecker.Check(Build(new Reply { NonceValue = null }), Leaf.Bc, Ca.Bc, Now, Options, null, "x");
        Assert.Equal(HubStatus.Good, status.Status);
    }

    [Fact]
    public void A_nonce_written_raw_without_the_octet_string_wrapper_is_still_compared()
    {
        // Some responders put the nonce bytes straight into the extension value; 0x01.. is not valid DER.
        byte[] raw = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];
        var rawReply = new Reply { NonceValue = null, RawNonce = raw };
        Assert.Equal(HubStatus.Good, Check(rawReply, nonce: raw).Status);
        Assert.Contains("does not match", Refused(rawReply, nonce: [0x01, 0x02]));
    }

    [Fact]
    public void An_answer_about_another_certificate_is_refused()
    {
        Assert.Contains("does not cover", Refused(new Reply { Subject = Delegated.Bc }));
    }

    [Fact]
    public void Unsuccessful_and_malformed_responses_are_refused()
    {
        var tryLater = new OCSPRespGenerator().Generate(OcspRespStatus.TryLater, null).GetEncoded();
        Assert.Contains("responder status", Assert.Throws<InvalidDataException>(
            () => OcspResponseChecker.Check(tryLater, Leaf.Bc, Ca.Bc, Now, Options, Nonce, "x")).Message);
        Assert.Contains("malformed", Assert.Throws<InvalidDataException>(
            () => OcspResponseChecker.Check([0x30, 0x03, 0x0A, 0x01], Leaf.Bc, Ca.Bc, Now, Options, Nonce, "x")).Message);
    }

    [Fact]
    public void A_delegated_responder_with_more_purposes_than_OCSPSigning_is_believed()
    {
        Assert.Equal(HubStatus.Good, Check(new Reply { Signer = BroadDelegate, Certs = [BroadDelegate] }).Status);
    }

    [Fact]
    public void With_a_clock_the_responder_is_judged_at_that_time_not_at_producedAt()
    {
        // Valid now, not yet valid when it claims to have produced the answer: the clock decides.
        var r = new Reply { Signer = Delegated, Certs = [Delegated], ProducedAt = Now.AddDays(-15) };
        Assert.Equal(HubStatus.Good, Check(r).Status);
    }

    [Fact]
    public void A_delegated_responder_is_valid_on_the_first_and_the_last_second_of_its_validity()
    {
        // NotBefore and NotAfter are both inside the validity (RFC 5280 4.1.2.5).
        var first = Now.AddDays(-10);
        Assert.Equal(HubStatus.Good, Check(new Reply
        {
            Signer = Delegated, Certs = [Delegated], ThisUpdate = first.AddMinutes(-1), NextUpdate = first.AddHours(1),
        }, now: first).Status);
        var last = Now.AddDays(10);
        Assert.Equal(HubStatus.Good, Check(new Reply
        {
            Signer = Delegated, Certs = [Delegated], ThisUpdate = last.AddMinutes(-1), NextUpdate = last.AddHours(1),
        }, now: last).Status);
    }

    [Fact]
    public void ThisUpdate_exactly_at_the_skew_and_nextUpdate_exactly_at_the_skew_are_accepted()
    {
        var skew = Options.ClockSkew;
        Assert.Equal(HubStatus.Good, Check(new Reply { ThisUpdate = Now + skew, NextUpdate = Now.AddHours(2) }).Status);
        var r = new Reply { ThisUpdate = Now.AddHours(-2), NextUpdate = Now.AddHours(-1) };
        Assert.Equal(HubStatus.Good, Check(r, now: Now.AddHours(-1) + skew).Status);
    }
}
