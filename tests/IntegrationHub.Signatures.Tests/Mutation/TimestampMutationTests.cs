using System.Formats.Asn1;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Tests.Validation;
using IntegrationHub.Signatures.Timestamps;
using IntegrationHub.Signatures.Validation;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// RFC 3161 request, response and token rules that the B-T tests did not pin down (survivors of the mutation run
/// on Signatures/Timestamps): the request's fields, response statuses, size limits, nonces, serials, optional TSTInfo fields.
/// </summary>
[Collection(PkiCollection.Name)]
public sealed class TimestampMutationTests(TestPki pki)
{
    private static readonly byte[] Imprint = SHA256.HashData("data"u8);

    private TimestampResponder Responder(string policy = TimestampResponder.DefaultPolicy)
        => new(pki.Tsa, new FakeTimeProvider(TestPki.Now), policy);

    private static (byte[] Token, TstInfo Info) Granted(byte[] reply, BigInteger? nonce)
    {
        var token = TimestampClient.CheckResponse(reply, HashAlgorithmName.SHA256, Imprint, nonce);
        return (token, TstInfo.Parse(CmsSignedDataParser.Parse(token).EContent!.Value));
    }

    [Fact]
    public void A_request_is_version_1_with_the_imprint_the_nonce_and_certReq_true()
    {
        var seq = new AsnReader(TimestampClient.Request(HashAlgorithmName.SHA256, Imprint, 42), AsnEncodingRules.DER).ReadSequence();
        Assert.Equal(1, (int)seq.ReadInteger());
        var imprint = seq.ReadSequence();
        Assert.Equal("2.16.840.1.101.3.4.2.1", imprint.ReadSequence().ReadObjectIdentifier());
        Assert.Equal(Imprint, imprint.ReadOctetString());
        Assert.Equal(42, (int)seq.ReadInteger());
        Assert.True(seq.ReadBoolean());
        Assert.False(seq.HasData);
    }

    [Fact]
    public void A_request_without_nonce_goes_from_the_imprint_to_certReq()
    {
        var seq = new AsnReader(TimestampClient.Request(HashAlgorithmName.SHA256, Imprint, null), AsnEncodingRules.DER).ReadSequence();
        seq.ReadInteger();
        seq.ReadSequence();
        Assert.True(seq.ReadBoolean());
        Assert.False(seq.HasData);
    }

    [RequiresToolFact("openssl")]
    public void Openssl_reads_the_request_as_hub_wrote_it()
    {
        File.WriteAllBytes(pki.Path("mut.tsq"), TimestampClient.Request(HashAlgorithmName.SHA256, Imprint, 0x2A));
        var text = Tools.OpenSsl("ts", "-query", "-in", pki.Path("mut.tsq"), "-text");
        Assert.Contains("Version: 1", text);
        Assert.Contains("Nonce: 0x2A", text);
        Assert.Contains("Certificate required: yes", text);
    }

    [Fact]
    public void The_responder_grants_with_its_clock_its_policy_and_increasing_serials()
    {
        var responder = Responder("1.3.6.1.4.1.55555.9.9");
        var request = TimestampClient.Request(HashAlgorithmName.SHA256, Imprint, 7);
        var first = Granted(responder.Handle(request), 7).Info;
        var second = Granted(responder.Handle(request), 7).Info;
        Assert.Equal(TestPki.Now, first.GenerationTime);
        Assert.Equal("1.3.6.1.4.1.55555.9.9", first.Policy);
        Assert.Equal(new BigInteger(TestPki.Now.ToUnixTimeSeconds() + 1), first.SerialNumber);
        Assert.Equal(first.SerialNumber + 1, second.SerialNumber);
        Assert.Equal(new BigInteger(7), first.Nonce);
    }

    [Fact]
    public void A_request_over_64_KiB_is_refused_as_too_large_and_one_of_64_KiB_is_read()
    {
        var responder = Responder();
        var tooLarge = Assert.Throws<TimestampException>(() => TimestampClient.CheckResponse(responder.Handle(new byte[64 * 1024 + 1]), HashAlgorithmName.SHA256, Imprint, null));
        Assert.Equal("The TSA refused the request (status 2): request too large.", tooLarge.Message);
        var atLimit = Assert.Throws<TimestampException>(() => TimestampClient.CheckResponse(responder.Handle(new byte[64 * 1024]), HashAlgorithmName.SHA256, Imprint, null));
        Assert.Equal("The TSA refused the request (status 2): malformed request.", atLimit.Message);
    }

