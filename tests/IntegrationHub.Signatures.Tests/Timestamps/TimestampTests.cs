using System.Security.Cryptography;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Tests.Validation;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Validation;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Timestamps;

[Collection(PkiCollection.Name)]
public sealed class TimestampTests(TestPki pki)
{
    private static readonly byte[] Document = SignedFiles.Content;
    private readonly FakePathValidator _paths = new();

    private static SigningParameters BT(DateTimeOffset at) => new(at, HashAlgorithmName.SHA256, WithTimestamp: true);

    [Fact]
    public async Task BT_signature_through_the_loopback_TSA_has_a_verified_timestamp_as_best_signature_time()
    {
        var tsaTime = new FakeTimeProvider(TestPki.Now.AddMinutes(1));
        using var tsa = new LoopbackTsa(new TimestampResponder(pki.Tsa, tsaTime));
        using var http = new HttpClient();
        var signed = await LocalSigner.SignAsync(new CadesSigner(false), Document, pki.RsaSigner, BT(TestPki.Now), new TimestampClient(http, tsa.Url));

        var report = new SignatureValidator(new FakeTimeProvider(TestPki.Now.AddDays(30)))
            .Validate(SignedFiles.File(signed, Document), new ValidationOptions(_paths));
        var s = report.Signatures.Single();
        Assert.Equal(Indication.TotalPassed, s.Indication);
        Assert.Equal("B-T", s.Level);
        Assert.Equal(TestPki.Now.AddMinutes(1), s.BestSignatureTime);
        var ts = Assert.Single(s.Timestamps);
        Assert.Equal(Indication.TotalPassed, ts.Indication);
        Assert.Equal(1, tsa.Requests);
        // The signer's path is judged at the proven time, the TSA's at the validation time.
        Assert.Contains(_paths.Calls, c => c.Target.Thumbprint == pki.RsaSigner.Thumbprint && c.Request.At == TestPki.Now.AddMinutes(1) && c.Request.AtIsProofOfExistence);
        Assert.Contains(_paths.Calls, c => c.Target.Thumbprint == pki.Tsa.Thumbprint && c.Request.At == TestPki.Now.AddDays(30));
    }

    [RequiresToolFact("openssl")]
    public async Task BT_signature_with_an_openssl_ts_token_verifies_with_the_hub_and_with_openssl()
    {
        var signed = await LocalSigner.SignAsync(new CadesSigner(false), Document, pki.EcSigner, BT(TestPki.Now), new OpenSslTsaClient(pki));
        var report = new SignatureValidator(new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(5)))
            .Validate(SignedFiles.File(signed, Document), new ValidationOptions(_paths));
        var s = report.Signatures.Single();
        Assert.Equal(Indication.TotalPassed, s.Indication);
        Assert.Equal("B-T", s.Level);
        Assert.Equal(Indication.TotalPassed, s.Timestamps.Single().Indication);

        File.WriteAllBytes(pki.Path("bt.p7s"), signed);
        File.WriteAllBytes(pki.Path("bt.txt"), Document);
        var (code, output) = Tools.Run("openssl", "cms", "-verify", "-inform", "DER", "-in", pki.Path("bt.p7s"), "-content", pki.Path("bt.txt"),
            "-binary", "-CAfile", pki.Path("root.pem"), "-out", "/dev/null", "-attime", TestPki.Now.ToUnixTimeSeconds().ToString());
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Expired_signer_with_a_timestamp_from_its_validity_passes()
    {
        var signingTime = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        using var tsa = new LoopbackTsa(new TimestampResponder(pki.Tsa, new FakeTimeProvider(signingTime)));
        using var http = new HttpClient();
        var signed = await LocalSigner.SignAsync(new CadesSigner(true), Document, pki.ExpiredSigner, BT(signingTime), new TimestampClient(http, tsa.Url));

        var s = new SignatureValidator(new FakeTimeProvider(TestPki.Now)).Validate(SignedFiles.File(signed), new ValidationOptions(_paths)).Signatures.Single();
        Assert.Equal(Indication.TotalPassed, s.Indication);
        Assert.Equal(signingTime, s.BestSignatureTime);
    }