    [Fact]
    public void One_answer_s_status_does_not_leak_into_the_next()
    {
        // BouncyCastle's response generator appends each answer's status text and failure bits to its own fields:
        // shared, every later answer carried all earlier ones (and the list grew for the process's life).
        var responder = Responder();
        responder.Handle([1, 2, 3]);
        var second = Assert.Throws<TimestampException>(() => TimestampClient.CheckResponse(responder.Handle([4, 5, 6]), HashAlgorithmName.SHA256, Imprint, null));
        Assert.Equal("The TSA refused the request (status 2): malformed request.", second.Message);

        var request = TimestampClient.Request(HashAlgorithmName.SHA256, Imprint, null);
        var first = StatusStrings(responder.Handle(request));
        for (int i = 0; i < 3; i++) responder.Handle(request);
        Assert.Equal(first, StatusStrings(responder.Handle(request)));
        Assert.True(first.Count <= 1, string.Join("; ", first));
    }

    [Fact]
    public void A_TSA_certificate_without_its_private_key_is_refused()
        => Assert.Throws<ArgumentException>(() => new TimestampResponder(X509CertificateLoader.LoadCertificate(pki.Tsa.RawData), TimeProvider.System));

    [Fact]
    public void Granted_with_modifications_is_accepted()
    {
        var granted = Responder().Handle(TimestampClient.Request(HashAlgorithmName.SHA256, Imprint, 5));
        var token = Granted(granted, 5).Token;
        Assert.Equal(token, TimestampClient.CheckResponse(Response(status: 1, token), HashAlgorithmName.SHA256, Imprint, 5));
    }

    [Fact]
    public void A_refusal_without_status_text_says_only_its_status()
    {
        var e = Assert.Throws<TimestampException>(() => TimestampClient.CheckResponse(Response(status: 2, token: null), HashAlgorithmName.SHA256, Imprint, null));
        Assert.Equal("The TSA refused the request (status 2).", e.Message);
    }

    [Fact]
    public void A_grant_without_a_token_is_refused()
    {
        var e = Assert.Throws<TimestampException>(() => TimestampClient.CheckResponse(Response(status: 0, token: null), HashAlgorithmName.SHA256, Imprint, null));
        Assert.Contains("sent no token", e.Message);
    }

    [Fact]
    public async Task A_grant_whose_token_is_not_a_TSTInfo_is_refused()
    {
        var notTst = await LocalSigner.SignAsync(new CadesSigner(true), "data"u8.ToArray(), pki.RsaSigner, new SigningParameters(TestPki.Now, HashAlgorithmName.SHA256));
        var e = Assert.Throws<TimestampException>(() => TimestampClient.CheckResponse(Response(status: 0, notTst), HashAlgorithmName.SHA256, Imprint, null));
        Assert.Contains("no TSTInfo", e.Message);
    }

    [Fact]
    public void A_token_for_the_same_bytes_under_another_digest_is_other_data()
    {
        var reply = Responder().Handle(TimestampClient.Request(HashAlgorithmName.SHA256, Imprint, null));
        var e = Assert.Throws<TimestampException>(() => TimestampClient.CheckResponse(reply, HashAlgorithmName.SHA384, Imprint, null));
        Assert.Contains("other data", e.Message);
    }

    [Fact]
    public void Without_a_nonce_sent_the_token_nonce_is_not_checked_with_one_it_must_match()
    {
        var reply = Responder().Handle(TimestampClient.Request(HashAlgorithmName.SHA256, Imprint, 9));
        Assert.NotEmpty(TimestampClient.CheckResponse(reply, HashAlgorithmName.SHA256, Imprint, null));
        var e = Assert.Throws<TimestampException>(() => TimestampClient.CheckResponse(reply, HashAlgorithmName.SHA256, Imprint, 10));
        Assert.Contains("nonce", e.Message);
    }

    [Fact]
    public void Garbage_is_a_malformed_response()
    {
        var e = Assert.Throws<TimestampException>(() => TimestampClient.CheckResponse([0x30, 0x03, 0x02], HashAlgorithmName.SHA256, Imprint, null));
        Assert.StartsWith("The TSA's response is malformed", e.Message);
    }

    [Fact]
    public async Task An_HTTP_error_from_the_TSA_is_a_timestamp_error_naming_the_status()
    {
        using var http = new HttpClient(new Answer(HttpStatusCode.ServiceUnavailable, []));
        var e = await Assert.ThrowsAsync<TimestampException>(() => new TimestampClient(http, new Uri("http://127.0.0.1:9/tsa")).GetTokenAsync("d"u8.ToArray(), HashAlgorithmName.SHA256));
        Assert.Contains("HTTP 503", e.Message);
    }

    [Fact]
    public async Task A_response_over_1_MiB_is_refused_one_of_1_MiB_is_parsed()
    {
        using var over = new HttpClient(new Answer(HttpStatusCode.OK, new byte[(1 << 20) + 1]));
        var tooLarge = await Assert.ThrowsAsync<TimestampException>(() => new TimestampClient(over, new Uri("http://127.0.0.1:9/tsa")).GetTokenAsync("d"u8.ToArray(), HashAlgorithmName.SHA256));
        Assert.Contains("oversized", tooLarge.Message);
        using var at = new HttpClient(new Answer(HttpStatusCode.OK, new byte[1 << 20]));
        var malformed = await Assert.ThrowsAsync<TimestampException>(() => new TimestampClient(at, new Uri("http://127.0.0.1:9/tsa")).GetTokenAsync("d"u8.ToArray(), HashAlgorithmName.SHA256));
        Assert.Contains("malformed", malformed.Message);
    }

    [Fact]
    public async Task The_client_posts_a_timestamp_query_with_a_fresh_nonce()
    {
        var answer = new Answer(HttpStatusCode.ServiceUnavailable, []);
        using var http = new HttpClient(answer);
        var client = new TimestampClient(http, new Uri("http://127.0.0.1:9/tsa"));
        await Assert.ThrowsAsync<TimestampException>(() => client.GetTokenAsync("d"u8.ToArray(), HashAlgorithmName.SHA256));
        await Assert.ThrowsAsync<TimestampException>(() => client.GetTokenAsync("d"u8.ToArray(), HashAlgorithmName.SHA256));
        Assert.Equal(["application/timestamp-query", "application/timestamp-query"], answer.MediaTypes);
        Assert.NotEqual(Nonce(answer.Bodies[0]), Nonce(answer.Bodies[1]));
        Assert.Equal(SHA256.HashData("d"u8), Imprinted(answer.Bodies[0]));
    }

    [Fact]
    public void The_nonce_is_found_after_accuracy_and_ordering()
    {
        var info = TstInfo.Parse(TstInfoDer(withOptionalFields: true));
        Assert.Equal(new BigInteger(77), info.Nonce);
        Assert.Equal(new BigInteger(12345), info.SerialNumber);
        Assert.Equal(HashAlgorithmName.SHA256, info.ImprintAlgorithm);
        Assert.Null(TstInfo.Parse(TstInfoDer(withOptionalFields: false)).Nonce);
    }

    [Fact]
    public void An_unknown_imprint_algorithm_is_a_format_error()
        => Assert.Throws<FormatException>(() => TstInfo.Parse(TstInfoDer(withOptionalFields: false, imprintOid: "1.2.3.4")));

    [Fact]
    public async Task The_verifier_calls_a_non_TSTInfo_token_a_format_failure()
    {
        var cms = await LocalSigner.SignAsync(new CadesSigner(true), "data"u8.ToArray(), pki.RsaSigner, new SigningParameters(TestPki.Now, HashAlgorithmName.SHA256));
        var check = Verify(cms, "data"u8.ToArray());
        Assert.Equal((Indication.Indeterminate, SubIndication.FormatFailure), (check.Verdict.Indication, check.Verdict.SubIndication));
        Assert.Contains("does not encapsulate a TSTInfo", Assert.Single(check.Errors));
    }

    [Fact]
    public void The_verifier_calls_garbage_a_malformed_token()
    {
        var check = Verify([0x30, 0x03, 0x02, 0x01], "data"u8.ToArray());
        Assert.Equal(SubIndication.FormatFailure, check.Verdict.SubIndication);
        Assert.StartsWith("The timestamp token is malformed", Assert.Single(check.Errors));
        Assert.Null(check.GenerationTime);
    }