    [Fact]
    public async Task Revoked_signer_after_a_proven_signing_time_is_REVOKED()
    {
        using var tsa = new LoopbackTsa(new TimestampResponder(pki.Tsa, new FakeTimeProvider(TestPki.Now)));
        using var http = new HttpClient();
        var signed = await LocalSigner.SignAsync(new CadesSigner(true), Document, pki.RsaSigner, BT(TestPki.Now), new TimestampClient(http, tsa.Url));
        _paths.Answer = (target, request) => target.Thumbprint == pki.RsaSigner.Thumbprint
            ? FakePathValidator.Result(Indication.TotalFailed, SubIndication.Revoked, TestPki.Now.AddDays(-1))
            : new(Indication.TotalPassed, null, [target], null, [], []);
        var s = new SignatureValidator(new FakeTimeProvider(TestPki.Now.AddDays(1))).Validate(SignedFiles.File(signed), new ValidationOptions(_paths)).Signatures.Single();
        Assert.Equal((Indication.TotalFailed, SubIndication.Revoked), (s.Indication, s.SubIndication));
    }

    [Fact]
    public async Task Timestamp_over_other_data_is_not_a_proof_of_existence()
    {
        using var tsa = new LoopbackTsa(new TimestampResponder(pki.Tsa, new FakeTimeProvider(TestPki.Now)));
        using var http = new HttpClient();
        var client = new TimestampClient(http, tsa.Url);
        var foreignToken = await client.GetTokenAsync("other data"u8.ToArray(), HashAlgorithmName.SHA256);
        var signed = await LocalSigner.SignAsync(new CadesSigner(true), Document, pki.RsaSigner, BT(TestPki.Now), new FixedTokenClient(foreignToken));

        var s = new SignatureValidator(new FakeTimeProvider(TestPki.Now.AddDays(1))).Validate(SignedFiles.File(signed), new ValidationOptions(_paths)).Signatures.Single();
        Assert.Equal("B-B", s.Level);
        Assert.Equal((Indication.TotalFailed, SubIndication.HashFailure), (s.Timestamps.Single().Indication, s.Timestamps.Single().SubIndication));
        Assert.Equal(TestPki.Now.AddDays(1), s.BestSignatureTime);
    }

    [Fact]
    public async Task Client_rejects_a_response_whose_nonce_or_imprint_is_not_its_own()
    {
        var responder = new TimestampResponder(pki.Tsa, new FakeTimeProvider(TestPki.Now));
        using var tsa = new LoopbackTsa(responder);
        var replay = responder.Handle(TimestampClient.Request(HashAlgorithmName.SHA256, SHA256.HashData("x"u8), 42));
        tsa.Handler = _ => replay;
        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<TimestampException>(() => new TimestampClient(http, tsa.Url).GetTokenAsync("y"u8.ToArray(), HashAlgorithmName.SHA256));
        Assert.Contains("other data", error.Message);
    }

    [Fact]
    public void Responder_rejects_garbage_with_a_status_not_an_exception()
    {
        var responder = new TimestampResponder(pki.Tsa, new FakeTimeProvider(TestPki.Now));
        var reply = responder.Handle([1, 2, 3]);
        var error = Assert.Throws<TimestampException>(() => TimestampClient.CheckResponse(reply, HashAlgorithmName.SHA256, new byte[32], null));
        Assert.Contains("refused", error.Message);
    }

    [RequiresToolFact("openssl")]
    public void Responder_tokens_verify_with_openssl_ts()
    {
        var responder = new TimestampResponder(pki.Tsa, new FakeTimeProvider(TestPki.Now));
        File.WriteAllBytes(pki.Path("data.bin"), Document);
        Tools.OpenSsl("ts", "-query", "-data", pki.Path("data.bin"), "-sha256", "-cert", "-out", pki.Path("q.tsq"));
        File.WriteAllBytes(pki.Path("r.tsr"), responder.Handle(File.ReadAllBytes(pki.Path("q.tsq"))));
        var (code, output) = Tools.Run("openssl", "ts", "-verify", "-in", pki.Path("r.tsr"), "-queryfile", pki.Path("q.tsq"),
            "-CAfile", pki.Path("root.pem"), "-attime", TestPki.Now.AddMinutes(1).ToUnixTimeSeconds().ToString());
        Assert.True(code == 0, output);
        Assert.Contains("Verification: OK", output);
    }

    private sealed class FixedTokenClient(byte[] token) : ITimestampClient
    {
        public Task<byte[]> GetTokenAsync(byte[] data, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken = default) => Task.FromResult(token);
    }
}