    [Fact]
    public void A_TSA_path_that_fails_makes_the_timestamp_fail_with_the_path_words()
    {
        var token = Granted(Responder().Handle(TimestampClient.Request(HashAlgorithmName.SHA256, Imprint, null)), null).Token;
        var paths = new FakePathValidator { Answer = (_, _) => FakePathValidator.Result(Indication.Indeterminate, SubIndication.NoCertificateChainFound) };
        var check = TimestampTokenVerifier.Verify(new TimestampEvidence("SIGNATURE_TIMESTAMP", token, "data"u8.ToArray()), paths, CryptoPolicy.VnDefault, TestPki.Now.AddDays(1), []);
        Assert.Equal((Indication.Indeterminate, SubIndication.NoCertificateChainFound), (check.Verdict.Indication, check.Verdict.SubIndication));
        Assert.Equal("The TSA's certificate path did not validate.", check.Errors[0]);
        Assert.Equal(TestPki.Now, check.GenerationTime);
        var report = check.ToReport("SIGNATURE_TIMESTAMP");
        Assert.Equal(("SIGNATURE_TIMESTAMP", TestPki.Now, Indication.Indeterminate, pki.Tsa.Subject), (report.Type, report.GenerationTime, report.Indication, report.Tsa));
        // The TSA's path is judged at the validation time, as a proof of existence, with the token's certificates.
        var call = Assert.Single(paths.Calls);
        Assert.Equal(pki.Tsa.Thumbprint, call.Target.Thumbprint);
        Assert.True(call.Request.AtIsProofOfExistence);
        Assert.Equal(TestPki.Now.AddDays(1), call.Request.At);
    }

    [Fact]
    public void A_passing_token_reports_its_TSA_and_time()
    {
        var token = Granted(Responder().Handle(TimestampClient.Request(HashAlgorithmName.SHA256, Imprint, null)), null).Token;
        var check = Verify(token, "data"u8.ToArray());
        Assert.True(check.Verdict.IsPassed);
        Assert.Empty(check.Errors);
        Assert.Equal(pki.Tsa.Thumbprint, check.Tsa!.Thumbprint);
        Assert.Equal(TestPki.Now, check.GenerationTime);
    }

    [Fact]
    public void A_report_of_a_token_without_time_carries_the_default_instant()
        => Assert.Equal(default, new TimestampCheck(Verdict.Indeterminate(SubIndication.FormatFailure), null, null, ["x"]).ToReport("T").GenerationTime);

    private TimestampCheck Verify(byte[] token, byte[] data)
        => TimestampTokenVerifier.Verify(new TimestampEvidence("SIGNATURE_TIMESTAMP", token, data), new FakePathValidator(), CryptoPolicy.VnDefault, TestPki.Now.AddDays(1), []);

    /// <summary>A TimeStampResp: PKIStatusInfo with only a status, then the token when given.</summary>
    private static byte[] Response(int status, byte[]? token)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence()) writer.WriteInteger(status);
            if (token is not null) writer.WriteEncodedValue(token);
        }
        return writer.Encode();
    }

    private static byte[] TstInfoDer(bool withOptionalFields, string imprintOid = "2.16.840.1.101.3.4.2.1")
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteObjectIdentifier(TimestampResponder.DefaultPolicy);
            using (writer.PushSequence())
            {
                using (writer.PushSequence()) writer.WriteObjectIdentifier(imprintOid);
                writer.WriteOctetString(Imprint);
            }
            writer.WriteInteger(12345);
            writer.WriteGeneralizedTime(TestPki.Now);
            if (withOptionalFields)
            {
                using (writer.PushSequence()) writer.WriteInteger(1); // accuracy: 1 second
                writer.WriteBoolean(false); // ordering
                writer.WriteInteger(77); // nonce
            }
        }
        return writer.Encode();
    }

    private static List<string> StatusStrings(byte[] response)
    {
        var statusInfo = new AsnReader(response, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        statusInfo.ReadInteger();
        var strings = new List<string>();
        if (statusInfo.HasData && statusInfo.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var texts = statusInfo.ReadSequence();
            while (texts.HasData) strings.Add(texts.ReadCharacterString(UniversalTagNumber.UTF8String));
        }
        return strings;
    }

    private static BigInteger Nonce(byte[] request)
    {
        var seq = new AsnReader(request, AsnEncodingRules.DER).ReadSequence();
        seq.ReadInteger();
        seq.ReadSequence();
        return seq.ReadInteger();
    }

    private static byte[] Imprinted(byte[] request)
    {
        var seq = new AsnReader(request, AsnEncodingRules.DER).ReadSequence();
        seq.ReadInteger();
        var imprint = seq.ReadSequence();
        imprint.ReadSequence();
        return imprint.ReadOctetString();
    }

    /// <summary>An HTTP answer without a socket, for the client's status and size checks; records what was posted.</summary>
    private sealed class Answer(HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        public List<string?> MediaTypes { get; } = [];
        public List<byte[]> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            MediaTypes.Add(request.Content!.Headers.ContentType?.MediaType);
            Bodies.Add(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            return new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
        }
    }
}
